"""Drafting, editing, attachments and the interpretation's own workflow."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.disclosure.interpretations import selectors, services
from sunshine.disclosure.interpretations.models import Interpretation
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.files.testing import make_image, upload
from sunshine.testing.factories import CitizenFactory, staff_with
from sunshine.testing.factories.interpretations import interpretation
from sunshine.testing.factories.records import advance, draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def test_drafter_of_the_drafting_agency_writes_it(people):
    record = draft(people, needs_interpretation=True)
    item = interpretation(people, record, kind="text", title="  《通知》 解读  ")
    assert (item.agency, item.author, item.state) == (people["agency"], people["drafter"], "draft")
    assert item.title == "《通知》 解读"
    event = AuditEvent.objects.filter(action="interpretation.create").get()
    assert (event.actor_id, event.agency_id) == (people["drafter"].pk, people["agency"].pk)


def test_other_agencies_and_the_public_may_not_write_it(people):
    record = draft(people)
    for actor in (people["other_drafter"], people["reviewer"], CitizenFactory(), None):
        with pytest.raises(PermissionDenied):
            services.create_interpretation(record=record, actor=actor, kind="text", title="解读")
    # A drafter granted on the government above the drafting agency covers its subtree.
    above = staff_with("drafter", people["province"]["root"])
    assert services.create_interpretation(record=record, actor=above, kind="text", title="解读")


def test_only_records_that_can_be_public(people):
    withheld = draft(
        people,
        disclosure_mode="withheld",
        withheld_reason="涉及国家秘密",
        withheld_ground="state_secret",
    )
    with pytest.raises(ValidationError, match="主动公开"):
        interpretation(people, withheld)


def test_fields_are_checked_all_at_once(people):
    record = draft(people)
    with pytest.raises(ValidationError) as exc:
        services.create_interpretation(
            record=record,
            actor=people["drafter"],
            kind="poem",
            title=" ",
            media_url="javascript:alert(1)",
        )
    assert set(exc.value.message_dict) == {"kind", "title", "media_url"}
    for bad in ("ftp://example.com/a.mp4", "www.example.com/a.mp4", "http://"):
        with pytest.raises(ValidationError):
            interpretation(people, record, kind="media", media_url=bad)
    ok = interpretation(people, record, kind="media", media_url="https://v.gd.gov.cn/a.mp4")
    assert ok.media_url == "https://v.gd.gov.cn/a.mp4"


def test_edit_only_while_draft(people):
    record = draft(people)
    item = interpretation(people, record)
    services.update_interpretation(interpretation=item, actor=people["drafter"], title="新标题")
    assert Interpretation.objects.get(pk=item.pk).title == "新标题"
    with pytest.raises(TypeError):
        services.update_interpretation(interpretation=item, actor=people["drafter"], state="x")
    with pytest.raises(PermissionDenied):
        services.update_interpretation(
            interpretation=item, actor=people["other_drafter"], title="x"
        )
    services.mark_ready(interpretation=item, actor=people["reviewer"])
    with pytest.raises(ValidationError, match="草稿"):
        services.update_interpretation(interpretation=item, actor=people["drafter"], title="y")
    assert AuditEvent.objects.filter(action="interpretation.update").count() == 1


@pytest.mark.parametrize(
    ("kind", "fields", "message"),
    [
        ("text", {"body": ""}, "解读正文"),
        ("media", {"body": "x"}, "音视频地址"),
        ("interview", {"body": ""}, "文字实录"),
        ("press_conference", {"body": ""}, "文字实录"),
    ],
)
def test_ready_needs_the_content_of_its_form(people, kind, fields, message):
    item = interpretation(people, draft(people), kind=kind, **fields)
    with pytest.raises(ValidationError, match=message):
        services.mark_ready(interpretation=item, actor=people["reviewer"])


def test_a_graphic_needs_an_image(people):
    record = draft(people)
    item = services.create_interpretation(
        record=record, actor=people["drafter"], kind="graphic", title="一图读懂"
    )
    with pytest.raises(ValidationError, match="图片"):
        services.mark_ready(interpretation=item, actor=people["reviewer"])
    with pytest.raises(ValidationError):  # not an image nor a document: refused by content
        services.attach_file(
            interpretation=item, actor=people["drafter"], uploaded_file=upload("a.png", b"\0x")
        )
    with pytest.raises(PermissionDenied):
        services.attach_file(
            interpretation=item,
            actor=people["other_drafter"],
            uploaded_file=upload("图.png", make_image()),
        )
    image = services.attach_file(
        interpretation=item, actor=people["drafter"], uploaded_file=upload("图.png", make_image())
    )
    assert image.kind == "png" and image.agency == people["agency"]
    services.mark_ready(interpretation=item, actor=people["reviewer"])
    assert item.state == "ready"
    with pytest.raises(ValidationError):  # no more changes to the files once ready
        services.remove_file(interpretation=item, actor=people["drafter"], attachment=image)


def test_remove_a_file_of_a_draft(people):
    item = interpretation(people, draft(people), kind="graphic")
    other = interpretation(people, draft(people), kind="graphic")
    image = item.attachments.get()
    with pytest.raises(ValidationError, match="不属于"):
        services.remove_file(interpretation=other, actor=people["drafter"], attachment=image)
    services.remove_file(interpretation=item, actor=people["drafter"], attachment=image)
    assert not item.attachments.exists()


def test_roles_of_the_workflow(people):
    item = interpretation(people, draft(people))
    with pytest.raises(PermissionDenied):
        services.mark_ready(interpretation=item, actor=people["drafter"])
    services.mark_ready(interpretation=item, actor=people["approver"], comment="同意")
    with pytest.raises(ValidationError) as exc:
        services.send_back(interpretation=item, actor=people["reviewer"], comment="")
    assert "comment" in exc.value.message_dict
    services.send_back(interpretation=item, actor=people["reviewer"], comment="补充数据")
    assert item.state == "draft"
    log = list(selectors.interpretation_history(item))
    assert [(entry.transition, entry.comment) for entry in log] == [
        ("mark_ready", "同意"),
        ("send_back", "补充数据"),
    ]
    with pytest.raises(PermissionDenied):
        services.withdraw_interpretation(
            interpretation=item, actor=people["reviewer"], comment="不用了"
        )
    services.withdraw_interpretation(interpretation=item, actor=people["approver"], comment="作废")
    assert item.state == "withdrawn"


def test_no_ready_interpretation_for_a_withdrawn_record(people):
    record = draft(people)
    item = interpretation(people, record)
    advance(record, people, "published")
    from sunshine.disclosure.records import services as record_services

    record_services.withdraw(record=record, actor=people["approver"], comment="有误")
    with pytest.raises(ValidationError, match="撤回"):
        services.mark_ready(
            interpretation=Interpretation.objects.get(pk=item.pk), actor=people["reviewer"]
        )
