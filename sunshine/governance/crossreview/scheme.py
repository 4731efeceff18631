"""The indicator scheme of a round (评分指标体系): the default for 政务公开 work, copied from the
organiser's previous round when there is one, and edited as a whole while the round is a draft.

`replace_indicators(rows=[{"id"?, "group", "name", "code"?, "criteria", "weight",
"max_score", "group_code"?}, ...])` keeps the rows with an id (updated), creates those without,
and deletes the round's indicators not listed. Refusals name the row: "weight_2" is the weight
of rows[2] (the workbench form's fields are named that way); "__all__" the scheme as a whole.
Weights must add up to 100 before the round can start (workflow.scheme_problems); a draft may
be saved with another sum, and is told so."""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event

from .choices import DEFAULT_SCHEME, NAME_MAX, SCORE_MAX_LIMIT, TEXT_MAX, RoundState
from .models import ReviewIndicator, ReviewRound

_CODE = re.compile(r"^[a-z0-9_.\-]{1,60}$")


def default_rows() -> list[dict]:
    return [
        {
            "group_code": group_code,
            "group": str(group),
            "code": code,
            "name": str(name),
            "criteria": str(criteria),
            "weight": Decimal(weight),
            "max_score": Decimal(max_score),
        }
        for group_code, group, code, name, criteria, weight, max_score in DEFAULT_SCHEME
    ]


def previous_round(agency, *, exclude_pk=None) -> ReviewRound | None:
    """The organiser's latest round that has indicators (the one a new round copies)."""
    qs = ReviewRound.objects.filter(agency=agency, indicators__isnull=False).distinct()
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.order_by("-year", "-created_at", "-id").first()


def rows_of(round_: ReviewRound) -> list[dict]:
    return [
        {
            "group_code": i.group_code,
            "group": i.group,
            "code": i.code,
            "name": i.name,
            "criteria": i.criteria,
            "weight": i.weight,
            "max_score": i.max_score,
        }
        for i in round_.indicators.all()
    ]


def create_indicators(round_: ReviewRound, rows: list[dict]) -> None:
    ReviewIndicator.objects.bulk_create(
        ReviewIndicator(round=round_, position=(n + 1) * 10, **row) for n, row in enumerate(rows)
    )


def _decimal(errors, key, value, *, low, high):
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        errors[key] = _("请填写数字。")
        return None
    if not number.is_finite() or number <= low or number > high:
        errors[key] = _("须大于%(low)s且不超过%(high)s。") % {"low": low, "high": high}
        return None
    if number != number.quantize(Decimal("0.01")):
        errors[key] = _("最多两位小数。")
        return None
    return number


def _group_code(group: str, known: dict) -> str:
    if group in known:
        return known[group]
    code = f"group{len(known) + 1}"
    known[group] = code
    return code


def _clean_rows(round_, rows) -> list[dict]:
    errors: dict = {}
    clean = []
    existing = {i.pk: i for i in round_.indicators.all()}
    groups = {i.group: i.group_code for i in existing.values()}
    codes_seen = set()
    for n, row in enumerate(rows):
        item = {"id": row.get("id")}
        for name, limit in (("group", NAME_MAX), ("name", NAME_MAX), ("criteria", TEXT_MAX)):
            value = str(row.get(name) or "").strip()
            if name != "criteria" and not value:
                errors[f"{name}_{n}"] = _("此项必填。")
            elif len(value) > limit:
                errors[f"{name}_{n}"] = _("不能超过%(n)s个字。") % {"n": limit}
            item[name] = value
        item["weight"] = _decimal(errors, f"weight_{n}", row.get("weight"), low=0, high=100)
        item["max_score"] = _decimal(
            errors, f"max_score_{n}", row.get("max_score"), low=0, high=SCORE_MAX_LIMIT
        )
        if item["id"] is not None and item["id"] not in existing:
            errors[f"name_{n}"] = _("该指标不属于本轮互评。")
        code = str(row.get("code") or "").strip()
        if not code and item["id"] in existing:
            code = existing[item["id"]].code
        if code and not _CODE.match(code):
            errors[f"code_{n}"] = _("指标代码只能由小写字母、数字、点、下划线和连字符组成。")
        item["code"] = code
        item["group_code"] = str(row.get("group_code") or "").strip() or _group_code(
            item["group"], groups
        )
        if code:
            if code in codes_seen:
                errors[f"code_{n}"] = _("指标代码重复。")
            codes_seen.add(code)
        clean.append(item)
    if not clean:
        errors["__all__"] = _("至少需要一个评分指标。")
    if errors:
        raise ValidationError(errors)
    taken = set(codes_seen)
    for n, item in enumerate(clean):  # new rows without a code get the next free one
        if not item["code"]:
            k = n + 1
            while f"custom.{k}" in taken:
                k += 1
            item["code"] = f"custom.{k}"
            taken.add(item["code"])
    return clean


@transaction.atomic
def replace_indicators(*, actor, round_: ReviewRound, rows: list[dict]) -> list[ReviewIndicator]:
    """Save the round's whole scheme (a draft round only); see the module docstring."""
    require(actor, "crossreview.manage", round_)
    round_ = ReviewRound.objects.select_for_update().get(pk=round_.pk)
    if round_.state != RoundState.DRAFT:
        raise ValidationError(_("评审开始后不能再修改评分指标。"))
    before = rows_of(round_)
    clean = _clean_rows(round_, rows)
    keep = {item["id"] for item in clean if item["id"] is not None}
    round_.indicators.exclude(pk__in=keep).delete()
    # Codes are unique within the round: clear the kept rows' codes first, so two rows may
    # swap codes in one save.
    for item in clean:
        if item["id"] is not None:
            ReviewIndicator.objects.filter(pk=item["id"]).update(code=f"~{item['id']}")
    for n, item in enumerate(clean):
        fields = {k: v for k, v in item.items() if k != "id"}
        fields["position"] = (n + 1) * 10
        if item["id"] is None:
            ReviewIndicator.objects.create(round=round_, **fields)
        else:
            ReviewIndicator.objects.filter(pk=item["id"]).update(**fields)
    after = rows_of(round_)
    record_event(
        action="crossreview.indicators",
        actor=actor,
        obj=round_,
        summary=_("评分指标 %(n)s 项") % {"n": len(after)},
        data={"codes": [r["code"] for r in after]},
        before=before,
        after=after,
    )
    return list(round_.indicators.all())
