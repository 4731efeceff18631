"""Writes of the 权力清单 (actions): each checks the permission, applies the rule, and writes
its audit event in the same transaction; a refusal is a ValidationError naming the field or a
PermissionDenied.

Versions: an item's versions follow each other by effective date. A revision takes effect on
its `effective_from` (today or later, and after the latest version's own effective date); the
version before it then ends that day (`effective_to`, exclusive). A repeal (废止) ends the
latest version on the given day. Nothing is deleted: the public page shows every version."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event

from . import indexing
from .models import PowerItem, PowerItemVersion
from .validation import CONTENT_FIELDS, clean_code, clean_content, clean_kind, parse_date


def _search_text(version: PowerItemVersion, item: PowerItem) -> str:
    return " ".join([item.code, version.name, version.basis, version.subject])


def snapshot(version: PowerItemVersion | None) -> dict:
    if version is None:
        return {}
    return {name: getattr(version, name) for name in CONTENT_FIELDS} | {
        "effective_from": version.effective_from.isoformat(),
    }


def _effective_from(value, *, latest: PowerItemVersion | None) -> dt.date:
    day = clock.today() if value in (None, "") else parse_date(value)
    if latest is not None and day <= latest.effective_from:
        raise ValidationError(
            {
                "effective_from": [
                    _("生效日期须晚于现行版本（第 %(n)s 版）的生效日期 %(d)s。")
                    % {"n": latest.number, "d": latest.effective_from.isoformat()}
                ]
            }
        )
    return day


def _add_version(item, *, actor, content, effective_from, note, number) -> PowerItemVersion:
    version = PowerItemVersion(
        item=item,
        number=number,
        effective_from=effective_from,
        note=str(note or "").strip()[:300],
        created_at=clock.now(),
        created_by=actor if getattr(actor, "pk", None) else None,
        **content,
    )
    version.search_text = _search_text(version, item)
    version.save()
    return version


@transaction.atomic
def create_item(*, actor, agency, code, kind, effective_from=None, note="", **values) -> PowerItem:
    """A new power item of `agency` with its first version."""
    require(actor, "power.edit", agency)
    errors: dict[str, list[str]] = {}
    cleaned_code = cleaned_kind = None
    content = {}
    for step in ("code", "kind", "content", "effective_from"):
        try:
            if step == "code":
                cleaned_code = clean_code(code)
            elif step == "kind":
                cleaned_kind = clean_kind(kind)
            elif step == "content":
                content = clean_content(values, kind=cleaned_kind or "")
            else:
                effective_from = _effective_from(effective_from, latest=None)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if cleaned_code and PowerItem.objects.filter(agency=agency, code=cleaned_code).exists():
        errors.setdefault("code", []).append(_("本机关已有该编码的事项。"))
    if errors:
        raise ValidationError(errors)
    now = clock.now()
    item = PowerItem.objects.create(
        agency=agency, code=cleaned_code, kind=cleaned_kind, created_at=now, updated_at=now
    )
    version = _add_version(
        item, actor=actor, content=content, effective_from=effective_from, note=note, number=1
    )
    record_event(
        action="power.create",
        actor=actor,
        obj=item,
        agency=agency,
        summary=_("新增权力事项 %(code)s %(name)s") % {"code": item.code, "name": version.name},
        data={"version": 1, "effective_from": effective_from.isoformat(), "kind": item.kind},
        after=snapshot(version),
    )
    transaction.on_commit(lambda: indexing.index_item(item))
    return item


def latest_version(item: PowerItem) -> PowerItemVersion | None:
    return item.versions.order_by("-number").first()


@transaction.atomic
def revise_item(
    *, actor, item, effective_from=None, note="", kind=None, **values
) -> PowerItemVersion:
    """A new version of `item` in force from `effective_from` (default today); the version
    before it ends that day. Unchanged content is refused (nothing to revise)."""
    require(actor, "power.edit", item.agency)
    item = PowerItem.objects.select_for_update().get(pk=item.pk)
    latest = latest_version(item)
    errors: dict[str, list[str]] = {}
    new_kind = item.kind
    content: dict = {}
    try:
        new_kind = clean_kind(kind) if kind not in (None, "") else item.kind
    except ValidationError as exc:
        errors.update(exc.message_dict)
    merged = {name: values.get(name, getattr(latest, name)) for name in CONTENT_FIELDS}
    try:
        content = clean_content(merged, kind=new_kind)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        effective_from = _effective_from(effective_from, latest=latest)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if (
        not errors
        and new_kind == item.kind
        and content == {name: getattr(latest, name) for name in CONTENT_FIELDS}
    ):
        errors["__all__"] = [_("内容没有变化，无需新增版本。")]
    if not str(note or "").strip() and not errors:
        errors["note"] = [_("请填写修订说明（依据哪项法规或文件调整）。")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(latest)
    if latest.effective_to is None or latest.effective_to > effective_from:
        latest.effective_to = effective_from
        latest.save(update_fields=["effective_to"])
    item.kind = new_kind
    item.updated_at = clock.now()
    item.save(update_fields=["kind", "updated_at"])
    version = _add_version(
        item,
        actor=actor,
        content=content,
        effective_from=effective_from,
        note=note,
        number=latest.number + 1,
    )
    record_event(
        action="power.revise",
        actor=actor,
        obj=item,
        agency=item.agency,
        summary=_("调整权力事项 %(code)s（第 %(n)s 版，%(d)s 起生效）")
        % {"code": item.code, "n": version.number, "d": effective_from.isoformat()},
        data={"version": version.number, "note": version.note, "kind": item.kind},
        before=before,
        after=snapshot(version),
    )
    transaction.on_commit(lambda: indexing.index_item(item))
    return version


@transaction.atomic
def repeal_item(*, actor, item, on=None, note="") -> PowerItemVersion:
    """取消 (repeal) the item from `on` (default today): its latest version ends that day."""
    require(actor, "power.edit", item.agency)
    item = PowerItem.objects.select_for_update().get(pk=item.pk)
    latest = latest_version(item)
    day = clock.today() if on in (None, "") else parse_date(on, "on")
    errors: dict[str, list[str]] = {}
    if day < clock.today():
        errors["on"] = [_("废止日期不能早于今天。")]
    elif day <= latest.effective_from:
        errors["on"] = [
            _("废止日期须晚于现行版本的生效日期 %(d)s。") % {"d": latest.effective_from.isoformat()}
        ]
    elif latest.effective_to is not None:
        errors["on"] = [_("该事项已于 %(d)s 废止。") % {"d": latest.effective_to.isoformat()}]
    if not str(note or "").strip():
        errors["note"] = [_("请填写废止依据。")]
    if errors:
        raise ValidationError(errors)
    latest.effective_to = day
    latest.note = (f"{latest.note}；" if latest.note else "") + _("废止：%(n)s") % {
        "n": str(note).strip()
    }
    latest.note = latest.note[:300]
    latest.save(update_fields=["effective_to", "note"])
    item.updated_at = clock.now()
    item.save(update_fields=["updated_at"])
    record_event(
        action="power.repeal",
        actor=actor,
        obj=item,
        agency=item.agency,
        summary=_("废止权力事项 %(code)s（%(d)s 起）") % {"code": item.code, "d": day.isoformat()},
        data={"on": day.isoformat(), "note": str(note).strip()},
    )
    transaction.on_commit(lambda: indexing.index_item(item))
    return latest
