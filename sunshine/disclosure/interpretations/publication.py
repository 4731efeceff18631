"""The rule that ties an interpretation to its record's publication (谁起草、谁解读):

- A record marked `needs_interpretation` is published (or scheduled, which publishes later
  through the same `publish` transition) only when at least one of its interpretations is
  `ready` (or already published), or the approver waived the requirement with a reason
  (services.override_interpretation_requirement, audited). A guard on the records workflow.
  The waiver may also come with the transition itself: `data={"interpretation_override":
  "<reason>"}` from an actor holding "interpretation.override" (then the reason is kept on
  the transition's log row and audit event).
- When the record is published, its ready interpretations are published at the same moment
  (same `published_at`, same transaction) — a follow-up of the records `publish` transition.

The follow-up needs a post-transition hook on kernel/workflow (`Workflow.on_transition`).
Until the kernel has it, a companion guard registers the follow-up with
`transaction.on_commit`: it runs right after the publishing transaction commits (and never
when it rolls back), in a transaction of its own."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from sunshine.disclosure.records.choices import DisclosureMode
from sunshine.disclosure.records.workflow import RECORD_WORKFLOW, RecordState
from sunshine.kernel.access.policy import can

OVERRIDE_KEY = "interpretation_override"
CLOSED_RECORD_STATES = frozenset({RecordState.WITHDRAWN, RecordState.FILED})


def record_is_closed(record) -> bool:
    """Withdrawn or filed, or never to be public: no interpretation can go public with it."""
    return (
        record.state in CLOSED_RECORD_STATES or record.disclosure_mode != DisclosureMode.PROACTIVE
    )


def interpretation_ready_or_waived(record, context) -> None:
    """Guard on the records `publish` and `schedule` transitions."""
    if not record.needs_interpretation:
        return
    from .selectors import interpretation_requirement

    if interpretation_requirement(record).satisfied:
        return
    reason = str((context.data or {}).get(OVERRIDE_KEY) or "").strip()
    if reason:
        if can(context.actor, "interpretation.override", record):
            return  # kept with the transition's log row and audit event
        raise ValidationError(gettext("只有签发人可以决定免于解读。"))
    raise ValidationError(
        gettext(
            "该文件需要政策解读（谁起草、谁解读）：发布前请至少准备好一篇“待发布”的解读，"
            "或由签发人说明理由后免于解读。"
        )
    )


def scheduled_record_depends_on(interpretation) -> bool:
    """True when `interpretation` is the last ready one of a scheduled record that needs it."""
    from .selectors import interpretation_requirement

    record = interpretation.record
    if record.state != RecordState.SCHEDULED or not record.needs_interpretation:
        return False
    if interpretation.state != interpretation.State.READY:
        return False
    requirement = interpretation_requirement(record)
    return requirement.waiver is None and requirement.ready_count <= 1


def publish_with_record(record, log) -> None:
    """The follow-up of the records `publish` transition (kernel hook `on_transition`): inside
    the publishing transaction, right after the record's state is saved."""
    from .services import publish_ready_interpretations

    publish_ready_interpretations(record=record, actor=log.actor, at=record.published_at)


def _publish_after_commit(record, context) -> None:
    """Interim companion guard (no kernel hook yet): checks nothing; when the transition is
    really applied, publishes the ready interpretations once it has committed."""
    if context.probe:
        return
    record_pk, actor = record.pk, context.actor
    transaction.on_commit(lambda: _publish_committed(record_pk, actor))


def _publish_committed(record_pk: int, actor) -> None:
    from sunshine.disclosure.records.selectors import record_for_public

    from .services import publish_ready_interpretations

    record = record_for_public(record_pk)
    if record is not None:
        publish_ready_interpretations(record=record, actor=actor, at=record.published_at)


def install() -> None:
    RECORD_WORKFLOW.add_guard("publish", interpretation_ready_or_waived)
    RECORD_WORKFLOW.add_guard("schedule", interpretation_ready_or_waived)
    on_transition = getattr(RECORD_WORKFLOW, "on_transition", None)
    if on_transition is not None:
        on_transition("publish", publish_with_record)
    else:  # until kernel/workflow has the hook
        RECORD_WORKFLOW.add_guard("publish", _publish_after_commit)
