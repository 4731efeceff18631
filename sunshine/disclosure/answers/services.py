"""Every write to the 公开答复库 and to the 条例 Art. 44 proposals. Each act is one transaction
that checks the permission (the disclosure office of the request's agency, "foi.handle"'s
roles), changes the rows, keeps the search index in step and writes the audit event.

What may be published (docs/foi.md "公开答复库 and Art. 44"):
- only with the applicant's consent (`InfoRequest.publish_consent`, asked on the form, default
  no) and only after the reply;
- only the outcomes of `conf.publishable_outcomes()` (予以公开, 部分公开, 不属于本机关负责公开);
- the text is masked with the kernel's `mask_personal_data`, with the applicant's own values
  (name, identity number, phone, e-mail, address, contact, account) masked wherever they
  appear, and masked again after the officer's edits — 条例 Art. 15: no personal privacy;
- the files are the released copies (after redaction) of the released files, never the
  originals; their SHA-256 is kept so the portal serves only that copy."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.disclosure.foi.models import InfoRequest
from sunshine.disclosure.foi.validation import clean_text
from sunshine.kernel import clock
from sunshine.kernel.access.policy import can, require
from sunshine.kernel.accounts.masking import mask_personal_data
from sunshine.kernel.audit.services import record_event

from . import conf, selectors, similarity
from .indexing import index_answer
from .models import ProactiveProposal, PublicAnswer, PublicAnswerFile

TITLE_MAX = 200
TEXT_MAX = 20000
REASON_MAX = 300


def personal_values(request: InfoRequest) -> list[str]:
    """The applicant's own data, masked wherever it appears in a published text."""
    values = [
        request.applicant_name,
        request.id_number,
        request.credit_code,
        request.contact_person,
        request.phone,
        request.email,
        request.address,
    ]
    account = request.applicant
    if account is not None:
        values += [account.display_name, account.mobile, account.id_number, account.email]
    return [v for v in values if v]


def mask(text: str, request: InfoRequest) -> str:
    return mask_personal_data(text or "", known=personal_values(request))


def check_publishable(request: InfoRequest) -> None:
    """Why this request's reply may not be published (ValidationError), or nothing."""
    if not request.publish_consent:
        raise ValidationError(_("申请人未同意公开答复，不能纳入公开答复库。"))
    if request.replied_on is None:
        raise ValidationError(_("该申请尚未答复，答复后才能公开。"))
    if request.outcome not in conf.publishable_outcomes():
        raise ValidationError(
            _("办理结果为“%(outcome)s”的答复不纳入公开答复库。")
            % {"outcome": request.outcome_label}
        )


def _lock(request: InfoRequest) -> InfoRequest:
    return (
        InfoRequest.objects.select_for_update(of=("self",))
        .select_related("applicant")
        .get(pk=request.pk)
    )


def _snapshot(answer: PublicAnswer | None) -> dict:
    if answer is None:
        return {}
    return {
        "title": answer.title,
        "public": answer.is_public,
        "files": [f.sha256 for f in answer.answer_files.all()],
    }


@transaction.atomic
def publish_answer(
    *,
    request: InfoRequest,
    actor,
    title: str = "",
    question: str = "",
    answer: str = "",
    file_ids=None,
) -> PublicAnswer:
    """Publish (or update, or publish again after a withdrawal) the public answer of a request.
    Empty texts take the masked defaults (`selectors.answer_preview`); `file_ids` chooses among
    the released files (None: all of them)."""
    require(actor, "foi_answers.publish", request)
    request = _lock(request)
    check_publishable(request)
    defaults = selectors.answer_preview(request)
    errors: dict = {}
    title = clean_text(
        title or defaults["title"], field="title", label=_("标题"), errors=errors,
        max_length=TITLE_MAX,
    )  # fmt: skip
    question = clean_text(
        question or defaults["question"], field="question", label=_("申请内容"), errors=errors,
        max_length=TEXT_MAX,
    )  # fmt: skip
    answer_text = clean_text(
        answer or defaults["answer"], field="answer", label=_("答复内容"), errors=errors,
        max_length=TEXT_MAX,
    )  # fmt: skip
    released = {f.pk: f for f in selectors.released_files(request)}
    if file_ids is None:
        chosen = list(released.values())
    else:
        wanted = [int(i) for i in file_ids]
        unknown = [i for i in wanted if i not in released]
        if unknown:
            errors["files"] = [_("只能公开已向申请人提供（已处理）的文件。")]
        chosen = [released[i] for i in wanted if i in released]
    if errors:
        raise ValidationError(errors)
    # Masked again after the officer's edits: the applicant's own values cannot come back.
    title = mask(title, request)[:TITLE_MAX]
    question, answer_text = mask(question, request), mask(answer_text, request)
    existing = PublicAnswer.objects.filter(request=request).first()
    before = _snapshot(existing)
    now = clock.now()
    public = existing or PublicAnswer(request=request, published_at=now)
    republished = existing is not None and not existing.is_public
    public.agency = request.agency
    public.title, public.question, public.answer = title, question, answer_text
    public.outcome, public.replied_on = request.outcome, request.replied_on
    public.tokens = similarity.token_text(f"{title} {question}")
    public.published_by = actor
    if existing is None or republished:
        public.published_at = now
    public.withdrawn_at, public.withdrawn_by, public.withdrawal_reason = None, None, ""
    public.save()
    public.answer_files.all().delete()
    PublicAnswerFile.objects.bulk_create(
        [
            PublicAnswerFile(
                answer=public,
                released_file=f,
                title=mask(f.title, request)[:200],
                sha256=f.sha256,
                position=i,
            )  # fmt: skip
            for i, f in enumerate(chosen)
        ]
    )
    index_answer(public)
    action = "foi_answers.publish" if existing is None or republished else "foi_answers.update"
    record_event(
        action=action,
        actor=actor,
        obj=public,
        summary=title,
        data={"request": request.number, "files": [f.pk for f in chosen]},
        before=before,
        after=_snapshot(public),
    )
    return public


@transaction.atomic
def withdraw_answer(*, answer: PublicAnswer, actor, reason: str) -> PublicAnswer:
    """撤回: the answer leaves the portal, the feed, the search and the API; the row stays."""
    require(actor, "foi_answers.withdraw", answer)
    answer = PublicAnswer.objects.select_for_update().get(pk=answer.pk)
    if not answer.is_public:
        raise ValidationError(_("该公开答复已撤回。"))
    errors: dict = {}
    reason = clean_text(
        reason, field="reason", label=_("撤回理由"), errors=errors, max_length=REASON_MAX
    )
    if errors:
        raise ValidationError(errors)
    before = _snapshot(answer)
    answer.withdrawn_at, answer.withdrawn_by, answer.withdrawal_reason = clock.now(), actor, reason
    answer.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "updated_at"])
    index_answer(answer)
    record_event(
        action="foi_answers.withdraw",
        actor=actor,
        obj=answer,
        summary=reason,
        before=before,
        after=_snapshot(answer),
    )
    return answer


# --- 条例 Art. 44 ----------------------------------------------------------------------------


def _draft_record(proposal: ProactiveProposal, *, actor):
    from sunshine.disclosure.records.choices import DisclosureMode, DocKind, Topic
    from sunshine.disclosure.records.services import create_draft

    numbers = "、".join(
        proposal.requests.order_by("received_on", "pk").values_list("number", flat=True)
    )
    body = _(
        "依据《中华人民共和国政府信息公开条例》第四十四条，多个申请人就相同政府信息向本机关提出"
        "公开申请（申请编号：%(numbers)s），该信息拟纳入主动公开范围。请起草人员补充正文和附件。"
    ) % {"numbers": numbers}
    return create_draft(
        actor=actor,
        agency=proposal.agency,
        title=proposal.title,
        date_written=clock.today(),
        topic=Topic.GENERAL,
        kind=DocKind.OTHER,
        disclosure_mode=DisclosureMode.PROACTIVE,
        body=body,
    )


@transaction.atomic
def propose_proactive(*, request: InfoRequest, actor) -> ProactiveProposal:
    """条例 Art. 44: several applicants asked for the same information — propose to disclose it
    proactively. Links the request and the similar ones; creates the draft 主动公开 record at
    once when the officer may draft records (otherwise a drafter of the agency does it from the
    proposal). Idempotent: a request already in a proposal gets that proposal back."""
    require(actor, "foi_answers.propose", request)
    request = _lock(request)
    existing = selectors.proposal_for(request)
    if existing is not None:
        if existing.record_id is None and can(actor, "record.draft", existing.agency):
            return draft_for_proposal(proposal=existing, actor=actor)
        return existing
    cluster = selectors.art44_cluster(request)
    if not cluster.reached:
        raise ValidationError(
            _("相同政府信息的申请人不足 %(n)s 个，不符合条例第四十四条的提示条件。")
            % {"n": cluster.min_applicants}
        )
    members = [request, *cluster.similar]
    proposal = ProactiveProposal.objects.create(
        agency=request.agency,
        title=selectors.default_title(mask(request.description, request)),
        created_at=clock.now(),
        created_by=actor,
    )
    proposal.requests.set(members)
    record_event(
        action="foi_answers.propose",
        actor=actor,
        obj=proposal,
        summary=proposal.title,
        data={"requests": [r.number for r in members], "applicants": cluster.applicants},
    )
    if can(actor, "record.draft", request.agency):
        return draft_for_proposal(proposal=proposal, actor=actor)
    return proposal


@transaction.atomic
def draft_for_proposal(*, proposal: ProactiveProposal, actor) -> ProactiveProposal:
    """Create the draft 主动公开 record of a proposal (once; "record.draft" on the agency)."""
    proposal = ProactiveProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.record_id is not None:
        return proposal
    if not can(actor, "record.draft", proposal.agency):
        raise PermissionDenied(_("只有本机关的起草人员可以创建主动公开草稿。"))
    record = _draft_record(proposal, actor=actor)
    proposal.record = record
    proposal.save(update_fields=["record"])
    record_event(
        action="foi_answers.draft",
        actor=actor,
        obj=proposal,
        summary=record.title,
        data={"record": record.pk, "index_number": record.index_number},
    )
    return proposal
