"""The calculator on the guide page: anonymous, server-side, errors on the fields, values kept."""

import pytest

pytestmark = pytest.mark.django_db


def test_guide_page_calculates(client, province):
    url = f"/ysqgk/{province['transport'].pk}/"
    page = client.get(url).content.decode()
    assert "期限计算器" in page and "答复期限自收到补正申请之日起重新计算" in page
    # Received 03-02, corrected 03-16 → 2026-04-14 (hand count in the API test).
    page = client.get(
        url, {"received": "2026-03-02", "correction_received": "2026-03-16"}
    ).content.decode()
    assert "2026年4月14日" in page and "2026年3月11日" in page


def test_guide_page_shows_errors_and_keeps_values(client, province):
    url = f"/ysqgk/{province['transport'].pk}/"
    page = client.get(
        url, {"received": "2026-03-02", "correction_received": "2026-02-01", "extension": "30"}
    ).content.decode()
    assert "收到补正申请日期不能早于收到申请日期" in page
    assert "延长答复期限应为 0 到 20 之间的整数" in page
    assert 'value="2026-02-01"' in page and "答复期限</dt>" not in page


def test_applicant_sees_the_restarted_reply_date(client, province):
    # Online application on Mon 03-02, 补正 notice 03-09, supplied online on Mon 03-16:
    # the reply is due 04-14 (20 wd from 03-16; 清明 04-04..06 off).
    import datetime as dt

    from sunshine.disclosure.foi import services
    from sunshine.kernel import clock
    from sunshine.kernel.accounts.roles import Role
    from sunshine.testing.factories import CitizenFactory, staff_with
    from sunshine.testing.factories.foi import person

    transport = province["transport"]
    officer = staff_with(Role.DISCLOSURE_OFFICER, transport)
    citizen = CitizenFactory()
    with clock.frozen(dt.date(2026, 3, 2)):
        item = services.submit_online_request(applicant=citizen, agency=transport, **person())
    with clock.frozen(dt.date(2026, 3, 9)):
        services.send_correction_notice(request=item, actor=officer, items="请写明文号")
    client.force_login(citizen)
    with clock.frozen(dt.date(2026, 3, 10)):
        page = client.get(f"/ysqgk/my/{item.pk}/").content.decode()
        assert "暂停计算" in page
    with clock.frozen(dt.date(2026, 3, 16)):
        response = client.post(f"/ysqgk/my/{item.pk}/", {"text": "文号为粤交规〔2026〕1号"})
        assert response.status_code == 302
        page = client.get(f"/ysqgk/my/{item.pk}/").content.decode()
    assert "2026-04-14" in page and "重新计算" in page
