import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sunshine.kernel import clock
from sunshine.kernel.ratings.models import Rating, RectificationCase
from sunshine.kernel.ratings.selectors import rating_of
from sunshine.kernel.ratings.services import apply_default_ratings, rate
from sunshine.servicehall.applications import services
from sunshine.testing.factories import CitizenFactory
from sunshine.testing.factories.applications import advance_application, application_in, apply

pytestmark = pytest.mark.django_db


def test_only_the_applicant_rates_a_finished_application(application_hall):
    app = apply(application_hall["item"])
    with pytest.raises(ValidationError):
        rate(obj=app, rater=app.applicant, level="satisfied")
    advance_application(app, application_hall, "completed")
    with pytest.raises(ValidationError):
        rate(obj=app, rater=CitizenFactory(), level="satisfied")
    rating = rate(obj=app, rater=app.applicant, level="very_satisfied", comment="很快")
    assert rating_of(app) == rating
    step = rate(obj=app, rater=app.applicant, level="satisfied", step="accept")
    assert step.step == "accept"
    with pytest.raises(ValidationError):
        rate(obj=app, rater=app.applicant, level="satisfied")  # once


def test_no_rating_within_7_days_becomes_basic(application_hall):
    with clock.frozen(dt.datetime(2026, 11, 2, 10)):
        app = application_in("completed", application_hall["item"], application_hall)
    assert apply_default_ratings(at=app.completed_at + dt.timedelta(days=6)) == 0
    assert apply_default_ratings(at=app.completed_at + dt.timedelta(days=7, hours=1)) == 1
    rating = rating_of(app)
    assert rating.level == "basic" and rating.is_default


def test_bad_rating_by_real_name_applicant_opens_a_case(application_hall):
    applicant = CitizenFactory(id_number="11010519491231002X")
    app = application_in(
        "completed", application_hall["item"], application_hall, applicant=applicant
    )
    rate(obj=app, rater=applicant, level="very_dissatisfied", comment="等了很久")
    case = RectificationCase.objects.get()
    assert case.rating.object_id == app.pk
    assert Rating.objects.get().level == "very_dissatisfied"


def test_rejected_application_can_be_rated(application_hall):
    app = apply(application_hall["item"])
    services.reject_application(
        application=app, actor=application_hall["drafter"], reason="不属于本机关职权"
    )
    app.refresh_from_db()
    assert rate(obj=app, rater=app.applicant, level="dissatisfied").pk
