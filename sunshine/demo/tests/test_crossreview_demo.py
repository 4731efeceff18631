"""The 交叉互评 demo scenario: a published round with every sheet submitted and a running one;
twice changes nothing. (Here, not in the domain's tests: a domain may not import the demo layer.)"""

import io

import pytest

from sunshine.demo import crossreview_data, kernel_data
from sunshine.governance.crossreview import selectors
from sunshine.governance.crossreview.models import ReviewAssignment, ReviewRound
from sunshine.kernel.accounts.models import User

pytestmark = pytest.mark.django_db


def test_demo_round_published_and_idempotent():
    kernel_data.load()
    crossreview_data.load(stdout=io.StringIO())
    counts = (ReviewRound.objects.count(), ReviewAssignment.objects.count())
    crossreview_data.load()
    assert (ReviewRound.objects.count(), ReviewAssignment.objects.count()) == counts == (2, 10)
    done = ReviewRound.objects.get(name=crossreview_data.DONE)
    assert done.state == "published"
    results = list(selectors.published_results(round_=done))
    assert len(results) == 4 and all(r.reviewer_count == 2 for r in results)
    assert sorted(r.rank for r in results)[0] == 1
    assert all(0 < r.total <= 100 for r in results)
    officer = User.objects.get(email=crossreview_data.OFFICER)
    open_sheets = selectors.open_sheets_for_reviewer(officer)
    assert [a.round.name for a in open_sheets] == [crossreview_data.OPEN]
    own = selectors.results_for_staff(officer, done)
    assert [r.agency.name for r in own] == ["广东省交通运输厅"]
