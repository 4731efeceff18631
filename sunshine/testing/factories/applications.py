"""Applications built through the services (real clocks, history and files)."""

import datetime as dt

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.kernel import clock
from sunshine.kernel.files.testing import make_pdf
from sunshine.servicehall.applications import services
from sunshine.servicehall.applications.models import ServiceApplication

from .kernel import CitizenFactory
from .servicehall import ServiceItemFactory


def pdf(name="申请表.pdf", text="道路运输经营申请表"):
    return SimpleUploadedFile(name, make_pdf([[text]]), "application/pdf")


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application for `item` by `applicant` (default: a new citizen) with a PDF for each
    required material, through `services.submit_application` (its clock starts there)."""

    class Meta:
        model = ServiceApplication

    item = factory.SubFactory(ServiceItemFactory)
    applicant = factory.SubFactory(CitizenFactory)
    applicant_kind = "person"
    applicant_name = factory.LazyAttribute(lambda o: o.applicant.display_name or "张三")
    contact_phone = "13800138000"
    form_data = factory.LazyFunction(lambda: {"description": "申请办理"})
    files = factory.LazyAttribute(
        lambda o: [(m, pdf(f"{m.name}.pdf")) for m in o.item.materials.all() if m.required]
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.submit_application(**kwargs)


def apply(item, *, applicant=None, at: dt.datetime | dt.date | None = None, **overrides):
    """An application for `item` submitted at `at` (the clock frozen there) or now."""
    if applicant is not None:
        overrides["applicant"] = applicant
    if at is None:
        return ApplicationFactory(item=item, **overrides)
    with clock.frozen(at):
        return ApplicationFactory(item=item, **overrides)


# The path from submitted to 办结, as (service, role, extra arguments, state reached) steps.
_PATH = [
    (services.accept_application, "drafter", {}, "accepted"),
    (services.review_application, "reviewer", {"opinion": "符合条件"}, "reviewing"),
    (services.decide_application, "approver", {"decision": "approved"}, "decided"),
    (services.complete_application, "drafter", {}, "completed"),
]


def advance_application(app, staff: dict, to: str):
    """Walk an application from its state to `to` (accepted, reviewing, decided, completed)
    through the real transitions, each by the handler in `staff` whose role does it (准予许可);
    returns it fresh from the database."""
    reached = ["submitted"] + [state for *_step, state in _PATH]
    if to not in reached:
        raise ValueError(f"no path to {to!r}: one of {reached}")
    for act, role, extra, state in _PATH[reached.index(app.state) :]:
        if app.state == to:
            break
        act(application=app, actor=staff[role], **extra)
        assert app.state == state
    app.refresh_from_db()
    return app


def application_in(state: str, item, staff: dict, **apply_kw):
    """An application for `item` (see `apply`) walked to `state` by `staff`."""
    return advance_application(apply(item, **apply_kw), staff, state)
