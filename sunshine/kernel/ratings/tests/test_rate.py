import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.notify.models import Notification
from sunshine.kernel.ratings import selectors, services
from sunshine.kernel.ratings.choices import BAD_LEVELS, RatingLevel
from sunshine.kernel.ratings.models import Rating, RectificationCase
from sunshine.testing.factories import TEST_KIND, at

pytestmark = pytest.mark.django_db

FINISHED = at(2026, 9, 28)  # a Monday
LATER = dt.datetime(2026, 9, 29, 9, 0)


def test_levels_and_bad_levels():
    assert [label for _v, label in RatingLevel.choices] == [
        "非常满意",
        "满意",
        "基本满意",
        "不满意",
        "非常不满意",
    ]
    assert BAD_LEVELS == {"dissatisfied", "very_dissatisfied"}
    assert RatingLevel.DISSATISFIED in BAD_LEVELS


def test_rate_once_by_the_registered_rater(rateables, citizen):
    item = rateables.make(rater=citizen, finished_at=FINISHED)
    with clock.frozen(LATER):
        rating = services.rate(obj=item, rater=citizen, level="satisfied", comment=" 办得快 ")
    assert (rating.kind, rating.step, rating.level, rating.comment) == (
        TEST_KIND,
        "",
        "satisfied",
        "办得快",
    )
    assert rating.agency == rateables.handler and rating.rater == citizen
    assert rating.is_real_name and not rating.is_default
    assert rating.title == f"事项 {item.name}"
    assert selectors.rating_of(item) == rating
    assert list(selectors.ratings_for(item)) == [rating]
    assert AuditEvent.objects.filter(action="rating.rate", object_id=str(rating.pk)).exists()
    assert not RectificationCase.objects.exists()
    with clock.frozen(LATER), pytest.raises(ValidationError, match="已评价过"):
        services.rate(obj=item, rater=citizen, level="satisfied")


def test_refusals(rateables, citizen, anonymous_citizen):
    item = rateables.make(rater=citizen, finished_at=FINISHED)
    unfinished = rateables.make(rater=citizen, finished_at=None)
    with clock.frozen(LATER):
        with pytest.raises(ValidationError, match="本人"):
            services.rate(obj=item, rater=anonymous_citizen, level="satisfied")
        with pytest.raises(ValidationError, match="本人"):
            services.rate(obj=item, rater=None, level="satisfied")
        with pytest.raises(ValidationError, match="办结后"):
            services.rate(obj=unfinished, rater=citizen, level="satisfied")
        with pytest.raises(ValidationError, match="评价等级"):
            services.rate(obj=item, rater=citizen, level="great")
        with pytest.raises(ValidationError, match="纯文字"):
            services.rate(obj=item, rater=citizen, level="satisfied", comment="<b>好</b>")
        with pytest.raises(ValidationError, match="500"):
            services.rate(obj=item, rater=citizen, level="satisfied", comment="好" * 501)
        with pytest.raises(ValidationError, match="环节"):
            services.rate(obj=item, rater=citizen, level="satisfied", step="nonsense")
        with pytest.raises(ValidationError, match="不接受评价"):
            services.rate(obj=citizen, rater=citizen, level="satisfied")
    # Too late: more than 7 days after finishing.
    with (
        clock.frozen(dt.datetime(2026, 10, 6, 11, 0)),
        pytest.raises(ValidationError, match="期限已过"),
    ):
        services.rate(obj=item, rater=citizen, level="satisfied")
    assert not Rating.objects.exists()


def test_a_step_is_rated_on_its_own(rateables, citizen):
    item = rateables.make(rater=citizen, finished_at=FINISHED)
    with clock.frozen(LATER):
        services.rate(obj=item, rater=citizen, level="satisfied", step="accept")
        services.rate(obj=item, rater=citizen, level="basic")
    assert sorted(selectors.ratings_for(item).values_list("step", flat=True)) == ["", "accept"]
    assert selectors.rating_of(item, "accept").level == "satisfied"


def test_real_name_bad_rating_opens_a_case_with_its_clock(rateables, citizen, staff):
    item = rateables.make(rater=citizen, finished_at=FINISHED)
    with clock.frozen(LATER):
        rating = services.rate(
            obj=item, rater=citizen, level="very_dissatisfied", comment="窗口态度差"
        )
    case = rating.case
    assert case.state == "open" and case.agency == rateables.handler and case.kind == TEST_KIND
    assert case.clock.rule == "rating.rectify" and case.clock.state == Clock.State.RUNNING
    # 15 wd from 2026-09-29 across the National Day holiday (10-01..10-07; 10-10 make-up day):
    # 09-30, 10-08, 09, 10, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26 → 2026-10-26.
    assert case.clock.due_date == dt.date(2026, 10, 26)
    assert rateables.bad_calls == [rating]
    inbox = Notification.objects.filter(event="rating.case_opened")
    recipients = set(inbox.values_list("recipient_id", flat=True))
    assert staff["drafter"].pk in recipients and staff["officer"].pk in recipients
    assert staff["other"].pk not in recipients and staff["supervisor"].pk not in recipients
    assert AuditEvent.objects.filter(action="rating.case_open", object_id=str(case.pk)).exists()


def test_bad_rating_without_real_name_calls_the_hook_but_opens_no_case(
    rateables, anonymous_citizen
):
    item = rateables.make(rater=anonymous_citizen, finished_at=FINISHED)
    with clock.frozen(LATER):
        rating = services.rate(obj=item, rater=anonymous_citizen, level="dissatisfied")
    assert not rating.is_real_name
    assert not RectificationCase.objects.exists()
    assert rateables.bad_calls == [rating]


def test_rectify_deadline_is_configurable(rateables, citizen, settings):
    settings.DEADLINE_RULES = {"rating.rectify": {"length": 5}}
    item = rateables.make(rater=citizen, finished_at=FINISHED)
    with clock.frozen(LATER):
        rating = services.rate(obj=item, rater=citizen, level="dissatisfied")
    # 09-30, 10-08, 09, 10, 12
    assert rating.case.clock.due_date == dt.date(2026, 10, 12)
