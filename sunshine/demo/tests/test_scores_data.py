"""The 政务公开考核 demo: 2025 and 2026 schemes, a stored score for every agency under the
provincial government, the 2026 ranking compared with 2025; twice changes nothing.
(Here, not in the domain's tests: a domain may not import the demo layer.)"""

import io

import pytest

from sunshine.assessment.scores import selectors
from sunshine.assessment.scores.models import AgencyScore, ScoreRun
from sunshine.demo import crossreview_data, kernel_data, scores_data
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency

pytestmark = pytest.mark.django_db


def test_demo_scores_every_agency_and_is_idempotent():
    kernel_data.load()
    crossreview_data.load()
    out = io.StringIO()
    runs = scores_data.load(stdout=out)
    assert "考核 2025" in out.getvalue()
    counts = (ScoreRun.objects.count(), AgencyScore.objects.count())
    scores_data.load()
    assert (ScoreRun.objects.count(), AgencyScore.objects.count()) == counts
    root = Agency.objects.get(name=scores_data.ORGANISER)
    expected = set(
        Agency.objects.filter(path__startswith=root.path, is_active=True)
        .exclude(pk=root.pk)
        .values_list("name", flat=True)
    )
    for year in (2025, 2026):
        run = runs[year]
        assert run.state == "done" and run.scheme.disclosure_share == 5
        assert {s.agency.name for s in run.scores.select_related("agency")} == expected
        assert all(0 <= s.total <= 100 for s in run.scores.all())
    # 2026 ranks against 2025; the cross-review round of 2026 is counted with its evidence.
    supervisor = User.objects.get(email=scores_data.SUPERVISOR)
    ranking = selectors.ranking(supervisor, runs[2026])
    assert all(r.previous_total is not None for r in ranking)
    transport = runs[2026].scores.get(agency__name="广东省交通运输厅")
    line = transport.lines.get(code="crossreview")
    assert line.points is not None and line.evidence and line.evidence[0]["url"]
