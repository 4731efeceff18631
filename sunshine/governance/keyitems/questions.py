"""公众监督 (我要监督): a signed-in citizen asks about a public item; the item's agency answers
on the clock `keyitems.question_reply`, and the question and answer are published with personal
data masked. From the workbench a question can become a 督办 (kernel duban) or a 问责 case
(governance.accountability)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.accounts.masking import mask_personal_data
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.kernel.moderation.checks import check_text

from . import rules
from . import validation as v
from .choices import QUESTION_MAX, TEXT_MAX, QuestionState
from .links import public_item_url, staff_question_url
from .models import KeyItem, PublicQuestion

EVENT_ASKED = "clock.keyitems.question"
EVENT_ANSWERED = "keyitems.question.answered"
MODERATION_KIND = "keyitem_question"


def _known(user) -> list[str]:
    return [x for x in (getattr(user, "display_name", ""), getattr(user, "mobile", "")) if x]


@transaction.atomic
def ask_question(*, author, item: KeyItem, text, client_address=None) -> PublicQuestion:
    """我要监督: only signed-in citizens (and enterprises), only on a published item."""
    if author is None or not author.is_authenticated:
        raise PermissionDenied(_("请先登录后再提出监督意见。"))
    if getattr(author, "is_government_staff", False):
        raise PermissionDenied(_("工作人员请通过工作台办理，不能以公众身份提出监督意见。"))
    from .selectors import public_items

    if not public_items().filter(pk=item.pk).exists():
        raise ValidationError(_("该事项未公开，不能提出监督意见。"))
    errors: dict[str, list[str]] = {}
    text = v.text(errors, "text", text, label=_("监督内容"), max_length=QUESTION_MAX,
                  required=True)  # fmt: skip
    if not errors and len(text) < 5:
        errors["text"] = [_("监督内容太短，请具体说明（至少5个字）。")]
    if not errors:
        result = check_text(text, author=author, kind=MODERATION_KIND, max_length=QUESTION_MAX)
        if not result.ok:
            errors["text"] = list(result.reasons)
    if errors:
        raise ValidationError(errors)
    now = clock.now()
    question = PublicQuestion.objects.create(
        item=item, author=author, text=text, asked_at=now, client_address=client_address,
        public_text=mask_personal_data(text, known=_known(author)),
    )  # fmt: skip
    start_clock(obj=question, rule=rules.QUESTION_REPLY, agency=item.agency, start=now,
                actor=author)  # fmt: skip
    record_event(action="keyitem.question", actor=author, obj=question,
                 summary=_("公众监督：%(t)s") % {"t": item.title},
                 data={"item": item.pk, "length": len(text)})  # fmt: skip
    from sunshine.kernel.duban.services import agency_staff
    from sunshine.kernel.notify.services import notify

    due = open_clock(question, rules.QUESTION_REPLY)
    notify(
        event=EVENT_ASKED,
        recipients=agency_staff(item.agency),
        subject=_("公众监督：%(t)s") % {"t": item.title},
        body=_("公众就“%(t)s”提出监督意见，请于 %(d)s 前答复。")
        % {"t": item.title, "d": f"{due.due_date:%Y-%m-%d}"},
        obj=question,
        url=staff_question_url(question),
    )
    return question


@transaction.atomic
def answer_question(*, actor, question: PublicQuestion, answer) -> PublicQuestion:
    """The item's agency answers; the answer is published (masked) with the question."""
    require(actor, "keyitem.answer", question)
    question = (
        PublicQuestion.objects.select_for_update(of=("self",))
        .select_related("item")
        .get(pk=question.pk)
    )
    if question.state != QuestionState.OPEN:
        raise ValidationError(_("该监督意见已经答复。"))
    errors: dict[str, list[str]] = {}
    answer = v.text(errors, "answer", answer, label=_("答复"), max_length=TEXT_MAX, required=True)
    if errors:
        raise ValidationError(errors)
    question.answer = answer
    question.public_answer = mask_personal_data(answer, known=_known(question.author))
    question.state, question.answered_at, question.answered_by = (
        QuestionState.ANSWERED, clock.now(), actor,
    )  # fmt: skip
    question.save()
    running = open_clock(question, rules.QUESTION_REPLY)
    if running is not None:
        stop_clock(clock=running, actor=actor, outcome="answered", authorize=False)
    record_event(action="keyitem.answer", actor=actor, obj=question,
                 summary=_("答复公众监督：%(t)s") % {"t": question.item.title})  # fmt: skip
    from sunshine.kernel.notify.services import notify

    notify(
        event=EVENT_ANSWERED,
        recipients=[question.author],
        subject=_("您的监督意见已答复：%(t)s") % {"t": question.item.title},
        body=answer[:1000],
        obj=question,
        url=public_item_url(question.item),
    )
    return question


@transaction.atomic
def escalate_to_duban(*, actor, question: PublicQuestion, reason, response_days=None):
    """转督办: a 督办 order on the question to the item's agency (kernel duban; the supervisor's
    own permission oversight.issue applies)."""
    from sunshine.kernel.duban.services import issue_order

    question = PublicQuestion.objects.select_for_update().get(pk=question.pk)
    if question.duban_order_id:
        raise ValidationError(_("该监督意见已转督办。"))
    order = issue_order(target=question, actor=actor, reason=reason, response_days=response_days,
                        kind="keyitem_question")  # fmt: skip
    question.duban_order = order
    question.save(update_fields=["duban_order"])
    record_event(action="keyitem.question_duban", actor=actor, obj=question,
                 summary=_("公众监督转督办：%(t)s") % {"t": question.item.title},
                 data={"order": order.pk})  # fmt: skip
    return order


def accountability_available() -> bool:
    try:
        from sunshine.governance.accountability import services

        return hasattr(services, "open_case")
    except ImportError:
        return False


@transaction.atomic
def escalate_to_accountability(*, actor, question: PublicQuestion, facts, title=""):
    """转问责: a 问责 case against the item's agency, its lead the question (线索来源 其他:
    公众监督, with the question's number). The accountability module checks its own
    permission (accountability.open) and rules."""
    from sunshine.governance.accountability.choices import SourceKind
    from sunshine.governance.accountability.services import open_case

    question = (
        PublicQuestion.objects.select_for_update(of=("self",))
        .select_related("item")
        .get(pk=question.pk)
    )
    if question.accountability_case_id:
        raise ValidationError(_("该监督意见已转问责。"))
    item = question.item
    case = open_case(
        actor=actor,
        source_kind=SourceKind.OTHER,
        title=str(title or "").strip() or _("公众监督：%(t)s") % {"t": item.title},
        facts=facts,
        agency=item.agency,
        source_title=_("公众监督（我要监督）第 %(n)s 号：%(t)s")
        % {"n": question.pk, "t": item.title},
    )
    question.accountability_case_id = case.pk
    question.save(update_fields=["accountability_case_id"])
    record_event(action="keyitem.question_accountability", actor=actor, obj=question,
                 summary=_("公众监督转问责：%(t)s") % {"t": item.title}, data={"case": case.pk})  # fmt: skip
    return case
