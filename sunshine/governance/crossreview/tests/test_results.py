"""The arithmetic of results.py, worked out by hand."""

from decimal import Decimal as D

from sunshine.governance.crossreview import results as r

A = r.Weighting(1, D("50"), D("10"))
B = r.Weighting(2, D("30"), D("5"))
C = r.Weighting(3, D("20"), D("100"))


def test_sheet_total_is_score_over_max_times_weight():
    # 8/10×50 + 4/5×30 + 90/100×20 = 40 + 24 + 18
    assert r.sheet_total([A, B, C], {1: D("8"), 2: D("4"), 3: D("90")}) == D("82")
    assert r.sheet_total([A, B, C], {1: D("10"), 2: D("5"), 3: D("100")}) == D("100")


def test_agency_outcome_means_over_reviewers_and_rounds_half_up_at_the_end():
    sheets = [{1: D("8"), 2: D("4"), 3: D("90")}, {1: D("7"), 2: D("3.5"), 3: D("75")}]
    o = r.agency_outcome(7, [A, B, C], sheets)
    assert o.reviewer_count == 2
    assert o.averages == {1: D("7.50"), 2: D("3.75"), 3: D("82.50")}
    # 7.5/10×50 = 37.5; 3.75/5×30 = 22.5; 82.5/100×20 = 16.5
    assert o.points == {1: D("37.50"), 2: D("22.50"), 3: D("16.50")}
    assert o.total == D("76.50")  # = (82 + 71) / 2


def test_rounding_is_half_up_not_bankers():
    # weight 10 of max 4, score 0.01: 0.025 points → 0.03 (banker's rounding would give 0.02)
    tiny = r.Weighting(1, D("10"), D("4"))
    assert r.money(r.sheet_total([tiny], {1: D("0.01")})) == D("0.03")
    # thirds: 1/3 × 100 = 33.333… → 33.33, 2/3 × 100 → 66.67
    third = r.Weighting(1, D("100"), D("3"))
    assert r.agency_outcome(1, [third], [{1: D("1")}]).total == D("33.33")
    assert r.agency_outcome(1, [third], [{1: D("2")}]).total == D("66.67")


def test_equal_totals_share_a_rank_and_the_next_is_skipped():
    outcomes = [
        r.AgencyOutcome(agency_id=3, total=D("75.60"), reviewer_count=2),
        r.AgencyOutcome(agency_id=2, total=D("76.50"), reviewer_count=1),
        r.AgencyOutcome(agency_id=1, total=D("76.50"), reviewer_count=2),
        r.AgencyOutcome(agency_id=4, total=D("90"), reviewer_count=2),
    ]
    ranked = r.rank(outcomes)
    assert [(o.agency_id, o.rank) for o in ranked] == [(4, 1), (1, 2), (2, 2), (3, 4)]


def test_plain_numbers_never_in_exponent_form():
    assert [r.plain(D(x)) for x in ("10.00", "100", "7.50", "0.25", "0")] == [
        "10",
        "100",
        "7.5",
        "0.25",
        "0",
    ]
