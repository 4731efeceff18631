import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.governance.powers import selectors, services
from sunshine.governance.powers.choices import PowerStatus
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.clock import frozen
from sunshine.testing.factories.powers import BASIS, make_item

pytestmark = pytest.mark.django_db


def test_create_item_writes_version_one_and_audit(gov):
    item = make_item(gov["editor"], gov["market"])
    version = item.versions.get()
    assert (item.code, item.kind, version.number) == ("QL-001", "licensing", 1)
    assert version.effective_from == dt.date(2026, 1, 1) and version.effective_to is None
    event = AuditEvent.objects.get(action="power.create")
    assert event.object_id == str(item.pk) and event.agency == gov["market"]


def test_create_names_every_problem(gov):
    with pytest.raises(ValidationError) as exc:
        services.create_item(
            actor=gov["editor"],
            agency=gov["market"],
            code="坏 编码",
            kind="审批",
            name="",
            basis="",
            subject="x",
        )
    assert set(exc.value.message_dict) == {"code", "kind", "name", "basis"}


def test_service_code_only_for_licensing(gov):
    with pytest.raises(ValidationError) as exc:
        make_item(gov["editor"], gov["market"], kind="penalty", service_code="11440000MB2C9")
    assert "只有行政许可事项" in exc.value.message_dict["service_code"][0]
    item = make_item(gov["editor"], gov["market"], service_code="11440000MB2C9-001")
    assert item.versions.get().service_code == "11440000MB2C9-001"


def test_duplicate_code_in_agency_refused(gov):
    make_item(gov["editor"], gov["market"])
    with pytest.raises(ValidationError) as exc:
        make_item(gov["editor"], gov["market"], code="ql-001")
    assert "已有该编码" in exc.value.message_dict["code"][0]


def test_staff_of_another_agency_may_not_edit(gov):
    with pytest.raises(PermissionDenied):
        make_item(gov["env_editor"], gov["market"])
    with pytest.raises(PermissionDenied):
        make_item(gov["viewer"], gov["market"])


def test_revision_takes_effect_on_its_date(gov):
    with frozen(dt.datetime(2026, 3, 2, 10, 0)):
        item = make_item(gov["editor"], gov["market"])
        version = services.revise_item(
            actor=gov["editor"],
            item=item,
            effective_from=dt.date(2026, 4, 1),
            basis=BASIS + "；《广东省食品安全条例》第二十条",
            note="依据《广东省食品安全条例》修订",
        )
        assert version.number == 2
        first = item.versions.get(number=1)
        assert first.effective_to == dt.date(2026, 4, 1)
        # Before the date the first version is in force, from it the second.
        assert selectors.version_on(item, on=dt.date(2026, 3, 31)).number == 1
        assert selectors.version_on(item, on=dt.date(2026, 4, 1)).number == 2
        assert list(
            selectors.public_list(on=dt.date(2026, 3, 31)).values_list("number", flat=True)
        ) == [1]
        assert list(
            selectors.public_list(on=dt.date(2026, 4, 1)).values_list("number", flat=True)
        ) == [2]
    event = AuditEvent.objects.get(action="power.revise")
    assert event.before_digest and event.after_digest and event.before_digest != event.after_digest


def test_revision_refusals(gov):
    with frozen(dt.datetime(2026, 3, 2, 10, 0)):
        item = make_item(gov["editor"], gov["market"])
        with pytest.raises(ValidationError) as exc:
            services.revise_item(
                actor=gov["editor"], item=item, effective_from="2026-01-01", note="x", name="新"
            )
        assert "须晚于现行版本" in exc.value.message_dict["effective_from"][0]
        with pytest.raises(ValidationError) as exc:
            services.revise_item(
                actor=gov["editor"], item=item, effective_from="2026-05-01", note="x"
            )
        assert "没有变化" in exc.value.message_dict["__all__"][0]
        with pytest.raises(ValidationError) as exc:
            services.revise_item(actor=gov["editor"], item=item, name="新名称")
        assert "修订说明" in exc.value.message_dict["note"][0]
    assert item.versions.count() == 1


def test_repeal_ends_the_item(gov):
    with frozen(dt.datetime(2026, 3, 2, 10, 0)):
        item = make_item(gov["editor"], gov["market"])
        services.repeal_item(
            actor=gov["editor"], item=item, on="2026-06-01", note="国发〔2026〕1号取消"
        )
        assert selectors.status_of(item, on=dt.date(2026, 5, 31)) == PowerStatus.IN_FORCE
        assert selectors.status_of(item, on=dt.date(2026, 6, 1)) == PowerStatus.REPEALED
        with pytest.raises(ValidationError):
            services.repeal_item(actor=gov["editor"], item=item, on="2026-07-01", note="再次")
    assert AuditEvent.objects.filter(action="power.repeal").count() == 1


def test_public_list_search_and_filters(gov):
    with frozen(dt.datetime(2026, 3, 2, 10, 0)):
        make_item(gov["editor"], gov["market"])
        make_item(
            gov["editor"],
            gov["market"],
            code="JC-001",
            kind="inspection",
            name="食品生产经营监督检查",
            basis="《中华人民共和国食品安全法》第一百一十条",
        )
        make_item(
            gov["env_editor"],
            gov["env"],
            code="CF-001",
            kind="penalty",
            name="对超标排放污染物的处罚",
            basis="《中华人民共和国大气污染防治法》第九十九条",
        )
        future = make_item(
            gov["editor"], gov["market"], code="QL-009", effective_from=dt.date(2026, 9, 1)
        )
        names = lambda **kw: sorted(v.name for v in selectors.public_list(**kw))  # noqa: E731
        assert len(names()) == 3  # the future item is not in force yet
        assert names(kind="inspection") == ["食品生产经营监督检查"]
        assert names(agency_id=gov["env"].pk) == ["对超标排放污染物的处罚"]
        assert names(agency_id=gov["root"].pk) == names()  # the subtree
        assert names(q="食品安全法 检查") == ["食品生产经营监督检查"]
        assert names(q="CF-001") == ["对超标排放污染物的处罚"]
        assert selectors.public_item(future.pk) is None
        assert [v.item.code for v in selectors.inspection_items(gov["market"])] == ["JC-001"]


def test_staff_scope(gov):
    make_item(gov["editor"], gov["market"])
    make_item(gov["env_editor"], gov["env"], code="CF-001", kind="penalty")
    assert [i.code for i in selectors.items_for_staff(gov["viewer"])] == ["QL-001"]
    assert len(selectors.items_for_staff(gov["supervisor"])) == 2
    env_item = selectors.items_for_staff(gov["supervisor"]).get(code="CF-001")
    assert selectors.item_for_staff(gov["viewer"], env_item.pk) is None
