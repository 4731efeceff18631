"""Checking the fields of a record before a service writes them. Every problem is reported at
once, by field, in words a drafter understands (ValidationError with a dict)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import DisclosureMode, DocKind, Topic, WithheldGround
from .docnumbers import clean_doc_number
from .models import DisclosureRecord
from .workflow import RecordState

# What a drafter edits; `agency`, `index_number`, dates of publication and the state are the
# services' business.
EDITABLE_FIELDS = frozenset(
    {
        "title",
        "doc_number",
        "issuer",
        "recipients",
        "date_written",
        "topic",
        "kind",
        "normative",
        "keywords",
        "disclosure_mode",
        "withheld_reason",
        "withheld_ground",
        "body",
        "needs_interpretation",
        "related",
    }
)
# A published record keeps its 公开属性: taking it off the site is a withdrawal, not an edit.
# A published record keeps its 公开属性: taking it off the site is a withdrawal (services.revise
# refuses a change to these with a ValidationError on the field).
FIXED_ONCE_PUBLISHED = frozenset({"disclosure_mode", "withheld_reason", "withheld_ground"})
REVISABLE_FIELDS = EDITABLE_FIELDS - FIXED_ONCE_PUBLISHED

_TEXT_LIMITS = {"title": 300, "recipients": 500, "keywords": 200}


def check_field_names(names, allowed: frozenset[str]) -> None:
    unknown = set(names) - allowed
    if unknown:
        raise TypeError(f"these record fields cannot be set here: {sorted(unknown)}")


def _text(values: dict, name: str) -> str:
    return str(values.get(name) or "").strip()


def clean_record_fields(values: dict, *, record: DisclosureRecord | None = None) -> dict:
    """The cleaned values of a whole record (existing values merged with the changes by the
    caller). Raises ValidationError({field: [messages]})."""
    errors: dict[str, list[str]] = {}
    cleaned = dict(values)

    def fail(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    for name in ("title", "recipients", "keywords", "withheld_reason"):
        cleaned[name] = _text(values, name)
    for name, limit in _TEXT_LIMITS.items():
        if len(cleaned[name]) > limit:
            fail(name, _("不能超过 %(n)s 个字。") % {"n": limit})
    cleaned["body"] = str(values.get("body") or "")
    if not cleaned["title"]:
        fail("title", _("请填写标题。"))
    if values.get("issuer") is None:
        fail("issuer", _("请选择发文机关。"))
    if not isinstance(values.get("date_written"), dt.date):
        fail("date_written", _("请填写成文日期。"))
    if values.get("topic") not in Topic.values:
        fail("topic", _("请选择主题分类。"))
    if values.get("kind") not in DocKind.values:
        fail("kind", _("请选择公文种类。"))
    cleaned["normative"] = bool(values.get("normative"))
    cleaned["needs_interpretation"] = bool(values.get("needs_interpretation"))

    mode = values.get("disclosure_mode")
    if mode not in DisclosureMode.values:
        fail("disclosure_mode", _("请选择公开属性：主动公开、依申请公开或不予公开。"))
    elif mode == DisclosureMode.PROACTIVE:
        cleaned["withheld_reason"], cleaned["withheld_ground"] = "", ""
    else:
        label = DisclosureMode(mode).label
        if not cleaned["withheld_reason"]:
            fail("withheld_reason", _("%(mode)s的信息须填写理由。") % {"mode": label})
        if values.get("withheld_ground") not in WithheldGround.values:
            fail("withheld_ground", _("%(mode)s的信息须选择法律依据。") % {"mode": label})

    try:
        cleaned["doc_number"] = clean_doc_number(str(values.get("doc_number") or ""))
    except ValidationError as exc:
        fail("doc_number", exc.messages[0])
    else:
        clash = _doc_number_clash(cleaned["doc_number"], record)
        if clash is not None:
            fail(
                "doc_number",
                _("文号 %(number)s 已被另一份政府信息使用（索引号 %(index)s）。")
                % {"number": cleaned["doc_number"], "index": clash.index_number},
            )

    related = values.get("related")
    if related is not None:
        related = list(related)
        if record is not None and any(r.pk == record.pk for r in related):
            fail("related", _("相关文件不能包含本文件。"))
        cleaned["related"] = related
    if errors:
        raise ValidationError(errors)
    return cleaned


def _doc_number_clash(doc_number: str, record: DisclosureRecord | None):
    if not doc_number:
        return None
    qs = DisclosureRecord.objects.filter(doc_number=doc_number).exclude(state=RecordState.WITHDRAWN)
    if record is not None and record.pk:
        qs = qs.exclude(pk=record.pk)
    return qs.only("index_number").first()
