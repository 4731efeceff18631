"""The register: kinds, the 大额 threshold (settings and per government), the 行政许可 link,
permissions (an agency edits only its own), progress records, audit."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.governance.keyitems import services
from sunshine.governance.keyitems.choices import KeyItemState
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.clock import frozen
from sunshine.testing.factories.keyitems import make_project, make_spending, with_stages
from sunshine.testing.factories.powers import make_item

pytestmark = pytest.mark.django_db


def test_large_spending_threshold_from_settings_and_government(kp, settings):
    # Default 50万元: 49.99万 is refused, 50万 accepted.
    with pytest.raises(ValidationError) as exc:
        make_spending(kp, amount="499999.99", approvals=0)
    assert "大额资金标准（50.00 万元）" in exc.value.message_dict["amount"][0]
    assert make_spending(kp, amount="500000", approvals=0).amount == Decimal("500000")
    # The province's setting …
    settings.KEYITEMS_LARGE_SPENDING_THRESHOLD = 1_000_000
    with pytest.raises(ValidationError):
        make_spending(kp, amount="800000", approvals=0)
    # … and the government's own, which wins for its agencies.
    services.configure_government(
        actor=kp["supervisor"], government=kp["root"], large_spending_threshold="300000"
    )
    assert make_spending(kp, amount="300000", approvals=0).kind == "spending"


def test_kinds_configurable_per_government(kp, settings):
    settings.KEYITEMS_KINDS = ["project", "spending"]
    with pytest.raises(ValidationError) as exc:
        services.register_item(actor=kp["editor"], agency=kp["transport"], kind="enforcement",
                               title="超限运输专项执法", basis="《公路法》第七十六条")  # fmt: skip
    assert "kind" in exc.value.message_dict
    services.configure_government(actor=kp["supervisor"], government=kp["root"],
                                  kinds=["project", "enforcement"])  # fmt: skip
    item = services.register_item(actor=kp["editor"], agency=kp["transport"], kind="enforcement",
                                  title="超限运输专项执法", basis="《公路法》第七十六条")  # fmt: skip
    assert item.state == KeyItemState.DRAFT
    with pytest.raises(ValidationError):
        make_spending(kp, approvals=0)  # not registered by this government any more


def test_configure_needs_a_government_and_permission(kp):
    with pytest.raises(PermissionDenied):
        services.configure_government(actor=kp["editor"], government=kp["root"])
    with pytest.raises(ValidationError):
        services.configure_government(actor=kp["supervisor"], government=kp["transport"])


def test_an_agency_edits_only_its_own(kp):
    item = make_project(kp)
    for actor in (kp["city_checker"], kp["checker"], kp["supervisor"]):
        with pytest.raises(PermissionDenied):
            services.update_item(actor=actor, item=item, title="改名")
        with pytest.raises(PermissionDenied):
            make_project(kp, actor=actor)
    # The transport department's drafter may (its own agency).
    services.update_item(actor=kp["drafter"], item=item, title="广湛高速改扩建",
                         budget="1250000000")  # fmt: skip
    item.refresh_from_db()
    assert item.title == "广湛高速改扩建"
    assert AuditEvent.objects.filter(action="keyitem.update", object_id=str(item.pk)).exists()


def test_approval_is_linked_to_a_licensing_item_of_the_power_list(kp):
    lic = make_item(kp["editor"], kp["transport"], code="XK-009", kind="licensing",
                    name="超限运输车辆行驶公路许可", service_code="")  # fmt: skip
    chk = make_item(kp["editor"], kp["transport"], code="JC-002", kind="inspection",
                    name="公路监督检查")  # fmt: skip
    base = {"actor": kp["editor"], "agency": kp["transport"], "kind": "approval",
            "title": "大件运输许可（跨省）", "basis": "《公路法》第五十条"}  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.register_item(**base, power_item_id=chk.pk)
    assert "行政许可" in exc.value.message_dict["power_item_id"][0]
    with pytest.raises(ValidationError) as exc:
        services.register_item(**base, power_item_id=lic.pk, service_code="NO-SUCH")
    assert "NO-SUCH" in exc.value.message_dict["service_code"][0]
    item = services.register_item(**base, power_item_id=lic.pk)
    assert item.power_item_id == lic.pk and item.power_item_name == "超限运输车辆行驶公路许可"


def test_progress_stages_milestones_spending(kp):
    with frozen(dt.date(2026, 11, 30)):
        item = make_project(kp, budget="1000000")
        services.submit_item(actor=kp["editor"], item=item)  # no check required: proceeds
        item.refresh_from_db()
        assert item.state == KeyItemState.IN_PROGRESS
        assert item.published_at is not None  # public and proceeding
        stages = with_stages(item, kp["editor"])
        services.set_stage_state(actor=kp["editor"], stage=stages[0], state="active",
                                 on=dt.date(2026, 3, 2))  # fmt: skip
        m = services.add_milestone(actor=kp["editor"], item=item, name="施工图审批",
                                   planned_on=dt.date(2026, 6, 30), stage_id=stages[0].pk)  # fmt: skip
        services.reach_milestone(actor=kp["editor"], milestone=m, actual_on=dt.date(2026, 7, 15))
        with pytest.raises(ValidationError):
            services.reach_milestone(
                actor=kp["editor"], milestone=m, actual_on=dt.date(2026, 12, 1)
            )
        services.record_spending(actor=kp["editor"], item=item, spent_on=dt.date(2026, 11, 2),
                                 amount="600000", purpose="勘察设计费")  # fmt: skip
        with pytest.raises(ValidationError) as exc:
            services.record_spending(actor=kp["editor"], item=item, spent_on=dt.date(2026, 11, 3),
                                     amount="400000.01", purpose="征地补偿")  # fmt: skip
        assert "超过预算" in exc.value.message_dict["amount"][0]
        from sunshine.governance.keyitems.selectors import progress

        p = progress(item)
        assert p["spent"] == Decimal("600000") and p["share"] == Decimal("60.0")
        assert (p["milestones"], p["reached"], p["late"]) == (1, 1, 1)
        services.complete_item(actor=kp["editor"], item=item)
        with pytest.raises(ValidationError):
            services.add_stage(actor=kp["editor"], item=item, name="追加")


def test_spending_needs_an_approval_chain_in_date_order(kp):
    with frozen(dt.date(2026, 11, 30)):
        item = make_spending(kp, approvals=0)
        with pytest.raises(ValidationError) as exc:
            services.submit_item(actor=kp["editor"], item=item)
        assert "审批链" in exc.value.messages[0]
        services.add_approval(actor=kp["editor"], item=item, role="处室负责人审核",
                              approver_name="王处长", decided_on=dt.date(2026, 11, 5))  # fmt: skip
        with pytest.raises(ValidationError):
            services.add_approval(actor=kp["editor"], item=item, role="财务处审核",
                                  approver_name="陈处长", decided_on=dt.date(2026, 11, 4))  # fmt: skip
        services.submit_item(actor=kp["editor"], item=item)
        item.refresh_from_db()
        assert item.state == KeyItemState.IN_PROGRESS
