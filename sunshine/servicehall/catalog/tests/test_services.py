import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.search.query import search
from sunshine.servicehall.catalog import services
from sunshine.servicehall.catalog.guide import missing_elements
from sunshine.servicehall.catalog.models import ServiceItem
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.servicehall import GUIDE, make_item

pytestmark = pytest.mark.django_db


def test_publishing_names_every_missing_guide_element(province):
    agency = province["transport"]
    approver = staff_with("approver", agency)
    item = services.create_item(
        agency=agency,
        actor=approver,
        code="X1",
        name="出租汽车驾驶员从业资格证核发",
        handling_unit=" ",
    )
    item.handling_unit = ""
    item.save()
    with pytest.raises(ValidationError) as exc:
        services.publish_item(item=item, actor=approver)
    message = " ".join(exc.value.messages)
    for label in [
        "设定依据", "申请条件", "办理材料", "办理地点", "办理机构", "收费标准", "办理时间",
        "联系电话", "办理流程", "承诺时限", "法定时限",
    ]:  # fmt: skip
        assert label in message, label
    assert "事项名称" not in message
    item.refresh_from_db()
    assert item.state == ServiceItem.State.DRAFT


def test_each_element_alone_is_named(province):
    agency = province["transport"]
    item = make_item(agency, publish=False)
    assert missing_elements(item) == []
    for field, label in [("basis", "设定依据"), ("phone", "联系电话"), ("procedure", "办理流程")]:
        setattr(item, field, "")
        assert missing_elements(item) == [label]
        setattr(item, field, GUIDE[field])
    item.materials.all().delete()
    assert missing_elements(item) == ["办理材料"]


def test_promised_days_not_above_statutory(province):
    agency = province["transport"]
    approver = staff_with("approver", agency)
    with pytest.raises(ValidationError) as exc:
        services.create_item(
            agency=agency, actor=approver, code="X2", name="教师资格认定",
            promised_days=25, statutory_days=20,
        )  # fmt: skip
    assert "不得超过法定时限" in str(exc.value)
    item = make_item(agency, publish=False)
    with pytest.raises(ValidationError):
        services.update_item(item=item, actor=approver, statutory_days=5)


def test_publish_indexes_and_search_with_jieba(province):
    item = make_item(province["transport"], name="出租汽车驾驶员从业资格证核发")
    assert item.state == "published" and item.published_at
    results = search("驾驶员", doc_types=["service_item"])
    assert [h.object_id for h in results.hits] == [str(item.pk)]
    results = search("道路运输条例", doc_types=["service_item"])  # guide text (设定依据)
    assert results.total == 1
    services.withdraw_item(item=item, actor=staff_with("approver", item.agency), reason="事项调整")
    assert search("驾驶员", doc_types=["service_item"]).total == 0
    assert AuditEvent.objects.filter(action="service_item.publish").count() == 1


def test_other_agency_may_not_edit(province):
    item = make_item(province["transport"], publish=False)
    outsider = staff_with("approver", province["city"])
    with pytest.raises(PermissionDenied):
        services.update_item(item=item, actor=outsider, name="改名")
    with pytest.raises(PermissionDenied):
        services.publish_item(item=item, actor=staff_with("drafter", province["transport"]))


def test_markup_refused_and_published_item_frozen(province):
    agency = province["transport"]
    item = make_item(agency, publish=False)
    drafter = staff_with("drafter", agency)
    with pytest.raises(ValidationError) as exc:
        services.update_item(item=item, actor=drafter, conditions="<script>alert(1)</script>")
    assert "conditions" in exc.value.message_dict
    services.publish_item(item=item, actor=staff_with("approver", agency))
    with pytest.raises(ValidationError):
        services.update_item(item=item, actor=drafter, name="新名称")
