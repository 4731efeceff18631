"""政务公开考核 staff pages: the scheme form refuses a share under 4 % keeping what was typed;
the ranking, an agency's score and every evidence link open for the general office; agency
staff see only their own agency; the XLSX holds the stored numbers (directly and through the
kernel FileJob)."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sunshine.assessment.scores import export, services
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.clock import frozen
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.kernel.files.models import FileJob
from sunshine.testing.factories import AgencyFactory, at, staff_with
from sunshine.testing.factories.catalog import item
from sunshine.testing.factories.interpretations import published_pair

pytestmark = pytest.mark.django_db

ROWS = [
    {"code": "ontime", "name": "留言按时办结率", "provider": "ontime.messages", "weight": "50", "kind": "proportional"},
    {"code": "catalog", "name": "目录覆盖率", "provider": "catalog.coverage", "weight": "30", "kind": "proportional"},
    {"code": "interp", "name": "解读覆盖率", "provider": "interpretation.coverage", "weight": "20", "kind": "proportional"},
]  # fmt: skip


@pytest.fixture
def scored(catalog_people, media):
    """A 2026 run: the transport department answered 1 of 2 留言 on time; the office has a
    catalog of 2 items with no published record linked, and one policy with its
    interpretation published."""
    people = catalog_people
    province = people["province"]
    transport = province["transport"]
    for n, late in enumerate((False, True)):
        with frozen(at(2026, 3, 2 + n)):
            clock = start_clock(obj=AgencyFactory(), rule="message.reply", agency=transport)
        with frozen(at(2026, 4, 20) if late else at(2026, 3, 3 + n)):
            stop_clock(clock=clock, actor=None)
    first = item(people)
    item(people, cat=first.catalog, category="财政信息")
    with frozen(at(2026, 5, 6)):
        published_pair(people)
    supervisor = staff_with(Role.SUPERVISOR, province["office"])
    scheme = services.save_scheme(
        supervisor,
        agency=province["root"],
        year=2026,
        title="2026年度考核",
        disclosure_share="5",
        rows=ROWS,
    )
    with frozen(at(2026, 12, 1)):
        run = services.compute_run(services.request_run(supervisor, scheme).pk)
    assert run.state == "done", run.error
    return run, supervisor, province


def test_form_refuses_share_under_four_percent_keeping_input(client, scored):
    run, supervisor, province = scored
    client.force_login(supervisor)
    data = {
        "agency": province["root"].pk,
        "year": "2027",
        "title": "2027年度考核",
        "disclosure_share": "3",
        "rows": "4",
    }
    for n, row in enumerate(ROWS):
        data.update({f"{k}_{n}": v for k, v in row.items()})
    response = client.post(reverse("workbench:scores_scheme_create"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "不得低于4%" in page and "2027年度考核" in page and 'value="50"' in page
    data["disclosure_share"] = "4.5"
    response = client.post(reverse("workbench:scores_scheme_create"), data)
    assert response.status_code == 302


def test_ranking_agency_and_every_evidence_link_open(client, scored):
    run, supervisor, province = scored
    client.force_login(supervisor)
    page = client.get(reverse("workbench:scores_run", args=[run.pk])).content.decode()
    assert "广东省交通运输厅" in page and "广东省人民政府办公厅" in page
    transport = run.scores.get(agency=province["transport"])
    office = run.scores.get(agency=province["office"])
    # 交通运输厅: 1 of 2 on time → 25 of 50; no catalog → 0 of 30; no policy needing an
    # interpretation → not applicable: 25 / 80 × 100 = 31.25.
    assert (transport.total, transport.applicable_weight) == (Decimal("31.25"), Decimal("80.00"))
    # 办公厅: no 留言 clock; catalog 0 of 2 → 0; interpretation 1 of 1 → 20: 20 / 50 × 100 = 40.
    assert office.total == Decimal("40.00")
    checked = 0
    for score in (transport, office):
        url = reverse("workbench:scores_agency", args=[run.pk, score.agency_id])
        assert str(score.total) in client.get(url).content.decode()
        for line in score.lines.all():
            evidence_page = client.get(
                reverse("workbench:scores_evidence", args=[run.pk, score.agency_id, line.code])
            )
            assert evidence_page.status_code == 200
            for e in line.evidence:
                assert e["url"] and client.get(e["url"]).status_code == 200, e
                checked += 1
    assert checked == 2 + 2 + 1
    flagged = client.get(
        reverse("workbench:scores_evidence", args=[run.pk, transport.agency_id, "ontime"])
        + "?flagged=1"
    )
    assert "逾期办结" in flagged.content.decode()


def test_agency_staff_see_only_their_own(client, scored):
    run, supervisor, province = scored
    client.force_login(staff_with(Role.DRAFTER, province["transport"]))
    page = client.get(reverse("workbench:scores_run", args=[run.pk])).content.decode()
    assert "广东省交通运输厅" in page and "广州市人民政府" not in page
    other = reverse("workbench:scores_agency", args=[run.pk, province["office"].pk])
    assert client.get(other).status_code == 404
    assert client.get(reverse("workbench:scores_scheme_create")).status_code == 403


def test_xlsx_holds_the_stored_numbers(client, scored, monkeypatch):
    run, supervisor, province = scored
    client.force_login(supervisor)
    response = client.get(reverse("workbench:scores_export", args=[run.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    ranking = list(wb["排名"].iter_rows(min_row=2, values_only=True))
    stored = {s.agency.name: s for s in run.scores.select_related("agency")}
    assert {r[1]: r[2] for r in ranking} == {n: float(s.total) for n, s in stored.items()}
    assert [r[0] for r in ranking] == sorted(r[0] for r in ranking)
    points = {r[0]: r[1:] for r in wb["指标得分"].iter_rows(min_row=2, values_only=True)}
    assert points["广东省交通运输厅"] == (25.0, 0.0, None, 31.25)
    assert points["广东省人民政府办公厅"] == (None, 0.0, 20.0, 40.0)
    evidence = list(wb["依据"].iter_rows(min_row=2, values_only=True))
    assert len(evidence) == 5 and all(
        r[5].startswith("http://testserver/workbench/") for r in evidence
    )
    # A large run goes through the kernel FileJob; its result is the same workbook.
    monkeypatch.setattr(export, "LARGE_LINES", 0)
    response = client.get(reverse("workbench:scores_export", args=[run.pk]))
    job = FileJob.objects.get(kind=export.JOB_KIND)
    assert response.url == reverse("workbench:filejob", args=[job.pk])
    export.run_export_job(job.pk)
    job.refresh_from_db()
    assert job.state == FileJob.State.DONE
    with job.result.open("rb") as fh:
        again = load_workbook(io.BytesIO(fh.read()))
    assert list(again["排名"].iter_rows(min_row=2, values_only=True)) == ranking
    # so does a run with many evidence rows (5 here, the rows of the 依据 sheet)
    monkeypatch.setattr(export, "LARGE_LINES", 3000)
    ids = [s.agency_id for s in run.scores.all()]
    assert export.evidence_rows(run, ids) == 5
    assert not export.is_large(run, len(ids), ids)
    monkeypatch.setattr(export, "LARGE_EVIDENCE", 4)
    assert export.is_large(run, len(ids), ids)
    response = client.get(reverse("workbench:scores_export", args=[run.pk]))
    assert response.status_code == 302 and FileJob.objects.filter(kind=export.JOB_KIND).count() == 2


def test_sitecheck_findings_of_the_agencys_own_site(client, province):
    import datetime as dt

    from sunshine.assessment.scores.providers import PROVIDERS, Period
    from sunshine.assessment.sitecheck.models import CrawlRun, Finding
    from sunshine.kernel.sites.services import ensure_site

    transport = province["transport"]
    site = ensure_site(
        host="jtt.example.gov.cn",
        name="交通运输厅网站",
        id_code="4400000001",
        sponsor="交通运输厅",
        agency=transport,
    )
    run = CrawlRun.objects.create(
        site=site, host=site.host, site_name=site.name, agency=transport, base_url="http://jtt.example.gov.cn/",
        trigger="manual", state="done", created_at=at(2026, 11, 2), finished_at=at(2026, 11, 2, 11),
        score=Decimal("88.5"), vetoed=False,
    )  # fmt: skip
    for severity in ("deduct", "deduct", "notice"):
        Finding.objects.create(
            run=run, item="broken_link", severity=severity, message="链接无法打开"
        )
    findings = PROVIDERS.get("sitecheck.findings").measure(transport, Period.of_year(2026))
    assert findings.value == 2 and {e.flag for e in findings.evidence} == {"扣分"}
    assert PROVIDERS.get("sitecheck.score").measure(
        transport, Period.of_year(2026)
    ).value == Decimal("88.5")
    # A crawl finished after the period does not count for it.
    before = Period.of_year(2026, until=dt.date(2026, 10, 31))
    assert PROVIDERS.get("sitecheck.findings").measure(transport, before).value is None
    client.force_login(staff_with(Role.SUPERVISOR, province["office"]))
    assert client.get(findings.evidence[0].url).status_code == 200


def test_run_is_computed_by_the_background_task(scored, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    from sunshine.assessment.scores.tasks import compute_run_task

    run, supervisor, province = scored
    with django_capture_on_commit_callbacks(execute=True):
        queued = services.request_run(supervisor, run.scheme)
    assert queued.state == "queued"
    task = DBTaskResult.objects.get(task_path__endswith="compute_run_task")
    assert task.args_kwargs["args"] == [queued.pk]
    compute_run_task.call(queued.pk)
    queued.refresh_from_db()
    assert queued.state == "done" and queued.computed_at is not None
    assert sorted(queued.scores.values_list("total", flat=True)) == sorted(
        run.scores.values_list("total", flat=True)
    )
