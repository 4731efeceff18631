"""What the online applicant is told around submitting (依申请公开): the fee estimate for their
N-th application of the month before they submit, and the receipt (回执) after — the request
number, the day it counts as received (条例 Art. 31), the legal reply date read from the reply
clock the kernel's deadline engine started (条例 Art. 33: 20 working days counted from the day
after receipt; never recomputed here), the steps, what happens next, and the same receipt as a
PDF (WeasyPrint, the 告知书's font setting)."""

import datetime as dt
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from sunshine.kernel import clock

from . import fees
from .choices import RequestState
from .letters import font_family
from .models import InfoRequest
from .selectors import applicant_deadlines
from .services import count_in_month


def identity_of(user) -> str:
    """The identity the month's count is kept by (居民身份证号码 or 统一社会信用代码) — the
    account's own, so nobody can learn how often someone else's number applied."""
    return (getattr(user, "id_number", "") or getattr(user, "credit_code", "") or "").upper()


def month_rank(*, agency, applicant, day: dt.date | None = None) -> int:
    """Which application of the month (this one included) the applicant's next one to `agency`
    would be — 国办函〔2020〕109号 Art. 4 counts per applicant per calendar month."""
    day = day or clock.today()
    return count_in_month(agency=agency, identity=identity_of(applicant), day=day) + 1


def estimate_for_applicant(*, agency, applicant, pages) -> fees.FeeEstimate:
    """The fee estimate for the applicant's next application: by count from the server's
    "本月第N件", by volume from the pages they expect. ValidationError names `pages`."""
    return fees.estimate(
        items_this_month=month_rank(agency=agency, applicant=applicant),
        pages=pages if str(pages or "").strip() else 0,
    )


@dataclass(frozen=True)
class Step:
    label: str
    status: str  # "done" | "current" | "upcoming"
    date: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class Receipt:
    """回执 of one application."""

    number: str
    agency: str
    applicant_name: str
    description: str
    delivery_form: str
    received_on: dt.date
    reply_due: dt.date | None
    reply_waiting: bool
    state: str
    steps: list[Step] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)


def _steps(request: InfoRequest, reply_due) -> list[Step]:
    """The four plain steps the portal's tracker shows (已受理 → 办理中 → 已答复 → 已办结), with
    their dates, for the printed receipt."""
    S = RequestState
    replied = request.state in (S.REPLIED, S.DELIVERED)
    paused = request.state in (S.CORRECTION, S.THIRD_PARTY, S.PAYMENT)
    return [
        Step(_("已受理"), "done", request.received_on),
        Step(
            _("办理中"),
            "done" if replied else "current",
            note=request.get_state_display() if paused else "",
        ),
        Step(
            _("已答复"),
            "done" if replied else "upcoming",
            request.replied_on if replied else reply_due,
            "" if replied else _("法定答复期限"),
        ),
        Step(
            _("已办结"),
            "done" if request.state == S.DELIVERED else "upcoming",
            request.delivered_on,
        ),
    ]


def _next_steps(request: InfoRequest, reply_due) -> list[str]:
    due = f"{reply_due.year}年{reply_due.month}月{reply_due.day}日" if reply_due else ""
    lines = []
    if due:
        lines.append(
            _(
                "本机关将在 %(due)s 前答复（《中华人民共和国政府信息公开条例》第三十三条：自收到"
                "申请之日起20个工作日内答复；需要延长的，经负责人同意并告知您，延长不超过20个"
                "工作日）。"
            )
            % {"due": due}
        )
    lines += [
        _(
            "申请内容不明确的，本机关将在7个工作日内一次性告知您补正；答复期限自收到补正申请"
            "之日起重新计算（条例第三十条）。"
        ),
        _("涉及第三方权益需要征求意见的，征求意见所需时间不计算在答复期限内（条例第三十二条）。"),
        _(
            "需要收取信息处理费的，本机关会向您发出收费通知，缴费期间答复期限暂停计算"
            "（《政府信息公开信息处理费管理办法》第七条）。"
        ),
        _("办理进度和答复告知书可在“我的申请”中查看，有新进展时会通知您。"),
    ]
    return lines


def receipt_for(request: InfoRequest) -> Receipt:
    deadlines = applicant_deadlines(request)
    reply_due = deadlines["reply_due"]
    return Receipt(
        number=request.number,
        agency=request.agency.name,
        applicant_name=request.applicant_name,
        description=request.description,
        delivery_form=request.get_delivery_form_display(),
        received_on=request.received_on,
        reply_due=reply_due,
        reply_waiting=deadlines["reply_waiting"],
        state=request.get_state_display(),
        steps=_steps(request, reply_due),
        next_steps=_next_steps(request, reply_due),
    )


def render_receipt_pdf(request: InfoRequest) -> bytes:
    """The receipt as a printable A4 PDF, in Chinese (the 告知书's language and font)."""
    from weasyprint import CSS, HTML

    context = {
        "receipt": receipt_for(request),
        "font_family": font_family(),
        "printed_on": clock.today(),
    }
    with translation.override("zh-hans"):
        html = render_to_string("foi/receipts/receipt.html", context)
        css = render_to_string("foi/receipts/receipt.css", context)
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=css)])
