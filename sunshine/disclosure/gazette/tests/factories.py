"""Gazette test data, made through the services (permissions, audit and numbering are real)."""

import datetime as dt

from sunshine.disclosure.gazette import services
from sunshine.disclosure.records.tests.factories import advance, draft
from sunshine.testing.factories import staff_with

ISSUE_DATE = dt.date(2026, 11, 10)


def gazette_people(people: dict) -> dict:
    """Adds the office's gazette editor (公开办) and an officer of another agency."""
    office = people["province"]["office"]
    people["editor"] = staff_with("disclosure_officer", office)
    people["office_approver"] = staff_with("approver", office)
    people["office_drafter"] = staff_with("drafter", office)
    people["outsider"] = staff_with("disclosure_officer", people["province"]["transport"])
    return people


def public_record(people, title: str, doc_number: str = "", **fields):
    record = draft(people, title=title, doc_number=doc_number, **fields)
    return advance(record, people, "published")


def make_issue(people, *, number: int = 1, year: int = 2026, **fields):
    values = {"publication_date": ISSUE_DATE}
    values.update(fields)
    return services.create_issue(
        actor=people["editor"],
        agency=people["province"]["office"],
        year=year,
        number=number,
        **values,
    )
