"""我的 (/wode/): each list shows the signed-in citizen's own things and never another user's;
anonymous visitors go to the login page; staff keep the workbench; the inbox is the kernel's."""

import pytest
from django.urls import reverse

from sunshine.kernel.notify import services as notify
from sunshine.kernel.notify.models import Notification
from sunshine.testing.factories import PASSWORD, CitizenFactory

pytestmark = pytest.mark.django_db

MINE_URLS = [
    ("portal:mine", []),
    ("portal:mine_inbox", []),
    ("portal:mine_section", ["ratings"]),
    ("portal:mine_section", ["subscriptions"]),
    ("portal:mine_section", ["messages"]),
]


def sign_in(client, user):
    assert client.login(username=user.email, password=PASSWORD)
    return user


@pytest.mark.parametrize(("name", "args"), MINE_URLS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, name, args):
    url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "next=" in response.url


def test_staff_are_sent_to_their_workbench(client, messages_people):
    sign_in(client, messages_people["drafter"])
    assert client.get(reverse("portal:mine")).url == reverse("workbench:dashboard")


def test_an_unknown_section_is_not_found(client, citizen):
    sign_in(client, citizen)
    assert client.get(reverse("portal:mine_section", args=["nope"])).status_code == 404


def test_my_messages_show_only_mine_with_plain_words_and_the_steps_to_come(client, messages_people):
    from sunshine.participation.messages import services
    from sunshine.testing.factories.messages import submit

    me, other = messages_people["citizen"], CitizenFactory()
    mine = submit(me, agency=messages_people["transport"], subject="我的路灯不亮")
    submit(other, agency=messages_people["transport"], subject="别人的噪音投诉")
    assert mine.state == "assigned"  # staff word: 已派单
    sign_in(client, me)
    html = client.get(reverse("portal:mine")).content.decode()
    assert "我的路灯不亮" in html
    assert "别人的噪音投诉" not in html
    assert "已派单" not in html
    assert f'href="{reverse("portal:messages_mine")}#m{mine.pk}"' in html
    # 已受理 done, 办理中 current, 已答复 and 已办结 still to come.
    assert (
        'tracker-done"><span class="tracker-dot" aria-hidden="true"></span><span class="tracker-label">已受理'
        in html
    )
    assert (
        'aria-current="step"><span class="tracker-dot" aria-hidden="true"></span><span class="tracker-label">办理中'
        in html
    )
    assert html.count("tracker-todo") == 2
    # The module's own page says the same words.
    page = client.get(reverse("portal:messages_mine")).content.decode()
    assert "已派单" not in page and "办理中" in page
    services.reply_to_message(message=mine, actor=messages_people["drafter"], body="已修复。")
    html = client.get(reverse("portal:mine")).content.decode()
    assert (
        'aria-current="step"><span class="tracker-dot" aria-hidden="true"></span><span class="tracker-label">已答复'
        in html
    )


def test_my_foi_requests_show_only_mine(client, citizen, province):
    from sunshine.disclosure.foi import services
    from sunshine.testing.factories.foi import person

    transport = province["transport"]
    mine = services.submit_online_request(applicant=citizen, agency=transport, **person())
    theirs = services.submit_online_request(
        applicant=CitizenFactory(), agency=transport, **person(2)
    )
    sign_in(client, citizen)
    html = client.get(reverse("portal:mine")).content.decode()
    assert reverse("portal:foi_my_detail", args=[mine.pk]) in html
    assert reverse("portal:foi_my_detail", args=[theirs.pk]) not in html
    assert mine.number in html and theirs.number not in html
    # The request's own page carries the tracker too; another's is not found.
    detail = client.get(reverse("portal:foi_my_detail", args=[mine.pk])).content.decode()
    assert 'class="tracker"' in detail and "办理中" in detail
    assert client.get(reverse("portal:foi_my_detail", args=[theirs.pk])).status_code == 404


def test_my_applications_show_only_mine_and_submitted_is_not_yet_accepted(
    client, citizen, province
):
    from sunshine.testing.factories.applications import apply
    from sunshine.testing.factories.servicehall import make_item

    item = make_item(province["transport"])
    mine = apply(item, applicant=citizen)
    theirs = apply(item, applicant=CitizenFactory())
    sign_in(client, citizen)
    html = client.get(reverse("portal:mine")).content.decode()
    assert reverse("portal:service_my_application", args=[mine.number]) in html
    assert theirs.number not in html
    # Just submitted: no step reached yet, all four still to come, and the plain reason.
    assert "已提交，等待受理" in html
    assert 'aria-current="step"' not in html.split('id="applications"')[1].split("</section>")[0]
    detail = client.get(reverse("portal:service_my_application", args=[mine.number]))
    assert "已提交，等待受理" in detail.content.decode()


def test_my_ratings_and_subscriptions(client, messages_people):
    from sunshine.participation.messages import services
    from sunshine.testing.factories.messages import answered

    me = messages_people["citizen"]
    message = answered(messages_people, subject="我的投诉")
    services.rate_reply(message=message, rater=me, level="satisfied", comment="")
    other_people = {**messages_people, "citizen": CitizenFactory()}
    other = answered(other_people, subject="别人的投诉")
    services.rate_reply(message=other, rater=other_people["citizen"], level="satisfied", comment="")
    notify.set_email_preference(user=me, topic="clock.*", enabled=False)
    notify.set_email_preference(user=other_people["citizen"], topic="column.zcwj", enabled=True)
    sign_in(client, me)
    html = client.get(reverse("portal:mine_section", args=["ratings"])).content.decode()
    assert "我的投诉" in html and "别人的投诉" not in html
    assert f"#m{message.pk}" in html  # links to the rated reply on the author's page
    html = client.get(reverse("portal:mine_section", args=["subscriptions"])).content.decode()
    main = html.split('id="main"')[1]
    assert "clock.*" in main and "已退订" in main
    assert "政策文件" not in main


def test_the_inbox_lists_only_mine_and_reading_lowers_the_badge(client, citizen):
    [first] = notify.notify(
        event="message.replied", recipients=[citizen], subject="您的留言已答复", body="请查看",
        url=reverse("portal:messages_mine"),
    )  # fmt: skip
    notify.notify(event="message.replied", recipients=[citizen], subject="第二条", body="")
    notify.notify(event="x.y", recipients=[CitizenFactory()], subject="别人的消息", body="")
    sign_in(client, citizen)
    html = client.get(reverse("portal:mine_inbox")).content.decode()
    assert "您的留言已答复" in html and "别人的消息" not in html
    assert '<span class="badge badge-overdue">2<span class="visually-hidden">' in html
    response = client.post(reverse("portal:mine_inbox_read", args=[first.pk]), {"open": "1"})
    assert response.url == reverse("portal:messages_mine")
    html = client.get(reverse("portal:mine")).content.decode()
    assert '<span class="badge badge-overdue">1<span class="visually-hidden">' in html
    client.post(reverse("portal:mine_inbox_read_all"))
    html = client.get(reverse("portal:mine")).content.decode()
    assert "badge-overdue" not in html
    assert not Notification.objects.filter(recipient=citizen, read_at=None).exists()


def test_another_users_notification_cannot_be_marked(client, citizen):
    [theirs] = notify.notify(event="x.y", recipients=[CitizenFactory()], subject="s", body="")
    sign_in(client, citizen)
    assert client.post(reverse("portal:mine_inbox_read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_citizens_are_sent_from_the_workbench_inbox_to_theirs(client, citizen, officer):
    sign_in(client, citizen)
    assert client.get(reverse("notify:inbox")).url == reverse("portal:mine_inbox")
    client.logout()
    sign_in(client, officer)
    assert client.get(reverse("notify:inbox")).status_code == 200


def test_mine_links_data_download_and_erasure_and_the_header_links_to_mine(client, citizen):
    sign_in(client, citizen)
    html = client.get(reverse("portal:mine")).content.decode()
    assert reverse("accounts:export") in html and reverse("accounts:delete") in html
    header_link = f'<a class="user-name" href="{reverse("portal:mine")}">{citizen} · 我的'
    assert header_link in html  # whose account is open, and the way to their things


def test_the_overview_reads_each_list_in_a_bounded_number_of_queries(
    client, messages_people, django_assert_max_num_queries
):
    from sunshine.testing.factories.messages import submit

    me = messages_people["citizen"]
    for n in range(6):
        submit(me, agency=messages_people["transport"], subject=f"留言{n}")
    sign_in(client, me)
    client.get(reverse("portal:mine"))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("portal:mine"))
    assert response.content.decode().count('class="mine-item"') >= 5


def test_my_comments_show_only_mine_linked_to_my_comments_on_the_page(client, citizen, province):
    from sunshine.testing.factories.consultations import comment, make_consultation

    consultation = make_consultation(province["transport"])
    comment(consultation, author=citizen, body="我的意见：期限太短")
    comment(consultation, author=CitizenFactory(), body="别人的意见")
    other = make_consultation(province["transport"], title="别人评论过的办法（征求意见稿）")
    comment(other, author=CitizenFactory())
    sign_in(client, citizen)
    html = client.get(reverse("portal:mine_section", args=["comments"])).content.decode()
    main = html.split('id="main"')[1]
    assert f"{reverse('portal:consultation_detail', args=[consultation.pk])}#mine" in main
    assert consultation.title in main
    assert other.title not in main
