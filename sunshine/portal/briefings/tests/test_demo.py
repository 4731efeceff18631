"""The demo loaders of meetings and briefings: idempotent, and what they show is what the issue
asks for (applications over the seats with a verifiable draw, a meeting with minutes, briefings
linked to records, an agency flagged). The loaders are imported by name: the demo layer sits
above the portal."""

from importlib import import_module

import pytest

from sunshine.kernel import clock
from sunshine.kernel.orgs.models import Agency
from sunshine.participation.briefings.coverage import coverage
from sunshine.participation.briefings.models import Briefing, BriefingSpeaker
from sunshine.participation.briefings.selectors import public_policies
from sunshine.participation.meetings import services as meeting_services
from sunshine.participation.meetings.models import AttendanceApplication, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def counts():
    return (
        Meeting.objects.count(),
        AttendanceApplication.objects.count(),
        Briefing.objects.count(),
        BriefingSpeaker.objects.count(),
    )


def test_demo_loaders_are_idempotent_and_complete(client):
    import_module("sunshine.demo.kernel_data").load()
    import_module("sunshine.demo.disclosure_data").load()
    meetings = import_module("sunshine.demo.meetings_data")
    briefings = import_module("sunshine.demo.briefings_data")
    meetings.load(stdout=None)
    briefings.load(stdout=None)
    first = counts()
    meetings.load(stdout=None)
    briefings.load(stdout=None)
    assert counts() == first == (3, 14, 5, 6)

    drawn = Meeting.objects.get(title=meetings.DRAWN)
    assert drawn.state == "drawn" and meeting_services.verify_draw(drawn)["ok"]
    assert drawn.applications.filter(status="not_selected").count() == 4
    past = Meeting.objects.get(title=meetings.PAST)
    assert past.state == "published" and "48小时" in past.decisions
    assert client.get(f"/hygk/{drawn.pk}/draw/").status_code == 200
    assert client.get(f"/hygk/{Meeting.objects.get(title=meetings.OPEN).pk}/").status_code == 200

    conference = Briefing.objects.get(title=briefings.CONFERENCE)
    assert public_policies(conference).count() == 2
    rows = {r.agency.name: r for r in coverage(clock.today().year)}
    assert rows["广东省交通运输厅"].count == 1 and rows["广州市交通运输局"].count == 1
    assert rows["广东省教育厅"].flagged and rows["广州市人民政府"].flagged
    assert not {r.agency.name: r for r in coverage(clock.today().year - 1)}[
        "广州市人民政府"
    ].flagged
    assert Agency.objects.filter(name="广东省教育厅").exists()
