import pytest
from django.urls import reverse

from sunshine.servicehall.applications import services
from sunshine.servicehall.applications.models import ServiceApplication
from sunshine.testing.factories import CitizenFactory
from sunshine.testing.factories.applications import advance_application, apply, pdf

pytestmark = pytest.mark.django_db


def test_hall_themes_and_item_guide(client, themed_hall, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = client.get(reverse("portal:service_hall")).content.decode()
    assert "个人办事" in page and "交通出行" in page and "交通运输" in page
    with django_assert_max_num_queries(12):
        page = client.get(
            reverse("portal:service_persons_theme", args=["jiaotong"])
        ).content.decode()
    assert "出租汽车驾驶员从业资格证核发" in page and "道路货物运输经营许可" not in page
    item = themed_hall["items"][0]
    with django_assert_max_num_queries(12):
        page = client.get(reverse("portal:service_item_detail", args=[item.code])).content.decode()
    for label in ["设定依据", "申请条件", "办理材料", "办理地点", "办理机构", "收费标准",
                  "办理时间", "联系电话", "办理流程", "承诺时限", "法定时限"]:  # fmt: skip
        assert label in page
    material = item.materials.first()
    template = material.attachments.get()
    url = reverse("portal:service_template", args=[item.code, material.pk, template.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_list_query_count_does_not_grow(client, themed_hall, django_assert_max_num_queries):
    from sunshine.testing.factories.servicehall import make_item

    for n in range(10):
        make_item(themed_hall["agency"], name=f"测试事项{n}", themes=[themed_hall["person_theme"]])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("portal:service_persons")).status_code == 200


def test_search_finds_items(client, themed_hall):
    page = client.get(reverse("portal:service_search"), {"q": "驾驶员"}).content.decode()
    first, second = themed_hall["items"]
    assert reverse("portal:service_item_detail", args=[first.code]) in page
    assert reverse("portal:service_item_detail", args=[second.code]) not in page
    assert "<mark>驾驶员</mark>" in page


def test_apply_requires_login_and_keeps_text_when_refused(client, themed_hall):
    item = themed_hall["items"][0]
    url = reverse("portal:service_apply", args=[item.code])
    assert client.get(url).status_code == 302
    citizen = CitizenFactory()
    client.force_login(citizen)
    material = item.materials.get(required=True)
    bad = pdf("申请表.exe")
    response = client.post(url, {
        "applicant_kind": "person", "applicant_name": "张三", "contact_phone": "13800138000",
        "description": "我要申请从业资格证，已考试合格", f"material_{material.pk}": bad,
    })  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert "我要申请从业资格证，已考试合格" in page and "申请表.exe" in page
    assert ServiceApplication.objects.count() == 0
    response = client.post(url, {
        "applicant_kind": "person", "applicant_name": "张三", "contact_phone": "13800138000",
        "description": "我要申请", f"material_{material.pk}": pdf("申请表.pdf"),
    })  # fmt: skip
    app = ServiceApplication.objects.get()
    assert response.url == reverse("portal:service_my_application", args=[app.number])
    assert app.applicant == citizen and app.form_data["description"] == "我要申请"


def test_my_applications_only_own_with_timeline_and_correction(
    client, themed_hall, django_assert_max_num_queries
):
    item = themed_hall["items"][0]
    mine = apply(item)
    other = apply(item)
    services.request_correction(
        application=mine, actor=themed_hall["drafter"], missing=["身份证反面"]
    )
    client.force_login(mine.applicant)
    for _ in range(5):
        apply(item, applicant=mine.applicant)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("portal:service_my_applications")).content.decode()
    assert mine.number in page and other.number not in page
    assert (
        client.get(reverse("portal:service_my_application", args=[other.number])).status_code == 404
    )
    with django_assert_max_num_queries(25):
        page = client.get(
            reverse("portal:service_my_application", args=[mine.number])
        ).content.decode()
    assert "办理进度" in page and "身份证反面" in page and "提交补正" in page
    response = client.post(
        reverse("portal:service_resubmit", args=[mine.number]),
        {"note": "已补充", "file1": pdf("身份证反面.pdf")},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.state == "submitted"
    page = client.get(reverse("portal:service_my_application", args=[mine.number])).content.decode()
    assert "补正提交" in page


def test_rating_form_after_completion(client, themed_hall):
    app = apply(themed_hall["items"][0])
    client.force_login(app.applicant)
    page = client.get(reverse("portal:service_my_application", args=[app.number])).content.decode()
    assert "提交评价" not in page
    advance_application(app, themed_hall, "completed")
    page = client.get(reverse("portal:service_my_application", args=[app.number])).content.decode()
    assert "提交评价" in page
    url = reverse("portal:service_rate", args=[app.number])
    response = client.post(url, {"level": "satisfied", "comment": "<script>x</script>"})
    assert response.status_code == 400 and "纯文字" in response.content.decode()
    response = client.post(url, {"level": "satisfied", "comment": "很好"})
    assert response.status_code == 302
    page = client.get(reverse("portal:service_my_application", args=[app.number])).content.decode()
    # the whole application is rated; its finished steps may still be rated one by one
    assert "很好" in page and "整个办件" not in page and "审查环节" in page
    response = client.post(url, {"step": "review", "level": "very_satisfied"})
    assert response.status_code == 302
    page = client.get(reverse("portal:service_my_application", args=[app.number])).content.decode()
    assert "审查环节：非常满意" in page


def test_a_step_can_be_rated_on_its_own(client, themed_hall):
    app = apply(themed_hall["items"][0])
    services.reject_application(
        application=app, actor=themed_hall["drafter"], reason="不属于本机关职权"
    )
    client.force_login(app.applicant)
    url = reverse("portal:service_rate", args=[app.number])
    page = client.get(reverse("portal:service_my_application", args=[app.number])).content.decode()
    assert "整个办件" in page and "受理环节" not in page  # rejected: no accept step done
    response = client.post(url, {"step": "", "level": "dissatisfied", "comment": "理由不清楚"})
    assert response.status_code == 302
    page = client.get(reverse("portal:service_my_application", args=[app.number])).content.decode()
    assert "不满意" in page and "提交评价" not in page


def test_numbered_procedure_steps_are_not_numbered_twice():
    """QA: the 办理流程 list showed "1. 1. 网上申请" when the catalogue text was numbered."""
    from sunshine.portal.servicehall.views import _steps

    text = "1. 网上申请\n2、受理\n（3）审查\n4．决定\n15个工作日内办结\n2026年起实行"
    assert _steps(text) == ["网上申请", "受理", "审查", "决定", "15个工作日内办结", "2026年起实行"]
