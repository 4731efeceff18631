import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.kernel import clock
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.notify.models import Notification
from sunshine.kernel.workflow.selectors import history
from sunshine.servicehall.applications import services
from sunshine.servicehall.applications.models import ServiceApplication
from sunshine.servicehall.applications.selectors import my_applications, staff_queue, timeline
from sunshine.testing.factories import CitizenFactory
from sunshine.testing.factories.applications import apply, pdf

pytestmark = pytest.mark.django_db
D = dt.date
S = ServiceApplication.State


def at(y, m, d, h=10):
    return dt.datetime(y, m, d, h, 0)


def test_submit_stores_files_starts_clocks_and_notifies(application_hall):
    app = apply(application_hall["item"])
    assert app.number.startswith("BJ") and app.state == S.SUBMITTED
    assert app.agency == application_hall["agency"]
    assert app.submitted_materials.count() == 1
    assert open_clock(app, "service.accept").state == Clock.State.RUNNING
    assert open_clock(app, "service.total") is not None
    note = Notification.objects.get(recipient=app.applicant)
    assert app.number in note.subject


def test_required_material_and_file_type_refused(application_hall):
    item = application_hall["item"]
    with pytest.raises(ValidationError) as exc:
        apply(item, files=[])
    assert "道路运输经营申请表" in str(exc.value)
    material = item.materials.get(required=True)
    exe = SimpleUploadedFile("申请表.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(ValidationError) as exc:
        apply(item, files=[(material, exe)])
    assert f"material_{material.pk}" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        apply(item, applicant_name="<b>张三</b>", contact_phone="123")
    assert {"applicant_name", "contact_phone"} <= set(exc.value.message_dict)
    assert ServiceApplication.objects.count() == 0


def test_full_path_with_history_and_notices(application_hall):
    app = apply(application_hall["item"])
    services.accept_application(application=app, actor=application_hall["drafter"])
    services.review_application(
        application=app, actor=application_hall["reviewer"], opinion="材料齐全，符合条件"
    )
    services.decide_application(
        application=app, actor=application_hall["approver"], decision="approved", text="准予许可"
    )
    services.complete_application(application=app, actor=application_hall["drafter"])
    services.deliver_application(application=app, actor=application_hall["drafter"])
    app.refresh_from_db()
    assert app.state == S.DELIVERED
    assert app.accepted_at and app.decided_at and app.completed_at and app.delivered_at
    assert [log.transition for log in history(app)] == [
        "accept", "review", "decide", "complete", "deliver",
    ]  # fmt: skip
    assert [s.key for s in timeline(app)] == [
        "submitted", "accepted", "reviewing", "decided", "completed", "delivered",
    ]  # fmt: skip
    rules = dict(Clock.objects.filter(object_id=app.pk, content_type__model="serviceapplication")
                 .values_list("rule", "state"))  # fmt: skip
    assert rules == {
        "service.accept": "stopped", "service.review": "stopped", "service.decide": "stopped",
        "service.deliver": "stopped", "service.total": "stopped",
    }  # fmt: skip
    assert Notification.objects.filter(recipient=app.applicant).count() == 6  # submit + 5 steps


def test_reject_needs_reason_and_permissions(application_hall):
    app = apply(application_hall["item"])
    with pytest.raises(ValidationError):
        services.reject_application(application=app, actor=application_hall["drafter"], reason="")
    with pytest.raises(PermissionDenied):
        services.accept_application(application=app, actor=application_hall["outsider"])
    with pytest.raises(PermissionDenied):
        services.accept_application(application=app, actor=app.applicant)
    with pytest.raises(PermissionDenied):  # drafters do not decide
        services.reject_application(
            application=app, actor=application_hall["outsider"], reason="不符合"
        )
    services.reject_application(
        application=app, actor=application_hall["drafter"], reason="不属于本机关职权范围"
    )
    app.refresh_from_db()
    assert app.state == S.REJECTED and app.rejected_at and app.finished_at
    assert open_clock(app, "service.total") is None


def test_applicant_sees_only_own(application_hall):
    mine = apply(application_hall["item"])
    other = apply(application_hall["item"])
    assert list(my_applications(mine.applicant)) == [mine]
    assert list(my_applications(other.applicant)) == [other]
    assert set(staff_queue(application_hall["drafter"])) == {mine, other}
    assert list(staff_queue(application_hall["outsider"])) == []
    assert set(staff_queue(application_hall["supervisor"])) == {mine, other}
    with pytest.raises(PermissionDenied):
        services.resubmit_application(application=mine, actor=other.applicant, note="x")


def test_correction_pauses_across_national_day_2026(application_hall):
    """Submitted Tue 2026-09-29. service.accept (2 wd) counts from the day after: 09-30 (1),
    10-01..07 National Day, 10-08 (2) → due 10-08. 补正 asked 09-30 and handed in Fri 10-09:
    the days after 09-30 up to 10-09 do not count, so 09-30 (1), then Saturday 10-10 (调休
    working day) (2) → due 10-10.
    service.total (the item's 承诺时限, 10 wd): without the pause 09-30, 10-08, 09,
    10, 12, 13, 14, 15, 16, 19 → 10-19; with it 09-30, 10-10, 12, 13, 14, 15, 16, 19, 20,
    21 → 10-21."""
    app = apply(application_hall["item"], at=at(2026, 9, 29))
    accept = open_clock(app, "service.accept")
    total = open_clock(app, "service.total")
    assert accept.due_date == D(2026, 10, 8)
    assert total.due_date == D(2026, 10, 19)
    with clock.frozen(at(2026, 9, 30)):
        with pytest.raises(ValidationError):
            services.request_correction(
                application=app, actor=application_hall["drafter"], missing=[]
            )
        services.request_correction(
            application=app,
            actor=application_hall["drafter"],
            missing=["营业执照副本", "车辆行驶证"],
        )
    app.refresh_from_db()
    assert app.state == S.CORRECTION and app.correction_count == 1
    assert app.correction_items == ["营业执照副本", "车辆行驶证"]
    accept.refresh_from_db()
    assert accept.state == Clock.State.PAUSED
    with clock.frozen(at(2026, 10, 9)):
        services.resubmit_application(
            application=app, actor=app.applicant, note="已补齐", files=[(None, pdf("营业执照.pdf"))]
        )
    app.refresh_from_db()
    assert app.state == S.SUBMITTED and app.correction_items == ["营业执照副本", "车辆行驶证"]
    accept.refresh_from_db()
    total.refresh_from_db()
    assert accept.state == Clock.State.RUNNING
    assert accept.due_date == D(2026, 10, 10)
    assert total.due_date == D(2026, 10, 21)
    assert app.submitted_materials.filter(round=1).count() == 1
    with clock.frozen(at(2026, 10, 10)):
        services.accept_application(application=app, actor=application_hall["drafter"])
    accept.refresh_from_db()
    assert accept.met_deadline is True
    # review clock (5 wd) from Sat 10-10: 10-12, 13, 14, 15, 16 → 10-16
    assert open_clock(app, "service.review").due_date == D(2026, 10, 16)


def test_total_clock_length_is_the_item_promise(application_hall, province):
    from sunshine.testing.factories.servicehall import make_item

    app = apply(application_hall["item"], at=at(2026, 9, 29))
    # item promised_days = 10 → 10-19 (see above), not the rule's default 20 wd (→ 11-02).
    assert open_clock(app, "service.total").due_date == D(2026, 10, 19)
    # 3 wd: 09-30, 10-08, 10-09 → 10-09.
    quick = make_item(province["transport"], promised_days=3, statutory_days=5)
    app = apply(quick, at=at(2026, 9, 29))
    assert open_clock(app, "service.total").due_date == D(2026, 10, 9)


def test_bulk_accept_and_assign(application_hall):
    apps = [apply(application_hall["item"]) for _ in range(3)]
    services.reject_application(
        application=apps[2], actor=application_hall["drafter"], reason="重复申请"
    )
    done, refused = services.bulk_accept(applications=apps, actor=application_hall["drafter"])
    assert len(done) == 2 and len(refused) == 1 and "不能执行" in refused[0][1]
    done, refused = services.bulk_assign(
        applications=apps, actor=application_hall["reviewer"], assignee=application_hall["drafter"]
    )
    assert len(done) == 3
    assert set(ServiceApplication.objects.values_list("assignee", flat=True)) == {
        application_hall["drafter"].pk
    }
    assert Notification.objects.filter(recipient=application_hall["drafter"]).count() == 3
    with pytest.raises(ValidationError):
        services.assign_application(
            application=apps[0],
            actor=application_hall["reviewer"],
            assignee=application_hall["outsider"],
        )
    with pytest.raises(PermissionDenied):
        services.assign_application(
            application=apps[0],
            actor=application_hall["outsider"],
            assignee=application_hall["drafter"],
        )


def test_enterprise_only_item_refuses_person(application_hall, province):
    from sunshine.testing.factories.servicehall import make_item

    item = make_item(province["transport"], for_persons=False, name="道路货物运输经营许可")
    with pytest.raises(ValidationError) as exc:
        apply(item, applicant=CitizenFactory())
    assert "applicant_kind" in exc.value.message_dict


def test_supervisor_issues_oversight_order_on_an_overdue_application(application_hall):
    from sunshine.kernel.duban.selectors import orders_for
    from sunshine.kernel.duban.services import issue_order

    app = apply(application_hall["item"], at=at(2026, 9, 29))
    with clock.frozen(at(2026, 10, 12)):
        order = issue_order(
            target=app,
            agency=app.agency,
            actor=application_hall["supervisor"],
            reason="办件受理已超期",
        )
    assert list(orders_for(app)) == [order]
    with pytest.raises(PermissionDenied):
        issue_order(target=app, agency=app.agency, actor=application_hall["drafter"], reason="x")
