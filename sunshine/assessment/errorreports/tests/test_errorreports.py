"""我为政府网站找错: submitted (anonymous, contact optional) → confirmed within 1 working day →
corrected within 5, on kernel clocks. Dates worked out by hand on the official 2026 calendar
(holidays-cn/2026.json): 1–7 October 国庆 are off, Saturday 10 October is a 调休 workday."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.assessment.errorreports import selectors, services
from sunshine.assessment.errorreports.choices import ReportState
from sunshine.assessment.errorreports.rules import ACKNOWLEDGE, FIX
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.clock import frozen
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.testing.factories.kernel import staff_with

pytestmark = pytest.mark.django_db

HOST = "www.gd.gov.cn"


def _submit(agency, **fields):
    data = {
        "site_id": None,
        "host": HOST,
        "agency": agency,
        "page_url": f"https://{HOST}/zwgk/1/",
        "kind": "typo",
        "description": "第二段“阳光证务”应为“阳光政务”。",
        **fields,
    }
    return services.submit_report(**data)


def test_submit_acknowledge_fix_on_the_clock(gov):
    officer = staff_with(Role.DISCLOSURE_OFFICER, gov["root"])
    # Submitted Wed 30 Sep 2026. Counting from the next day: 1–7 Oct off; Thu 8 Oct is wd 1
    # (confirm by 8 Oct); Fri 9 wd 2, Sat 10 (调休) wd 3, Mon 12 wd 4, Tue 13 Oct wd 5 (fix by).
    with frozen(dt.datetime(2026, 9, 30, 10, 0)):
        report = _submit(gov["root"])
    clocks = {c.rule: c for c in clocks_for(report)}
    assert clocks[ACKNOWLEDGE].due_date == dt.date(2026, 10, 8)
    assert clocks[FIX].due_date == dt.date(2026, 10, 13)
    assert report.reporter is None and report.contact == ""

    with frozen(dt.datetime(2026, 10, 8, 16, 0)):
        report = services.acknowledge(report=report, actor=officer, note="已转内容编辑")
    assert report.state == ReportState.ACKNOWLEDGED
    with frozen(dt.datetime(2026, 10, 14, 9, 0)):  # one working day late
        with pytest.raises(ValidationError) as exc:
            services.close(report=report, actor=officer, fixed=True, note=" ")
        assert "note" in exc.value.message_dict
        report = services.close(report=report, actor=officer, fixed=True, note="已改为“阳光政务”")
    assert report.state == ReportState.FIXED
    met = {c.rule: c.met_deadline for c in clocks_for(report)}
    assert met == {ACKNOWLEDGE: True, FIX: False}
    assert AuditEvent.objects.filter(action__startswith="errorreport.").count() == 3

    stats = selectors.yearly_stats(HOST, 2026)
    assert stats["received"] == 1 and stats["fixed"] == 1 and stats["open"] == 0
    assert stats["acknowledge"]["rate"] == 100.0 and stats["fix"]["rate"] == 0.0


def test_bad_input_is_named_and_staff_act_only_within_their_agency(gov):
    with pytest.raises(ValidationError) as exc:
        _submit(
            gov["root"], page_url="https://evil.example.com/x", kind="nonsense", description="错"
        )
    errors = exc.value.message_dict
    assert set(errors) == {"page_url", "kind", "description"}
    with pytest.raises(ValidationError):
        _submit(gov["root"], page_url="javascript:alert(1)")

    report = _submit(gov["market"], page_url="/zwgk/2/", contact="13800000000")
    with pytest.raises(PermissionDenied):
        services.acknowledge(report=report, actor=gov["env_editor"])  # another department
    # Closing straight from 待确认 also stops the confirmation clock.
    report = services.close(report=report, actor=gov["editor"], fixed=False, note="经核实无误")
    assert report.state == ReportState.REJECTED
    assert all(c.state == "stopped" for c in clocks_for(report))
    assert list(selectors.staff_reports(gov["env_editor"])) == []
    assert list(selectors.staff_reports(gov["editor"])) == [report]
