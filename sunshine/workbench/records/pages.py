"""What the record pages show besides the record: its disclosure clock, its workflow buttons,
history, versions and attachments (each one query)."""

from django.urls import NoReverseMatch, reverse

from sunshine.disclosure.records.selectors import (
    record_actions,
    record_content_type,
    record_history,
    record_versions,
)
from sunshine.disclosure.records.transitions import ON_OWN_PAGE
from sunshine.kernel.access.policy import can
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import clocks_for, open_clocks
from sunshine.kernel.files.selectors import attachments_for

DISCLOSURE_RULE = "disclosure.publish"  # the records' 主动公开 clock (条例第二十六条, 20 wd)


def disclosure_clocks(records) -> dict[int, Clock]:
    """The open disclosure clock of each record (one query for the whole page)."""
    pks = [r.pk for r in records]
    if not pks:
        return {}
    content_type = record_content_type()
    clocks = open_clocks().filter(
        content_type=content_type, object_id__in=pks, rule=DISCLOSURE_RULE
    )
    return {c.object_id: c for c in clocks.order_by("started_at")}


def _url(name, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def detail_context(request, record, *, attach_form, action_errors=None, action_values=None):
    user = request.user
    action_errors = action_errors or {}
    action_values = action_values or {}
    actions = []
    for available in record_actions(record, user):
        if available.name in ON_OWN_PAGE:
            continue
        actions.append(
            {
                "name": available.name,
                "label": available.label,
                "allowed": available.allowed,
                "blocked_by": available.blocked_by,
                "requires_comment": available.requires_comment,
                "errors": action_errors.get(available.name, []),
                "values": action_values.get(available.name, {}),
                "danger": available.name in ("reject", "withdraw", "repeal", "expire"),
            }
        )
    is_draft = record.state == "draft"
    clock = clocks_for(record).filter(rule=DISCLOSURE_RULE).last()
    return {
        "record": record,
        "paragraphs": [p.strip() for p in record.body.splitlines() if p.strip()],
        "actions": actions,
        "history": list(record_history(record)),
        "versions": list(record_versions(record)),
        "attachments": list(attachments_for(record)),
        "related": list(record.related.all().only("pk", "title", "index_number", "state")),
        "clock": clock,
        "may_edit": is_draft and can(user, "record.draft", record),
        "may_revise": record.state == "published" and can(user, "record.revise", record),
        "attach_form": attach_form,
        "public_url": _url("portal:records_detail", record.pk) if record.is_public else "",
        "interpretations_url": _url("workbench:interpretations_record", record.pk),
    }
