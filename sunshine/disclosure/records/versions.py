"""Published versions (版本) of a record: a snapshot of every public field, taken in the
transaction that publishes or revises it."""

from django.db.models import Max

from sunshine.kernel import clock

from .models import DisclosureRecord, RecordVersion

# The public metadata of rules.md §2 (attachments and interpretations are their own rows).
PUBLIC_FIELDS = (
    "index_number",
    "doc_number",
    "title",
    "recipients",
    "date_written",
    "date_published",
    "topic",
    "kind",
    "normative",
    "keywords",
    "disclosure_mode",
    "validity",
    "validity_date",
    "body",
)


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def snapshot(record: DisclosureRecord) -> dict:
    """The public fields as JSON (dates as ISO text, agencies with id and name)."""
    data = {name: _plain(getattr(record, name)) for name in PUBLIC_FIELDS}
    data["issuer"] = {"id": record.issuer_id, "name": record.issuer.name}
    data["agency"] = {"id": record.agency_id, "name": record.agency.name}
    data["related"] = sorted(record.related.values_list("pk", flat=True)) if record.pk else []
    return data


def next_version_number(record: DisclosureRecord) -> int:
    return (record.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def add_version(
    record: DisclosureRecord, *, number: int, actor, change_note: str = ""
) -> RecordVersion:
    """Save the record as it is now as version `number` and make it the current one."""
    version = RecordVersion.objects.create(
        record=record,
        number=number,
        title=record.title,
        snapshot=snapshot(record),
        change_note=change_note,
        created_by=actor if getattr(actor, "pk", None) else None,
        created_at=clock.now(),
    )
    record.current_version = version
    record.save(update_fields=["current_version", "updated_at"])
    return version
