"""Records for tests, made through the services (so numbers, versions, clocks and the audit
trail are real) and walked to any state of the workflow."""

import datetime as dt

from sunshine.disclosure.records import services
from sunshine.disclosure.records.workflow import RecordState as S
from sunshine.kernel import clock
from sunshine.testing.factories import staff_with

WRITTEN = dt.date(2026, 9, 30)  # 20 wd later: 2026-11-03 (National Day holidays between)


def make_people(agency, other_agency=None, root=None) -> dict:
    people = {
        "agency": agency,
        "drafter": staff_with("drafter", agency),
        "reviewer": staff_with("reviewer", agency),
        "approver": staff_with("approver", agency),
        "officer": staff_with("disclosure_officer", agency),
    }
    if other_agency is not None:
        people["other_agency"] = other_agency
        people["other_drafter"] = staff_with("drafter", other_agency)
    if root is not None:
        people["supervisor"] = staff_with("supervisor", root)
    return people


def draft(people, **fields):
    values = {
        "title": "广东省人民政府办公厅关于推进阳光政务建设工作的通知",
        "date_written": WRITTEN,
        "topic": "general",
        "kind": "notice",
        "disclosure_mode": "proactive",
        "body": "各地级以上市人民政府，省政府各部门、各直属机构：……",
    }
    values.update(fields)
    actor = values.pop("actor", people["drafter"])
    agency = values.pop("agency", people["agency"])
    return services.create_draft(actor=actor, agency=agency, **values)


# The path from draft to each state, as (service, role) steps.
_PATH = [
    (services.submit, "drafter", S.SUBMITTED),
    (services.review, "reviewer", S.REVIEWED),
    (services.sign_off, "approver", S.SIGNED_OFF),
]


def advance(record, people, to: str):
    """Walk a fresh draft to state `to` (published/scheduled need 主动公开, filed the others)."""
    done = [S.DRAFT] + [state for _act, _role, state in _PATH]
    for act, role, state in _PATH[done.index(record.state) :]:
        if record.state == to:
            return record
        act(record=record, actor=people[role])
        assert record.state == state
    if to == S.SIGNED_OFF:
        return record
    if to == S.SCHEDULED:
        at = clock.now() + dt.timedelta(hours=1)
        return services.schedule(record=record, actor=people["approver"], at=at)
    if to == S.FILED:
        return services.file_record(record=record, actor=people["approver"])
    services.publish(record=record, actor=people["approver"])
    if to == S.WITHDRAWN:
        services.withdraw(record=record, actor=people["approver"], comment="内容有误，撤回")
    return record
