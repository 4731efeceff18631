"""索引号: `<机构代码>/<year>-<5-digit serial>`, one serial per agency and year (rules.md §2).

A record gets its number when it is created (drafted or imported), so that every piece of
government information — also 依申请公开 and 不予公开 ones, which the catalogue lists and
applications cite — has one from the start. The year is that of the 成文日期; a later edit of
the date does not renumber the record (a 索引号, once given, is never reused or changed)."""

from django.db import transaction

from .models import IndexCounter


def format_index_number(org_code: str, year: int, serial: int) -> str:
    return f"{org_code}/{year}-{serial:05d}"


@transaction.atomic
def next_index_number(*, agency, year: int) -> str:
    """Take the next serial of `agency` in `year`. The counter row is locked (SELECT ... FOR
    UPDATE) until the calling transaction ends, so two concurrent drafts queue here and never
    share a number; a failed draft rolls its serial back with it."""
    counter, _created = IndexCounter.objects.select_for_update().get_or_create(
        agency=agency, year=year
    )
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return format_index_number(agency.org_code, year, counter.last_serial)
