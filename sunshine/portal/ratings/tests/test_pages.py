"""好差评公示 (/hcp/): the satisfaction table and the published outcomes, nothing else."""

import datetime as dt

import pytest
from django.urls import reverse

from sunshine.kernel import clock
from sunshine.kernel.ratings import services
from sunshine.kernel.ratings.models import RectificationCase
from sunshine.testing.factories import at

pytestmark = pytest.mark.django_db


def published_case(rateables, citizen, staff, outcome="已增加周末窗口。"):
    item = rateables.make(rater=citizen, finished_at=at(2026, 9, 28))
    with clock.frozen(dt.datetime(2026, 9, 29, 9, 0)):
        rating = services.rate(obj=item, rater=citizen, level="dissatisfied", comment="排队太久")
        case = rating.case
        services.record_callback(case=case, actor=staff["officer"], reached=True, note="内部记录甲")
        services.verify_case(case=case, actor=staff["officer"], founded=True, note="内部核实乙")
        services.record_rectification(case=case, actor=staff["officer"], note="内部整改丙")
        services.publish_case_outcome(case=case, actor=staff["officer"], text=outcome)
    return case


def test_hcp_shows_summary_and_outcomes_only(
    client, rateables, citizen, staff, django_assert_max_num_queries
):
    case = published_case(rateables, citizen, staff)
    other = rateables.make(rater=citizen, finished_at=at(2026, 9, 28))
    with clock.frozen(dt.datetime(2026, 9, 29, 10, 0)):
        services.rate(obj=other, rater=citizen, level="very_dissatisfied")  # open case
    with clock.frozen(dt.datetime(2026, 10, 9, 10, 0)), django_assert_max_num_queries(10):
        response = client.get(reverse("portal:ratings_hcp"))
    html = response.content.decode()
    assert response.status_code == 200
    assert rateables.handler.name in html and "已增加周末窗口" in html
    assert "满意率" in html
    for private in ("内部记录甲", "内部核实乙", "内部整改丙", citizen.email, "13800138000"):
        assert private not in html
    assert reverse("portal:ratings_hcp_case", args=[case.pk]) in html
    detail = client.get(reverse("portal:ratings_hcp_case", args=[case.pk]))
    assert detail.status_code == 200 and "排队太久" in detail.content.decode()
    # the open case has no public page
    open_case = RectificationCase.objects.exclude(pk=case.pk).get()
    assert client.get(reverse("portal:ratings_hcp_case", args=[open_case.pk])).status_code == 404


def test_hcp_year_parameter_is_safe(client, db):
    assert client.get(reverse("portal:ratings_hcp") + "?year=abc").status_code == 200
    assert client.get(reverse("portal:ratings_hcp") + "?year=1900").status_code == 200


def test_bsfw_column_lists_outcomes(rf, rateables, citizen, staff):
    from sunshine.portal.ratings.providers import latest_outcomes

    case = published_case(rateables, citizen, staff)
    entries = latest_outcomes(rf.get("/"), 5)
    assert [e.url for e in entries] == [reverse("portal:ratings_hcp_case", args=[case.pk])]
    assert entries[0].title.startswith("差评整改公示")
