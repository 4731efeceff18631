"""The public 期限看板 over the hand-worked clocks (sunshine/assessment/clockboard/tests/
handworked.py): the numbers, the definitions, the period filter and its errors, the CSV (the
same numbers as the page) and the chart."""

import csv
import io

import pytest
from django.core.cache import cache

from sunshine.assessment.clockboard.tests.handworked import NOW, build_clocks
from sunshine.kernel import clock
from sunshine.kernel.deadlines import stats

pytestmark = pytest.mark.django_db


@pytest.fixture
def clocks(province):
    cache.clear()
    found = build_clocks(province)
    stats.refresh_facts()
    return found


def get(client, url):
    with clock.frozen(NOW):
        return client.get(url)


def test_whole_government_board_shows_every_rule_with_definitions(client, clocks):
    response = get(client, "/qxkb/?period=y2026")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("依申请公开答复", "留言答复", "20个工作日", "条例第三十三条", "66.7%"):
        assert text in html
    rows = {r.rule: r for r in response.context["b"].rows}
    assert set(rows) == {"foi.reply", "message.reply"}
    foi = rows["foi.reply"].stats
    assert (foi.finished, foi.on_time_percent, foi.median_wd, foi.p90_wd) == (3, 66.7, 4, 22)
    assert (foi.overdue, foi.running) == (1, 2)
    total = response.context["b"].total
    assert (total.finished, total.on_time, total.overdue) == (4, 3, 1)
    # definitions on the page, and a chart with its text
    for text in ("指标说明", "按期办结率", "扣除暂停的工作日", "节假日安排", "最近秩法"):
        assert text in html
    assert html.count('class="qx-bar-svg"') == 2
    assert 'aria-label="按期办结率 66.7%（办结 3 件）"' in html
    # one row per agency, each linking to its own board
    agencies = {r.agency_name: r for r in response.context["b"].agency_rows}
    assert agencies["广东省交通运输厅"].finished == 3
    assert agencies["广州市人民政府"].finished == 1
    assert f"/qxkb/{clocks['transport'].pk}/?period=y2026" in html


def test_agency_board_counts_its_subtree(client, clocks):
    transport = get(client, f"/qxkb/{clocks['transport'].pk}/?period=y2026")
    assert [r.rule for r in transport.context["b"].rows] == ["foi.reply"]
    root = get(client, f"/qxkb/{clocks['root'].pk}/?period=y2026")
    assert root.context["b"].total.finished == 4  # the province and every agency under it
    city = get(client, f"/qxkb/{clocks['city'].pk}/")
    assert [r.rule for r in city.context["b"].rows] == ["message.reply"]
    assert get(client, "/qxkb/999999/").status_code == 404


def test_period_filter_and_its_errors(client, clocks):
    october = get(client, "/qxkb/?since=2026-10-13&until=2026-10-31")
    rows = {r.rule: r.stats for r in october.context["b"].rows}
    assert rows["foi.reply"].finished == 1  # C, stopped 10-13
    assert rows["foi.reply"].overdue == 1  # now, whatever the period
    assert "2026-10-13 至 2026-10-31" in october.content.decode()
    q3 = get(client, "/qxkb/?period=q2026-3")
    assert q3.context["b"].total.finished == 0
    bad = get(client, "/qxkb/?since=2026-13-01&until=2026-10-31")
    html = bad.content.decode()
    assert bad.status_code == 200 and "请输入有效日期" in html
    assert 'value="2026-13-01"' in html  # what was typed is kept
    backwards = get(client, "/qxkb/?since=2026-10-31&until=2026-10-01")
    assert "结束日期不能早于开始日期" in backwards.content.decode()
    unknown = get(client, "/qxkb/?period=y1999")
    assert "没有这个统计期间" in unknown.content.decode()


def test_agency_chooser_goes_to_the_agency_page(client, clocks):
    pk = clocks["city"].pk
    response = get(client, f"/qxkb/?agency={pk}&period=y2026")
    assert response.status_code == 302 and response["Location"] == f"/qxkb/{pk}/?period=y2026"
    assert get(client, "/qxkb/?agency=&period=y2026")["Location"] == "/qxkb/?period=y2026"


def test_csv_has_the_numbers_of_the_page(client, clocks):
    page = get(client, "/qxkb/?period=y2026")
    assert 'href="/qxkb/board.csv?period=y2026"' in page.content.decode()
    response = get(client, "/qxkb/board.csv?period=y2026")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["模块", "期限类型", "法定期限", "办结数"]
    by_label = {r[1]: r for r in rows[1:]}
    assert by_label["依申请公开答复"] == [
        "依申请公开", "依申请公开答复", "20个工作日", "3", "2", "1", "66.7", "4", "22", "1", "2", "1"
    ]  # fmt: skip
    assert by_label["留言答复"][3:9] == ["1", "1", "0", "100", "1", "1"]
    assert rows[-1][0] == "合计" and rows[-1][3:6] == ["4", "3", "1"]
    agency = get(client, f"/qxkb/{clocks['city'].pk}/board.csv")
    assert [r[1] for r in csv.reader(io.StringIO(agency.content.decode("utf-8-sig")))][1:-1] == [
        "留言答复"
    ]


def test_api_gives_the_same_numbers(client, clocks):
    response = get(client, "/api/v1/clockboard?period=y2026")
    assert response.status_code == 200, response.content
    data = response.json()
    foi = next(r for r in data["rules"] if r["rule"] == "foi.reply")
    assert foi["label"] == "依申请公开答复" and foi["limit"] == "20个工作日"
    assert foi["figures"] == {
        "finished": 3, "on_time": 2, "late": 1, "on_time_percent": 66.7, "median_workdays": 4.0,
        "p90_workdays": 22, "overdue": 1, "running": 2, "paused": 1,
    }  # fmt: skip
    assert data["total"]["finished"] == 4 and "办理用时" in data["definitions"]
    city = get(client, f"/api/v1/clockboard?agency_id={clocks['city'].pk}&period=y2026").json()
    assert [r["rule"] for r in city["rules"]] == ["message.reply"]
    bad = get(client, "/api/v1/clockboard?since=2026-10-31&until=2026-10-01")
    assert bad.status_code == 422 and "until" in bad.json()["errors"]
    assert get(client, "/api/v1/clockboard?agency_id=999999").status_code == 404


def test_second_request_reads_no_summary_rows(client, clocks, django_assert_max_num_queries):
    first = get(client, "/qxkb/?period=y2026")
    with django_assert_max_num_queries(8) as captured:
        second = get(client, "/qxkb/?period=y2026")
    reads = [q["sql"] for q in captured.captured_queries if "clockdailyfact" in q["sql"].lower()]
    reads += [q["sql"] for q in captured.captured_queries if "clockmonthlyfact" in q["sql"].lower()]
    assert reads == []
    assert first.context["b"].total.finished == second.context["b"].total.finished == 4
    assert second.context["b"].rows[0].stats.overdue == 1  # now: still counted per request


def test_warm_up_fills_the_default_periods(client, clocks, django_assert_max_num_queries):
    from sunshine.assessment.clockboard import board

    with clock.frozen(NOW):
        assert board.warm_cache()["keys"] >= 2
    for url in ("/qxkb/", f"/qxkb/{clocks['transport'].pk}/?period=y2026"):
        with django_assert_max_num_queries(10) as captured:
            response = get(client, url)
        assert response.status_code == 200
        sql = " ".join(q["sql"].lower() for q in captured.captured_queries)
        assert "clockdailyfact" not in sql and "clockmonthlyfact" not in sql
    transport = get(client, f"/qxkb/{clocks['transport'].pk}/?period=y2026").context["b"]
    assert transport.total.finished == 3  # the warmed subtree sum is the computed one


def test_a_facts_refresh_changes_the_figures_shown(client, clocks):
    from sunshine.kernel.deadlines import services

    assert get(client, "/qxkb/?period=y2026").context["b"].total.finished == 4
    with clock.frozen(NOW):
        services.stop_clock(clock=clocks["f"], actor=None)
    # cached until the job runs again (the page says when the facts were made) ...
    assert get(client, "/qxkb/?period=y2026").context["b"].total.finished == 4
    stats.refresh_facts()
    # ... and the new stamp makes a new key: the stop is counted
    after = get(client, "/qxkb/?period=y2026").context["b"]
    assert after.total.finished == 5 and after.total.running == 1
