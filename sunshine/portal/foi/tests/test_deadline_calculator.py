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
