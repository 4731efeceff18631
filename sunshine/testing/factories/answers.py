"""Test data for the 公开答复库: replied requests (through the foi services) with the applicant's
real data in the description and the reply, and released files (rows of the releases app with a
real stored file)."""

import datetime as dt
import hashlib

from django.core.files.base import ContentFile

from sunshine.disclosure.foi import replies
from sunshine.disclosure.foi.choices import Outcome
from sunshine.kernel import clock
from sunshine.testing.identity import make_id_number

from .foi import person, received

D = dt.date
NAME = "欧阳明轩"
PHONE = "13812345678"
ID_NUMBER = make_id_number(12)
TOPIC = "2025年全省农村公路建设补助资金分配明细"


def applicant(n: int = 12, **overrides) -> dict:
    values = person(
        n,
        applicant_name=NAME,
        id_number=ID_NUMBER,
        phone=PHONE,
        email="ouyang@example.com",
        address="广州市天河区体育东路88号3栋1201房",
        description=f"本人{NAME}（身份证{ID_NUMBER}，电话{PHONE}）申请公开{TOPIC}。",
        publish_consent=True,
    )
    values.update(overrides)
    return values


DAY = D(2026, 3, 2)


def replied(agency, officer, *, day=DAY, values=None, outcome=Outcome.DISCLOSED, reasons=""):
    request = received(agency, officer, day, values or applicant())
    with clock.frozen(day + dt.timedelta(days=7)):
        replies.reply_to_request(
            request=request,
            actor=officer,
            outcome=outcome,
            reasons=reasons or f"{NAME}您好：您申请的{TOPIC}予以公开，详见附件。联系电话{PHONE}。",
            generate_letters=False,
        )
    request.refresh_from_db()
    return request


def released_file(request, *, title="2025年补助资金分配表（已处理）", released=True, officer=None):
    from sunshine.disclosure.releases.models import ReleasedFile

    data = b"%PDF-1.4 released copy " + title.encode()
    item = ReleasedFile(
        request=request,
        title=title,
        kind="pdf",
        created_at=clock.now(),
        state="released" if released else "draft",
    )
    item.source.save("source.pdf", ContentFile(b"%PDF-1.4 original"), save=False)
    if released:
        item.released.save("released.pdf", ContentFile(data), save=False)
        item.sha256 = hashlib.sha256(data).hexdigest()
        item.released_at = clock.now()
        item.released_by = officer
    item.save()
    return item
