"""The records of a decision's statutory steps (重大行政决策程序暂行条例 Chapter 2). Each step
is done when its output is recorded; `decide` is refused until the required ones are
(workflow.py).

公众参与 links an 互动 consultation or a hearing by id and reads it through the participation
modules' selectors (never their models)."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.kernel.notify.services import notify
from sunshine.participation.consultations import selectors as consultation_selectors
from sunshine.participation.meetings import selectors as meeting_selectors

from .choices import DecisionState, LegalityConclusion, RiskLevel, StepKind, StepState
from .models import Decision, DecisionStep
from .permissions import DECISION_ACTIONS
from .rules import LEGALITY_REVIEW
from .services import _clean_text

K = StepKind
# Art. 15: 公开征求意见的期限一般不少于30日 (rules.md §5: calendar days from the day after
# publication; the consultations module counts them, Consultation.period_days).
MIN_COMMENT_DAYS = 30
HEARING_DONE_STATES = ("held", "published")  # meetings.choices.MeetingState
PARTICIPATION_MEETING_KINDS = ("hearing", "symposium", "consultation")  # ...PARTICIPATION_KINDS
FEEDBACK_PUBLISHED = "feedback_published"  # consultations.choices.ConsultationState


def _open_step(actor, decision: Decision, kind: str) -> DecisionStep:
    """The step row of `decision`, locked, while the decision is being drafted."""
    require(actor, "decision.manage", decision)
    step = (
        DecisionStep.objects.select_for_update(of=("self",))
        .select_related("decision__agency", "legal_office")
        .filter(decision=decision, kind=kind)
        .first()
    )
    if step is None:
        raise ValidationError(
            _("该决策的层级不要求“%(step)s”程序。") % {"step": StepKind(kind).label}
        )
    if step.decision.state != DecisionState.DRAFTING:
        raise ValidationError(_("决定已作出，不能再办理决策程序。"))
    return step


def _done(step: DecisionStep, actor, *, fields: list[str], summary: str = "") -> DecisionStep:
    step.state = StepState.DONE
    step.completed_at, step.completed_by = clock.now(), actor
    step.save(update_fields=[*fields, "state", "completed_at", "completed_by"])
    record_event(
        action=f"decision.step.{step.kind}",
        actor=actor,
        obj=step.decision,
        summary=f"{step.get_kind_display()} {summary}".strip()[:300],
        data={"step": step.kind, "state": step.state},
    )
    return step


# --- 公众参与 (Arts. 14–18) --------------------------------------------------------------------


def participation_source(step: DecisionStep):
    """What the 公众参与 step links: ("consultation", Consultation) or ("hearing", Meeting),
    read through their public selectors; None when nothing is linked (or it is not public)."""
    if step.consultation_id:
        found = consultation_selectors.consultation_for_public(step.consultation_id, full=False)
        return ("consultation", found) if found else None
    if step.hearing_id:
        found = meeting_selectors.meeting_for_public(step.hearing_id)
        return ("hearing", found) if found else None
    return None


def _consultation_problems(found) -> list[str]:
    """Why a (published) consultation does not count as the 公众参与 step; [] when it does."""
    problems = []
    if not found.is_major_decision:
        problems.append(_("该征求意见不是重大行政决策预公开。"))
    # Art. 15: at least 30 days, unless shortened for urgency with the reason published (the
    # consultations module records the approver's reason).
    if found.period_days < MIN_COMMENT_DAYS and not found.short_period_reason:
        problems.append(
            _("征求意见期为%(days)s日，少于30日且未说明缩短理由。") % {"days": found.period_days}
        )
    # Art. 18: the opinions are studied and the reasonable ones adopted; Art. 29 (二) and Art. 32
    # ask for their 采纳情况 with the draft and at publication — so the step counts once the
    # consultation's 采纳情况 is public.
    if found.state != FEEDBACK_PUBLISHED:
        problems.append(_("该征求意见尚未公布采纳情况。"))
    return problems


def _hearing_problems(found) -> list[str]:
    if found.kind not in PARTICIPATION_MEETING_KINDS:
        return [_("只能关联听证会、座谈会或咨询协商会。")]
    if found.state not in HEARING_DONE_STATES:
        return [_("该会议尚未召开。")]
    return []


def _check_consultation(consultation_id) -> None:
    found = consultation_selectors.consultation_for_public(consultation_id, full=False)
    if found is None:
        raise ValidationError({"consultation_id": _("没有这个已发布的征求意见。")})
    problems = _consultation_problems(found)
    if problems:
        raise ValidationError({"consultation_id": problems})


def _check_hearing(hearing_id) -> None:
    found = meeting_selectors.meeting_for_public(hearing_id)
    if found is None:
        raise ValidationError({"hearing_id": _("没有这个公开的会议。")})
    problems = _hearing_problems(found)
    if problems:
        raise ValidationError({"hearing_id": problems})


@dataclass(frozen=True)
class Candidate:
    """A consultation or hearing the 公众参与 step could link: `value` ("consultation:12",
    "hearing:5"), its title and dates, and `problems` (why it does not count; [] if it does)."""

    kind: str
    pk: int
    title: str
    when: str
    problems: tuple[str, ...]

    @property
    def value(self) -> str:
        return f"{self.kind}:{self.pk}"

    @property
    def counts(self) -> bool:
        return not self.problems


CANDIDATE_LIMIT = 50


def participation_candidates(decision: Decision) -> list[Candidate]:
    """The 重大决策 consultations (预公开) and the 听证会/座谈会/咨询协商 of the decision's
    agency (and its subtree) the public can see, newest first, each with the reasons it does
    not (yet) count: what the workbench offers to pick instead of typing an id."""
    out = []
    consultations = (
        consultation_selectors.public_consultations(within=decision.agency)
        .filter(is_major_decision=True)
        .defer(None)  # the short-period reason is read: not deferred (one query)
        .defer("draft_text", "explanation", "feedback_report")
    )
    for c in consultations[:CANDIDATE_LIMIT]:
        end = getattr(c, "end_date", None)
        when = f"{c.start_date:%Y-%m-%d}" + (f" — {end:%Y-%m-%d}" if end else "")
        out.append(
            Candidate(
                "consultation",
                c.pk,
                c.title,
                _("%(when)s，%(days)s日") % {"when": when, "days": c.period_days},
                tuple(_consultation_problems(c)),
            )
        )
    meetings = meeting_selectors.public_meetings(agency=decision.agency).filter(
        kind__in=PARTICIPATION_MEETING_KINDS
    )
    for m in meetings[:CANDIDATE_LIMIT]:
        when = f"{timezone.localtime(m.starts_at):%Y-%m-%d}" if m.starts_at else ""
        out.append(
            Candidate(
                "hearing",
                m.pk,
                m.title,
                f"{m.get_kind_display()} {when}".strip(),
                tuple(_hearing_problems(m)),
            )
        )
    return out


@transaction.atomic
def record_participation(
    *, actor, decision: Decision, consultation_id: int | None = None, hearing_id=None
) -> DecisionStep:
    """Link the 公众参与 step to a consultation (its ≥ 30-day period closed and its 采纳情况
    published) or to a hearing/座谈会/咨询协商 that was held: the step is then done."""
    step = _open_step(actor, decision, K.PARTICIPATION)
    if bool(consultation_id) == bool(hearing_id):
        raise ValidationError(_("请关联一个征求意见，或一个听证会、座谈会、咨询协商会（二选一）。"))
    if consultation_id:
        _check_consultation(consultation_id)
    else:
        _check_hearing(hearing_id)
    step.consultation_id = int(consultation_id) if consultation_id else None
    step.hearing_id = int(hearing_id) if hearing_id else None
    return _done(step, actor, fields=["consultation_id", "hearing_id"])


# --- 专家论证 (Arts. 19–21) --------------------------------------------------------------------


@transaction.atomic
def record_expert_review(*, actor, decision: Decision, experts: str, report: str):
    """The experts (one a line; Art. 20: chosen for expertise, representativeness and
    neutrality) and their written opinions (Art. 19 para. 2: 书面论证意见, signed)."""
    step = _open_step(actor, decision, K.EXPERTS)
    errors: dict = {}
    step.experts = _clean_text(errors, "experts", experts, required=True, limit=2000)
    step.report = _clean_text(errors, "report", report, required=True)
    if errors:
        raise ValidationError(errors)
    return _done(step, actor, fields=["experts", "report"])


# --- 风险评估 (Arts. 22–24) --------------------------------------------------------------------


@transaction.atomic
def record_risk_assessment(*, actor, decision: Decision, risk_level: str, report: str):
    """The risk report (Art. 23 para. 2: 风险评估报告 with the risk points, measures and plans)
    and the level it finds; Art. 24: the result is an important basis of the decision."""
    step = _open_step(actor, decision, K.RISK)
    errors: dict = {}
    if risk_level not in RiskLevel.values:
        errors["risk_level"] = _("请选择风险等级。")
    step.report = _clean_text(errors, "report", report, required=True)
    if errors:
        raise ValidationError(errors)
    step.risk_level = risk_level
    return _done(
        step, actor, fields=["risk_level", "report"], summary=step.get_risk_level_display()
    )


# --- 合法性审查 (Arts. 25–28) ------------------------------------------------------------------


@transaction.atomic
def request_legality_review(*, actor, decision: Decision, legal_office) -> DecisionStep:
    """Send the draft to the legal office: its own clock starts (Art. 26: 一般不少于7个工作日;
    rule decision.legality_review, configurable). A review found 不合法 may be sent again
    after the draft is revised (Art. 28)."""
    step = _open_step(actor, decision, K.LEGALITY)
    if step.state == StepState.IN_REVIEW:
        raise ValidationError(_("已送请合法性审查，正在审查中。"))
    if step.state == StepState.DONE:
        raise ValidationError(_("合法性审查已完成。"))
    if legal_office is None:
        raise ValidationError({"legal_office": _("请选择合法性审查机构。")})
    step.legal_office, step.requested_at = legal_office, clock.now()
    step.requested_by = actor
    step.state, step.conclusion, step.report = StepState.IN_REVIEW, "", ""
    step.save(
        update_fields=[
            "legal_office",
            "requested_at",
            "requested_by",
            "state",
            "conclusion",
            "report",
        ]
    )
    running = start_clock(obj=step, rule=LEGALITY_REVIEW, agency=legal_office, actor=actor)
    notify(
        event=EVENT_LEGALITY_REQUESTED,
        recipients=_reviewers(legal_office),
        subject=_("送请合法性审查：%(title)s") % {"title": decision.title},
        body=_("%(agency)s送请合法性审查，审查期限至%(due)s（条例第二十六条）。")
        % {"agency": decision.agency.name, "due": f"{running.due_date:%Y-%m-%d}"},
        obj=decision,
        url=_staff_url(decision),
    )
    record_event(
        action="decision.legality_request",
        actor=actor,
        obj=decision,
        summary=str(legal_office),
        data={"legal_office": legal_office.pk},
    )
    return step


EVENT_LEGALITY_REQUESTED = "decision.legality_requested"
EVENT_LEGALITY_ANSWERED = "decision.legality_answered"


def _staff_url(decision) -> str:
    try:
        return reverse("workbench:decisions_detail", args=[decision.pk])
    except NoReverseMatch:  # the workbench is not mounted (a test settings module)
        return ""


def _reviewers(office) -> list:
    """The staff of the legal office who may give the opinion."""
    from sunshine.kernel.accounts.models import User

    return list(
        User.objects.filter(
            grants__agency_id=office.pk,
            grants__role__in=DECISION_ACTIONS["decision.legal_review"],
            is_active=True,
            kind=User.Kind.STAFF,
        ).distinct()
    )


def legality_clock(step: DecisionStep):
    return clocks_for(step).filter(rule=LEGALITY_REVIEW).order_by("-started_at").first()


@transaction.atomic
def record_legality_opinion(*, actor, decision: Decision, conclusion: str, report: str):
    """The legal office's opinion (Art. 27: what it reviews; Art. 28: it gives the opinion and
    answers for it): lawful → the step is done; 不合法 → not passed (Art. 25 para. 2: the draft
    may not go to the meeting; Art. 28: the 承办单位 revises it and sends it again); 退回补充材料
    (Art. 26 para. 1: the materials do not meet the requirements) → the step waits to be sent
    again with the materials the `report` asks for. The clock stops in every case."""
    step = (
        DecisionStep.objects.select_for_update(of=("self",))
        .select_related("decision__agency", "legal_office", "requested_by")
        .filter(decision=decision, kind=K.LEGALITY)
        .first()
    )
    if step is None or step.state != StepState.IN_REVIEW:
        raise ValidationError(_("该决策没有待审查的合法性审查。"))
    require(actor, "decision.legal_review", step)  # staff of the legal office
    errors: dict = {}
    if conclusion not in LegalityConclusion.values:
        errors["conclusion"] = _("请选择审查结论。")
    report = _clean_text(errors, "report", report, required=True)
    if errors:
        raise ValidationError(errors)
    step.conclusion, step.report = conclusion, report
    running = legality_clock(step)
    if running is not None and running.is_open:
        stop_clock(
            clock=running, actor=actor, outcome=step.get_conclusion_display(), authorize=False
        )
    notify(
        event=EVENT_LEGALITY_ANSWERED,
        recipients=[step.requested_by],
        subject=_("合法性审查意见：%(title)s") % {"title": step.decision.title},
        body=_("%(office)s的审查结论：%(conclusion)s。")
        % {"office": step.legal_office.name, "conclusion": step.get_conclusion_display()},
        obj=step.decision,
        url=_staff_url(step.decision),
    )
    if conclusion in (LegalityConclusion.UNLAWFUL, LegalityConclusion.RETURNED):
        # 不合法: not passed (Art. 25 para. 2); 退回: to be completed and sent again (Art. 26).
        returned = conclusion == LegalityConclusion.RETURNED
        step.state = StepState.PENDING if returned else StepState.NOT_PASSED
        step.save(update_fields=["conclusion", "report", "state"])
        record_event(
            action=f"decision.step.{step.kind}",
            actor=actor,
            obj=step.decision,
            summary=str(step.get_conclusion_display()),
            data={"step": step.kind, "state": step.state},
        )
        return step
    return _done(
        step, actor, fields=["conclusion", "report"], summary=step.get_conclusion_display()
    )


# --- 集体讨论决定 (Arts. 29–30) ----------------------------------------------------------------


@transaction.atomic
def record_collective_discussion(
    *,
    actor,
    decision: Decision,
    meeting_name: str,
    meeting_date: dt.date | None,
    attendees: str,
    report: str,
    head_spoke_last: bool,
    dissent: str = "",
    head_against_majority: bool = False,
    head_reason: str = "",
) -> DecisionStep:
    """The meeting that discussed the draft (Art. 30 para. 1: 常务会议或者全体会议; para. 2:
    the head of the government speaks last) and its minutes, dissent recorded as said (para. 3:
    不同意见应当如实载明). The draft goes to the meeting with the outputs of the other steps its
    level requires (Art. 29: 采纳情况 of the public's and the experts' opinions, the risk
    report, the legality opinion); one not found lawful may not be discussed (Art. 25). When the
    head's decision goes against the majority of the meeting, the reason the head gave at the
    meeting is required (Art. 30 para. 2)."""
    step = _open_step(actor, decision, K.COLLECTIVE)
    errors: dict = {}
    step.meeting_name = _clean_text(errors, "meeting_name", meeting_name, required=True, limit=200)
    step.attendees = _clean_text(errors, "attendees", attendees, required=True, limit=2000)
    step.report = _clean_text(errors, "report", report, required=True)
    step.dissent = _clean_text(errors, "dissent", dissent)
    if meeting_date is None:
        errors["meeting_date"] = _("请填写会议日期。")
    elif meeting_date > clock.today():
        errors["meeting_date"] = _("会议日期不能晚于今天。")
    if not head_spoke_last:
        errors["head_spoke_last"] = _("行政首长应当在集体讨论中最后发表意见（条例第三十条）。")
    step.head_reason = _clean_text(errors, "head_reason", head_reason, limit=5000)
    if head_against_majority and not step.head_reason and "head_reason" not in errors:
        errors["head_reason"] = _(
            "行政首长拟作出的决定与会议组成人员多数人的意见不一致的，应当记录其在会上说明的理由"
            "（条例第三十条）。"
        )
    if errors:
        raise ValidationError(errors)
    done = set(decision.steps.filter(state=StepState.DONE).values_list("kind", flat=True))
    before = [k for k in decision.required_steps if k != K.COLLECTIVE and k not in done]
    if before:
        labels = _("、").join(str(StepKind(k).label) for k in before)
        if K.LEGALITY in before:
            raise ValidationError(
                _(
                    "决策草案未经合法性审查或经审查不合法，不得提交集体讨论（条例第二十五条）。"
                    "尚未完成：%(steps)s。"
                )
                % {"steps": labels}
            )
        raise ValidationError(
            _("提交集体讨论前，须先完成：%(steps)s（条例第二十九条）。") % {"steps": labels}
        )
    step.meeting_date, step.head_spoke_last = meeting_date, True
    step.head_against_majority = bool(head_against_majority)
    if not step.head_against_majority:
        step.head_reason = ""
    return _done(
        step,
        actor,
        fields=[
            "meeting_name",
            "meeting_date",
            "attendees",
            "report",
            "dissent",
            "head_spoke_last",
            "head_against_majority",
            "head_reason",
        ],
        summary=step.meeting_name,
    )
