"""The workflow of a cross-review round: 草稿 → 评审中 → 已发布.

`start` needs a valid indicator scheme (weights adding up to 100) and at least one assignment;
`publish` needs every assignment's score sheet submitted (or the assignment withdrawn by the
general office with its reason). The services start and stop the sheets' clocks and store the
results with the transitions (services.start_round, services.publish_round)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.kernel.workflow.definitions import Transition, Workflow

from .choices import OPEN_SHEET_STATES, WEIGHT_TOTAL, RoundState, SheetState
from .results import plain

S = RoundState


def scheme_problems(round_) -> list[str]:
    """What is wrong with the round's indicators (empty: usable)."""
    indicators = list(round_.indicators.all())
    if not indicators:
        return [_("还没有评分指标。")]
    problems = []
    total = sum((i.weight for i in indicators), start=WEIGHT_TOTAL * 0)
    if total != WEIGHT_TOTAL:
        problems.append(_("各指标权重之和须为100，现为%(total)s。") % {"total": plain(total)})
    return problems


def _scheme_valid(round_, context) -> None:
    problems = scheme_problems(round_)
    if problems:
        raise ValidationError(problems)


def _has_assignments(round_, context) -> None:
    if not round_.assignments.exclude(state=SheetState.WITHDRAWN).exists():
        raise ValidationError(_("还没有分配评审单位。"))


def _sheets_submitted(round_, context) -> None:
    open_ = round_.assignments.filter(state__in=OPEN_SHEET_STATES).count()
    if open_:
        raise ValidationError(
            _("还有%(n)s份评分表未提交；请督促提交，或撤销该项分配后再发布。") % {"n": open_}
        )
    if not round_.assignments.filter(state=SheetState.SUBMITTED).exists():
        raise ValidationError(_("没有已提交的评分表，不能发布。"))


ROUND_WORKFLOW = Workflow(
    name="crossreview_round",
    states=RoundState,
    initial=S.DRAFT,
    transitions=[
        Transition(
            "start",
            S.DRAFT,
            S.REVIEWING,
            action="crossreview.manage",
            label=gettext_lazy("开始评审"),
            guards=(_scheme_valid, _has_assignments),
            audit_action="crossreview.start",
        ),
        Transition(
            "publish",
            S.REVIEWING,
            S.PUBLISHED,
            action="crossreview.manage",
            label=gettext_lazy("发布结果"),
            guards=(_sheets_submitted,),
            audit_action="crossreview.publish",
        ),
    ],
)
