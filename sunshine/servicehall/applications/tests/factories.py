"""Applications built through the services (real clocks, history and files)."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.kernel import clock
from sunshine.kernel.files.testing import make_pdf
from sunshine.servicehall.applications import services
from sunshine.testing.factories import CitizenFactory


def pdf(name="申请表.pdf", text="道路运输经营申请表"):
    return SimpleUploadedFile(name, make_pdf([[text]]), "application/pdf")


def apply(item, *, applicant=None, at: dt.datetime | dt.date | None = None, **overrides):
    applicant = applicant or CitizenFactory()
    required = [m for m in item.materials.all() if m.required]
    values = dict(
        item=item,
        applicant=applicant,
        applicant_kind="person",
        applicant_name=applicant.display_name or "张三",
        contact_phone="13800138000",
        form_data={"description": "申请办理"},
        files=[(m, pdf(f"{m.name}.pdf")) for m in required],
    )
    values.update(overrides)
    if at is None:
        return services.submit_application(**values)
    with clock.frozen(at):
        return services.submit_application(**values)
