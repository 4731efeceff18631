"""The staff 期限看板: the same numbers as the portal, within the agencies the user may see,
and the drill-down from a figure to each clock (linking to /workbench/clocks/<id>/)."""

import pytest

from sunshine.assessment.clockboard.tests.handworked import NOW, build_clocks
from sunshine.kernel import clock
from sunshine.kernel.deadlines import stats
from sunshine.testing.factories import CitizenFactory, staff_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def clocks(province):
    found = build_clocks(province)
    stats.refresh_facts()
    return found


def get(client, user, url):
    client.force_login(user)
    with clock.frozen(NOW):
        return client.get(url)


def test_officer_sees_own_agency_and_drills_down(client, clocks):
    officer = staff_with("disclosure_officer", clocks["transport"])
    response = get(client, officer, "/workbench/clockboard/?period=y2026")
    assert response.status_code == 200
    b = response.context["b"]
    assert b.agency == clocks["transport"] and [r.rule for r in b.rows] == ["foi.reply"]
    html = response.content.decode()
    assert "/workbench/clockboard/clocks/?kind=late&amp;rule=foi.reply&amp;agency=" in html
    late = get(
        client,
        officer,
        f"/workbench/clockboard/clocks/?kind=late&rule=foi.reply&agency={clocks['transport'].pk}"
        "&period=y2026",
    )
    assert [c.pk for c in late.context["clocks"]] == [clocks["b"].pk]
    assert late.context["clocks"][0].handling_wd == 22
    assert f"/workbench/clocks/{clocks['b'].pk}/" in late.content.decode()
    overdue = get(client, officer, "/workbench/clockboard/clocks/?kind=overdue")
    assert [c.pk for c in overdue.context["clocks"]] == [clocks["d"].pk]
    # another agency's board is refused, not silently replaced
    other = get(client, officer, f"/workbench/clockboard/clocks/?agency={clocks['city'].pk}")
    assert other.status_code == 403
    assert get(client, officer, f"/workbench/clockboard/?agency={clocks['city'].pk}").context[
        "errors"
    ]["agency"]


def test_supervisor_sees_every_agency_and_csv(client, clocks):
    supervisor = staff_with("supervisor", clocks["office"])
    response = get(client, supervisor, "/workbench/clockboard/?period=y2026")
    assert response.context["b"].agency is None
    assert response.context["b"].total.finished == 4
    names = [r.agency_name for r in response.context["b"].agency_rows]
    assert names == ["广东省交通运输厅", "广州市人民政府"]  # tree order
    csv = get(client, supervisor, "/workbench/clockboard/board.csv?period=y2026")
    assert csv.content.decode("utf-8-sig").splitlines()[-1].startswith("合计,,,4,3,1")
    finished = get(client, supervisor, "/workbench/clockboard/clocks/?kind=finished&period=y2026")
    assert {c.pk for c in finished.context["clocks"]} == {
        clocks[k].pk for k in ("a", "b", "c", "g")
    }


def test_citizens_are_kept_out(client, clocks):
    response = get(client, CitizenFactory(), "/workbench/clockboard/")
    assert response.status_code == 403


def test_drill_down_pages_by_keyset(client, clocks, monkeypatch):
    """Pages of two: the same clocks in the same order as the whole list, forwards and back."""
    from sunshine.assessment.clockboard import board as boards

    supervisor = staff_with("supervisor", clocks["office"])
    url = "/workbench/clockboard/clocks/?kind=finished&period=y2026"
    whole = [c.pk for c in get(client, supervisor, url).context["clocks"]]
    expected = sorted(
        (clocks[k] for k in ("a", "b", "c", "g")), key=lambda c: (c.stopped_at, c.pk), reverse=True
    )
    assert whole == [c.pk for c in expected]
    monkeypatch.setattr(boards, "PAGE_SIZE", 2)
    first = get(client, supervisor, url)
    assert [c.pk for c in first.context["clocks"]] == whole[:2]
    assert not first.context["page"].newer
    second = get(client, supervisor, f"{url}&after={first.context['page'].older}")
    assert [c.pk for c in second.context["clocks"]] == whole[2:]
    assert not second.context["page"].older  # the last page
    html = second.content.decode()
    assert "上一页" in html and "下一页" not in html
    back = get(client, supervisor, f"{url}&before={second.context['page'].newer}")
    assert [c.pk for c in back.context["clocks"]] == whole[:2]
    # the open clocks by due time: D (due 09-29) before F, one a page
    monkeypatch.setattr(boards, "PAGE_SIZE", 1)
    running = get(client, supervisor, "/workbench/clockboard/clocks/?kind=running")
    assert [c.pk for c in running.context["clocks"]] == [clocks["d"].pk]
    after_d = running.context["page"].older
    rest = get(client, supervisor, f"/workbench/clockboard/clocks/?kind=running&after={after_d}")
    assert [c.pk for c in rest.context["clocks"]] == [clocks["f"].pk] and not rest.context[
        "page"
    ].older
    # a broken boundary: the first page and a clear message, not an error page
    broken = get(client, supervisor, f"{url}&after=tomorrow")
    assert broken.status_code == 200
    assert [c.pk for c in broken.context["clocks"]] == whole[:1]
    assert "分页参数无效" in broken.content.decode()
