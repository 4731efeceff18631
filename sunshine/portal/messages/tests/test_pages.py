import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.ratings.models import Rating
from sunshine.participation.messages import services
from sunshine.participation.messages.models import Message
from sunshine.testing.factories import PASSWORD, CitizenFactory
from sunshine.testing.factories.messages import answered, submit

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def published(messages_people, n=1, **kw):
    body = "我叫张三丰，电话13812345678，车牌粤A12345的出租车拒载。"
    return [
        answered(messages_people, subject=f"出租车拒载问题{i}", body=body, **kw) for i in range(n)
    ]


def test_public_list_shows_published_only_in_few_queries(
    client, messages_people, django_assert_max_num_queries
):
    published(messages_people, 20)
    hidden = submit(
        messages_people["citizen"], agency=messages_people["transport"], subject="未答复的留言"
    )
    with django_assert_max_num_queries(10):
        response = client.get(reverse("portal:messages_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="msg-list-title"') == 20
    assert hidden.subject not in html
    with django_assert_max_num_queries(10):
        response = client.get(
            reverse("portal:messages_list")
            + "?category=交通运输&state=replied&agency="
            + str(messages_people["transport"].pk)
            + "&q=拒载"
        )
    assert response.status_code == 200


def test_detail_is_masked(client, messages_people):
    (m,) = published(messages_people)
    response = client.get(reverse("portal:messages_detail", args=[m.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "张三丰" not in html and "13812345678" not in html and "粤A12345" not in html
    assert "张**" in html and "138****5678" in html
    unpublished = submit(messages_people["citizen"], agency=messages_people["transport"])
    assert client.get(reverse("portal:messages_detail", args=[unpublished.pk])).status_code == 404


def test_write_needs_login(client, messages_people):
    response = client.get(reverse("portal:messages_write"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_write_refused_keeps_the_text(client, messages_people):
    client.login(username=messages_people["citizen"].email, password=PASSWORD)
    body = "<script>alert(1)</script>我的诉求是修路"
    response = client.post(
        reverse("portal:messages_write"),
        {"subject": "长" * 101, "body": body, "agency": "", "action": "submit"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "留言主题不能超过 100 个字" in html
    assert "HTML" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;我的诉求是修路" in html
    assert Message.objects.count() == 0


def test_write_suggestion_step_without_js(client, messages_people):
    client.login(username=messages_people["citizen"].email, password=PASSWORD)
    response = client.post(
        reverse("portal:messages_write"),
        {
            "subject": "火车站出租车拒载",
            "body": "出租车拒载、绕路、不打表。",
            "agency": "",
            "action": "suggest",
            "is_public": "on",
        },
    )
    html = response.content.decode()
    assert "系统建议" in html and "交通运输" in html
    assert "出租车拒载、绕路、不打表。" in html  # the text stays in the form
    assert Message.objects.count() == 0


def test_write_submits_with_attachment(client, messages_people):
    client.login(username=messages_people["citizen"].email, password=PASSWORD)
    response = client.post(
        reverse("portal:messages_write"),
        {
            "subject": "火车站出租车拒载",
            "body": "出租车拒载、绕路、不打表。",
            "agency": "",
            "action": "submit",
            "is_public": "on",
            "attachments": [SimpleUploadedFile("photo.png", PNG, content_type="image/png")],
        },
    )
    assert response.status_code == 302
    m = Message.objects.get()
    assert m.state == Message.State.SUBMITTED and m.suggested_category == "交通运输"
    assert m.attachments.count() == 1


def test_write_refuses_a_bad_attachment(client, messages_people):
    client.login(username=messages_people["citizen"].email, password=PASSWORD)
    response = client.post(
        reverse("portal:messages_write"),
        {
            "subject": "火车站出租车拒载",
            "body": "出租车拒载。",
            "action": "submit",
            "attachments": [SimpleUploadedFile("x.png", b"MZ\x90\x00notapng" * 20)],
        },
    )
    assert response.status_code == 200 and Message.objects.count() == 0
    assert "出租车拒载。" in response.content.decode()


def test_suggest_endpoint(client, messages_people):
    response = client.post(
        reverse("portal:messages_suggest"),
        {"subject": "火车站出租车拒载", "body": "出租车拒载、绕路、不打表。"},
    )
    data = response.json()
    assert data["category"] == "交通运输" and data["agency"]["name"] == "广东省交通运输厅"
    assert client.get(reverse("portal:messages_suggest")).status_code == 405


def test_suggest_is_rate_limited(client, messages_people):
    url = reverse("portal:messages_suggest")
    codes = [client.post(url, {"subject": "a", "body": "b"}).status_code for _ in range(31)]
    assert codes[:30] == [200] * 30 and codes[30] == 429


def test_my_messages_and_bad_rating_reopens(client, messages_people):
    (m,) = published(messages_people)
    client.login(username=messages_people["citizen"].email, password=PASSWORD)
    response = client.get(reverse("portal:messages_mine"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "张三丰您好" in html and "提交评价" in html
    response = client.post(
        reverse("portal:messages_rate", args=[m.pk]),
        {"level": "dissatisfied", "comment": "没有解决问题"},
    )
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.state == Message.State.ASSIGNED and m.reopen_count == 1
    assert open_clock(m, "message.reply") is not None  # a new reply clock
    html = client.get(reverse("portal:messages_mine")).content.decode()
    assert "重新办理" in html and "提交评价" not in html and "答复期限" in html
    # a second reply can be rated again; a good rating closes it
    services.reply_to_message(message=m, actor=messages_people["drafter"], body="已再次处理。")
    response = client.post(reverse("portal:messages_rate", args=[m.pk]), {"level": "satisfied"})
    m.refresh_from_db()
    assert m.state == Message.State.CLOSED
    assert Rating.objects.filter(object_id=m.pk).count() == 2


def test_rating_refused_shows_errors(client, messages_people):
    (m,) = published(messages_people)
    client.login(username=messages_people["citizen"].email, password=PASSWORD)
    response = client.post(reverse("portal:messages_rate", args=[m.pk]), {"comment": "<b>x</b>"})
    assert response.status_code == 400
    assert "请选择评价等级" in response.content.decode()
    other = CitizenFactory()
    client.login(username=other.email, password=PASSWORD)
    assert (
        client.post(
            reverse("portal:messages_rate", args=[m.pk]), {"level": "satisfied"}
        ).status_code
        == 404
    )


def test_column_provider_and_sitemap(rf, messages_people):
    from sunshine.portal.messages.providers import latest_messages, message_sitemap
    from sunshine.portal.sitemaps import section_urls

    (m,) = published(messages_people)
    items = latest_messages(rf.get("/"), 8)
    assert [i.url for i in items] == [f"/hdjl/ly/{m.pk}/"]
    assert items[0].title == m.public_subject
    urls = [u.location for u in section_urls(message_sitemap, rf.get("/"))]
    assert "/hdjl/ly/" in urls and f"/hdjl/ly/{m.pk}/" in urls
