"""Records (主动公开 documents), made through the services (so numbers, versions, clocks and the
audit trail are real) and walked to any state of the workflow with `record_in`."""

import datetime as dt

import factory

from sunshine.disclosure.records import services
from sunshine.disclosure.records.models import DisclosureRecord
from sunshine.disclosure.records.workflow import RecordState as S
from sunshine.kernel import clock

from .kernel import AgencyFactory, staff_with

WRITTEN = dt.date(2026, 9, 30)  # 20 wd later: 2026-11-03 (National Day holidays between)
WITHHELD = {"withheld_reason": "涉及内部事务", "withheld_ground": "internal"}


def make_people(agency, other_agency=None, root=None) -> dict:
    """The records staff of `agency` (one user per role), a drafter of `other_agency` and a
    supervisor at `root` when given."""
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


class RecordFactory(factory.django.DjangoModelFactory):
    """A draft, created by `actor` (default: a new drafter of `agency`) through
    `services.create_draft` (索引号, version 1, the disclosure clock of a 主动公开 record)."""

    class Meta:
        model = DisclosureRecord

    agency = factory.SubFactory(AgencyFactory)
    actor = factory.LazyAttribute(lambda o: staff_with("drafter", o.agency))
    title = "广东省人民政府办公厅关于推进阳光政务建设工作的通知"
    date_written = WRITTEN
    topic = "general"
    kind = "notice"
    disclosure_mode = "proactive"
    body = "各地级以上市人民政府，省政府各部门、各直属机构：……"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.create_draft(**kwargs)


def draft(people, **fields):
    """A draft of people["agency"] by people["drafter"] (`actor=` / `agency=` override)."""
    fields.setdefault("actor", people["drafter"])
    fields.setdefault("agency", people["agency"])
    return RecordFactory(**fields)


# The path from draft to each state, as (service, role) steps.
_PATH = [
    (services.submit, "drafter", S.SUBMITTED),
    (services.review, "reviewer", S.REVIEWED),
    (services.sign_off, "approver", S.SIGNED_OFF),
]


def advance(record, people, to: str):
    """Walk a record from its state to `to` through the real transitions, each by the role
    that does it (published/scheduled need 主动公开, filed the others)."""
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


def record_in(state: str, people=None, *, mode: str | None = None, **fields):
    """A record drafted by people["drafter"] (any field of RecordFactory may be given) and
    walked to `state` (draft, submitted, reviewed, signed_off, scheduled, published, withdrawn,
    filed). `mode` is a 公开属性 with its usual reason and ground (WITHHELD) when it is not
    主动公开; only a 主动公开 record can be published or scheduled. Without `people`, the staff
    of a new agency."""
    people = people or make_people(AgencyFactory())
    if mode is not None:
        fields = {"disclosure_mode": mode, **(WITHHELD if mode != "proactive" else {}), **fields}
    return advance(draft(people, **fields), people, state)


def one_of_each(people) -> dict:
    """A public record and one record of each kind that must never be public."""
    return {
        "public": record_in("published", people, title="公开的政策文件"),
        "draft": record_in("draft", people, title="草稿文件"),
        "submitted": record_in("submitted", people, title="待审核文件"),
        "signed_off": record_in("signed_off", people, title="已签发未发布文件"),
        "scheduled": record_in("scheduled", people, title="定时发布文件"),
        "withdrawn": record_in("withdrawn", people, title="已撤回文件"),
        "on_request": record_in("filed", people, mode="on_request", title="依申请公开文件"),
        "withheld": record_in("filed", people, mode="withheld", title="不予公开文件"),
    }


def revise(record, people, **changes):
    """A published record revised by its approver (a new version)."""
    note = changes.pop("change_note", "修订")
    return services.revise(record=record, actor=people["approver"], change_note=note, **changes)
