"""Gazette test data, made through the services (permissions, audit and numbering are real)."""

import datetime as dt

import factory

from sunshine.disclosure.gazette import services
from sunshine.disclosure.gazette.models import GazetteIssue

from .kernel import AgencyFactory, staff_with
from .records import record_in

ISSUE_DATE = dt.date(2026, 11, 10)


def gazette_people(people: dict) -> dict:
    """Adds the office's gazette editor (公开办) and an officer of another agency."""
    office = people["province"]["office"]
    people["editor"] = staff_with("disclosure_officer", office)
    people["office_approver"] = staff_with("approver", office)
    people["office_drafter"] = staff_with("drafter", office)
    people["outsider"] = staff_with("disclosure_officer", people["province"]["transport"])
    return people


class GazetteIssueFactory(factory.django.DjangoModelFactory):
    """An issue of the 政府公报 of `agency`, created by `actor` (default: a new disclosure
    officer there) through `services.create_issue` (numbering is checked there)."""

    class Meta:
        model = GazetteIssue

    agency = factory.SubFactory(AgencyFactory)
    actor = factory.LazyAttribute(lambda o: staff_with("disclosure_officer", o.agency))
    year = 2026
    number = factory.Sequence(lambda n: n + 1)
    publication_date = ISSUE_DATE

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.create_issue(**kwargs)


def public_record(people, title: str, doc_number: str = "", **fields):
    return record_in("published", people, title=title, doc_number=doc_number, **fields)


def make_issue(people, *, number: int = 1, year: int = 2026, **fields):
    return GazetteIssueFactory(
        actor=people["editor"],
        agency=people["province"]["office"],
        year=year,
        number=number,
        **fields,
    )
