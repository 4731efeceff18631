"""Checks of a decision's content: one function that collects every field's error, so a form
or an API call shows them all at once. Pure apart from the 权力清单 lookup."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sunshine.governance.powers.choices import PowerKind
from sunshine.governance.powers.selectors import versions_in_force
from sunshine.kernel.moderation.checks import contains_markup
from sunshine.kernel.orgs.codes import validate_credit_code, validate_id_number

from .choices import DOC_NUMBER_MAX, TITLE_MAX, DecisionKind, PartyKind, PenaltyCategory

TEXT_MAX = 5000
FIELDS = (
    "kind",
    "doc_number",
    "title",
    "power_code",
    "party_name",
    "party_kind",
    "credit_code",
    "legal_rep",
    "id_number",
    "basis",
    "content",
    "license_number",
    "valid_from",
    "valid_to",
    "facts",
    "penalty_categories",
    "fine_amount",
    "confiscated_amount",
    "is_major",
)
POWER_KIND = {DecisionKind.LICENSE: PowerKind.LICENSING, DecisionKind.PENALTY: PowerKind.PENALTY}


def _text(errors, data, name, *, required=False, limit=TEXT_MAX) -> str:
    value = str(data.get(name) or "").strip()
    if required and not value:
        errors[name] = [_("此项必填。")]
    elif len(value) > limit:
        errors[name] = [_("不能超过%(n)s个字。") % {"n": limit}]
    elif contains_markup(value):
        errors[name] = [_("不能包含网页代码（HTML）。")]
    return value


def _date(errors, data, name) -> dt.date | None:
    value = data.get(name)
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors[name] = [_("日期格式应为 YYYY-MM-DD。")]
        return None


def _amount(errors, data, name) -> Decimal | None:
    value = data.get(name)
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
        if not amount.is_finite() or amount < 0 or amount >= Decimal("100000000"):
            raise InvalidOperation
    except InvalidOperation:
        errors[name] = [_("金额应为不小于0的数字（单位：万元）。")]
        return None
    return amount.quantize(Decimal("0.000001"))


def clean_content(data: dict, *, agency) -> dict:
    """The cleaned fields, or a ValidationError naming each wrong field."""
    errors: dict[str, list[str]] = {}
    kind = str(data.get("kind") or "")
    if kind not in DecisionKind.values:
        errors["kind"] = [_("请选择决定类别（行政许可或行政处罚）。")]
    party_kind = str(data.get("party_kind") or "")
    if party_kind not in PartyKind.values:
        errors["party_kind"] = [_("请选择行政相对人类别。")]
    out = {
        "kind": kind,
        "party_kind": party_kind,
        "doc_number": _text(errors, data, "doc_number", required=True, limit=DOC_NUMBER_MAX),
        "title": _text(errors, data, "title", required=True, limit=TITLE_MAX),
        "power_code": _text(errors, data, "power_code", limit=40),
        "party_name": _text(errors, data, "party_name", required=True, limit=200),
        "legal_rep": _text(errors, data, "legal_rep", limit=50),
        "basis": _text(errors, data, "basis", required=True),
        "content": _text(errors, data, "content", required=True),
        "license_number": _text(errors, data, "license_number", limit=100),
        "facts": _text(errors, data, "facts"),
        "valid_from": _date(errors, data, "valid_from"),
        "valid_to": _date(errors, data, "valid_to"),
        "fine_amount": _amount(errors, data, "fine_amount"),
        "confiscated_amount": _amount(errors, data, "confiscated_amount"),
        "is_major": bool(data.get("is_major")),
    }
    credit = str(data.get("credit_code") or "").strip().upper()
    id_number = str(data.get("id_number") or "").strip().upper()
    if party_kind == PartyKind.PERSON:
        credit = ""
        if id_number:
            try:
                validate_id_number(id_number)
            except ValidationError as exc:
                errors["id_number"] = list(exc.messages)
    else:
        id_number = ""
        if not credit:
            errors["credit_code"] = [_("法人、非法人组织和个体工商户须填写统一社会信用代码。")]
        else:
            try:
                validate_credit_code(credit)
            except ValidationError as exc:
                errors["credit_code"] = list(exc.messages)
    out["credit_code"], out["id_number"] = credit, id_number
    categories = data.get("penalty_categories") or []
    if isinstance(categories, str):
        categories = [categories]
    categories = [str(c) for c in categories]
    if kind == DecisionKind.PENALTY:
        if not categories:
            errors["penalty_categories"] = [_("请选择处罚类别。")]
        elif any(c not in PenaltyCategory.values for c in categories):
            errors["penalty_categories"] = [_("处罚类别无效。")]
        if not out["facts"] and "facts" not in errors:
            errors["facts"] = [_("行政处罚须填写违法事实。")]
        if PenaltyCategory.FINE in categories and out["fine_amount"] is None:
            errors.setdefault("fine_amount", [_("处罚类别含罚款时须填写罚款金额。")])
        out["license_number"], out["valid_from"], out["valid_to"] = "", None, None
    elif kind == DecisionKind.LICENSE:
        categories = []
        out["facts"], out["fine_amount"], out["confiscated_amount"] = "", None, None
        if out["valid_from"] and out["valid_to"] and out["valid_to"] < out["valid_from"]:
            errors["valid_to"] = [_("有效期至不能早于有效期自。")]
    out["penalty_categories"] = sorted(set(categories), key=PenaltyCategory.values.index)
    if out["power_code"] and kind in POWER_KIND and "power_code" not in errors:
        exists = versions_in_force().filter(
            item__agency=agency, item__code=out["power_code"], item__kind=POWER_KIND[kind]
        )
        if not exists.exists():
            errors["power_code"] = [
                _("本机关权力清单中没有现行有效的该编码的%(kind)s事项。")
                % {"kind": PowerKind(POWER_KIND[kind]).label}
            ]
    if errors:
        raise ValidationError(errors)
    return out
