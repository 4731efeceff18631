import pytest
from django.urls import reverse

from sunshine.kernel.accounts.models import RoleGrant, User
from sunshine.testing.factories import CitizenFactory, staff_with
from sunshine.workbench import queues
from sunshine.workbench.queues import QueueItem, register_queue_provider, unregister_queue_provider

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Guangdong#2026"


def test_dashboard_needs_login(client):
    response = client.get(reverse("workbench:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_citizen_gets_clear_403(client):
    client.force_login(CitizenFactory())
    response = client.get(reverse("workbench:dashboard"))
    assert response.status_code == 403
    assert "工作台仅供政府工作人员使用" in response.content.decode()


def test_dashboard_for_staff(client, province, django_assert_max_num_queries):
    clerk = staff_with("drafter", province["office"])
    client.force_login(clerk)
    # The page's own queries, then at most 3 per queue provider (checked one by one below).
    with django_assert_max_num_queries(12 + 3 * len(queues._PROVIDERS)):
        response = client.get(reverse("workbench:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert clerk.display_name in html and province["office"].name in html
    assert "暂无待办" in html
    for href in ["/workbench/clocks/", "/workbench/inbox/", "/workbench/calendar/"]:
        assert f'href="{href}"' in html


@pytest.mark.parametrize("role", ["drafter", "disclosure_officer", "agency_admin", "supervisor"])
def test_every_queue_provider_reads_in_a_bounded_number_of_queries(
    province, role, django_assert_max_num_queries
):
    user = staff_with(role, province["office"])
    for name, provider in queues._PROVIDERS.items():
        with django_assert_max_num_queries(3, info=f"{name} for {role}"):
            list(provider(user, 20))


def test_dashboard_queue_provider(client, province):
    clerk = staff_with("drafter", province["office"])
    client.force_login(clerk)

    def provider(user, limit):
        return [QueueItem("审核：关于某事的通知", "/workbench/x/1/", label="主动公开")]

    register_queue_provider("test", provider)
    try:
        html = client.get(reverse("workbench:dashboard")).content.decode()
    finally:
        unregister_queue_provider("test")
    assert "审核：关于某事的通知" in html and "暂无待办" not in html


def test_drafter_cannot_open_user_admin(client, province):
    client.force_login(staff_with("drafter", province["office"]))
    response = client.get(reverse("workbench:users"))
    assert response.status_code == 403
    assert "没有管理用户与角色的权限" in response.content.decode()
    assert client.get(reverse("workbench:user_create")).status_code == 403


def test_admin_sees_only_own_agency_subtree(client, province, django_assert_max_num_queries):
    admin = staff_with("agency_admin", province["city"])
    mine = staff_with("drafter", province["county"])
    theirs = staff_with("drafter", province["transport"])
    client.force_login(admin)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("workbench:users")).content.decode()
    assert mine.email in html and theirs.email not in html
    assert client.get(reverse("workbench:user_detail", args=[theirs.pk])).status_code == 404
    # nor can they act on the other agency's staff by posting directly
    grant = RoleGrant.objects.get(user=theirs)
    url = reverse("workbench:grant_revoke", args=[theirs.pk, grant.pk])
    assert client.post(url).status_code == 404
    assert client.post(reverse("workbench:user_set_active", args=[theirs.pk])).status_code == 404
    assert RoleGrant.objects.filter(pk=grant.pk).exists()
    theirs.refresh_from_db()
    assert theirs.is_active


def test_admin_creates_staff_with_roles(client, province):
    admin = staff_with("agency_admin", province["city"])
    client.force_login(admin)
    url = reverse("workbench:user_create")
    data = {
        "agency": province["county"].pk,
        "email": "new.clerk@gz.gov.cn",
        "display_name": "新同事",
        "password": NEW_PASSWORD,
        "roles": ["drafter", "reviewer"],
    }
    response = client.post(url, data)
    assert response.status_code == 302
    user = User.objects.get(email="new.clerk@gz.gov.cn")
    assert user.agency == province["county"] and user.kind == User.Kind.STAFF
    assert set(user.grants.values_list("role", flat=True)) == {"drafter", "reviewer"}
    # an agency outside the admin's subtree is not even a choice
    data.update(email="x@gz.gov.cn", agency=province["transport"].pk)
    html = client.post(url, data).content.decode()
    assert not User.objects.filter(email="x@gz.gov.cn").exists()
    assert "agency" in html and 'aria-invalid="true"' in html
    # the service's error (weak password) comes back on the field
    data.update(agency=province["city"].pk, password="123")
    html = client.post(url, data).content.decode()
    assert not User.objects.filter(email="x@gz.gov.cn").exists()
    assert "密码" in html and 'id="id_password_error"' in html


def test_grant_revoke_and_deactivate(client, province):
    admin = staff_with("agency_admin", province["city"])
    clerk = staff_with("drafter", province["county"])
    client.force_login(admin)
    detail = reverse("workbench:user_detail", args=[clerk.pk])
    assert client.get(detail).status_code == 200
    response = client.post(detail, {"agency": province["county"].pk, "role": "approver"})
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=clerk, role="approver")
    client.post(reverse("workbench:grant_revoke", args=[clerk.pk, grant.pk]))
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    client.post(reverse("workbench:user_set_active", args=[clerk.pk]), {"active": "0"})
    clerk.refresh_from_db()
    assert not clerk.is_active
    client.post(reverse("workbench:user_set_active", args=[clerk.pk]), {"active": "1"})
    clerk.refresh_from_db()
    assert clerk.is_active


def test_agency_admin_cannot_grant_global_roles(client, province):
    admin = staff_with("agency_admin", province["city"])
    clerk = staff_with("drafter", province["county"])
    client.force_login(admin)
    detail = reverse("workbench:user_detail", args=[clerk.pk])
    response = client.post(detail, {"agency": province["county"].pk, "role": "sysadmin"})
    assert response.status_code == 200
    assert not RoleGrant.objects.filter(user=clerk, role="sysadmin").exists()


def test_admin_cannot_deactivate_self(client, province):
    admin = staff_with("agency_admin", province["city"])
    client.force_login(admin)
    client.post(reverse("workbench:user_set_active", args=[admin.pk]), {"active": "0"})
    admin.refresh_from_db()
    assert admin.is_active


def test_dashboard_lists_my_clocks_most_urgent_first(
    client, province, django_assert_max_num_queries
):
    import datetime as dt

    from sunshine.kernel import clock
    from sunshine.kernel.deadlines import services as deadlines

    transport = province["transport"]
    with clock.frozen(dt.date(2026, 9, 30)):
        deadlines.start_clock(obj=transport, rule="foi.reply")
        deadlines.start_clock(obj=transport, rule="foi.correction_notice")
        deadlines.start_clock(obj=province["city"], rule="foi.reply")  # not theirs
    clerk = staff_with("drafter", transport)
    client.force_login(clerk)
    with clock.frozen(dt.date(2026, 10, 10)):
        with django_assert_max_num_queries(12 + 3 * len(queues._PROVIDERS)):
            html = client.get(reverse("workbench:dashboard")).content.decode()
    assert html.count('<tr class="urgency-') == 2
    assert "暂无进行中的期限" not in html
    assert "/workbench/clocks/" in html


def test_menu_shows_user_admin_only_to_those_who_may_use_it(client, province):
    client.force_login(staff_with("drafter", province["office"]))
    html = client.get(reverse("workbench:dashboard")).content.decode()
    assert 'href="/workbench/users/"' not in html
    assert 'href="/workbench/" aria-current="page"' in html
    client.force_login(staff_with("agency_admin", province["office"]))
    html = client.get(reverse("workbench:users")).content.decode()
    assert 'href="/workbench/users/" aria-current="page"' in html


def test_registered_menu_item_appears(client, province):
    from sunshine.workbench.menu import register_menu_item, unregister_menu_item

    register_menu_item("test", label="依申请公开", url="/workbench/foi/", order=40)
    try:
        client.force_login(staff_with("drafter", province["office"]))
        html = client.get(reverse("workbench:dashboard")).content.decode()
    finally:
        unregister_menu_item("test")
    assert html.index('href="/workbench/inbox/"') < html.index('href="/workbench/foi/"')
    assert html.index('href="/workbench/foi/"') < html.index('href="/workbench/calendar/"')


def test_dashboard_badges_are_as_of_now_without_the_sweep(client, province):
    import datetime as dt

    from sunshine.kernel import clock
    from sunshine.kernel.deadlines import services as deadlines

    transport = province["transport"]
    # 补正告知 7 wd from Wed 09-30: 10-08, 10-09, Sat 10-10 (调休), 10-12..15 → due 10-15.
    with clock.frozen(dt.date(2026, 9, 30)):
        started = deadlines.start_clock(obj=transport, rule="foi.correction_notice")
    assert started.urgency == "on_time" and started.due_date == dt.date(2026, 10, 15)
    client.force_login(staff_with("drafter", transport))
    with clock.frozen(dt.date(2026, 10, 16)):  # no sweep has run: the stored value is stale
        html = client.get(reverse("workbench:dashboard")).content.decode()
    assert 'class="badge badge-overdue"' in html and "badge-on_time" not in html


def test_admin_revoking_own_admin_role_is_told_why_not_500(client, province):
    admin = staff_with("agency_admin", province["city"])
    grant = RoleGrant.objects.get(user=admin, role="agency_admin")
    client.force_login(admin)
    response = client.post(
        reverse("workbench:grant_revoke", args=[admin.pk, grant.pk]), follow=True
    )
    assert response.status_code == 200
    assert "不能撤销自己的管理员角色" in response.content.decode()
    assert RoleGrant.objects.filter(pk=grant.pk).exists()
