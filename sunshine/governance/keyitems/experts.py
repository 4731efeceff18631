"""专家组跟进: the general office keeps an expert library (专家库) with each expert's declared
conflicts (申报回避的机关), forms a group for an item from it — an expert with a conflict for
the item's agency cannot be added — asks the group's opinion at each stage of the item (on the
clock `keyitems.expert_opinion`), records it, and finally the group's assessment of the item.
Experts do not sign in: the office records what the group wrote (keyitem.experts)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.deadlines.services import start_clock, stop_clock

from . import rules
from . import validation as v
from .choices import TEXT_MAX, Conclusion, KeyItemState, ReviewState
from .models import Expert, ExpertGroup, ExpertMember, KeyItem, Stage, StageReview

ACTION = "keyitem.experts"


@transaction.atomic
def add_expert(*, actor, name, specialty, title="", employer="", conflict_agencies=()) -> Expert:
    require(actor, ACTION)
    errors: dict[str, list[str]] = {}
    name = v.text(errors, "name", name, label=_("姓名"), max_length=50, required=True)
    specialty = v.text(errors, "specialty", specialty, label=_("专业领域"), max_length=100,
                       required=True)  # fmt: skip
    title = v.text(errors, "title", title, label=_("职称"), max_length=50)
    employer = v.text(errors, "employer", employer, label=_("工作单位"), max_length=200)
    if errors:
        raise ValidationError(errors)
    expert = Expert.objects.create(
        name=name, specialty=specialty, title=title, employer=employer, created_at=clock.now()
    )
    expert.conflict_agencies.set(list(conflict_agencies))
    record_event(action="keyitem.expert_add", actor=actor, obj=expert,
                 summary=_("专家入库：%(n)s（%(s)s）") % {"n": name, "s": specialty},
                 data={"conflicts": [a.pk for a in conflict_agencies]})  # fmt: skip
    return expert


@transaction.atomic
def declare_conflicts(*, actor, expert: Expert, agencies) -> Expert:
    """Replace the expert's declared conflicts (audited with before and after)."""
    require(actor, ACTION)
    before = sorted(expert.conflict_agencies.values_list("pk", flat=True))
    expert.conflict_agencies.set(list(agencies))
    record_event(action="keyitem.expert_conflicts", actor=actor, obj=expert,
                 summary=_("专家申报回避：%(n)s") % {"n": expert.name},
                 before={"conflicts": before}, after={"conflicts": sorted(a.pk for a in agencies)})  # fmt: skip
    return expert


def conflicted(expert: Expert, item: KeyItem) -> bool:
    """A declared conflict with the item's agency or an agency above it."""
    ids = [*item.agency.ancestors_ids(), item.agency_id]
    return expert.conflict_agencies.filter(pk__in=ids).exists()


@transaction.atomic
def form_group(*, actor, item: KeyItem) -> ExpertGroup:
    require(actor, ACTION)
    if item.state == KeyItemState.COMPLETED:
        raise ValidationError(_("已完成的事项不再组建专家组。"))
    group, created = ExpertGroup.objects.get_or_create(
        item=item, defaults={"formed_at": clock.now(), "formed_by": actor}
    )
    if created:
        record_event(action="keyitem.expert_group", actor=actor, obj=item,
                     summary=_("组建专家组：%(t)s") % {"t": item.title})  # fmt: skip
    return group


@transaction.atomic
def add_member(*, actor, group: ExpertGroup, expert: Expert, is_leader=False) -> ExpertMember:
    """Add an expert of the library to the group; refused when they declared a conflict for the
    item's agency."""
    require(actor, ACTION)
    item = group.item
    if not expert.is_active:
        raise ValidationError({"expert": [_("该专家已不在专家库中。")]})
    if conflicted(expert, item):
        raise ValidationError(
            {
                "expert": [
                    _("%(n)s已申报与%(a)s存在利害关系，应当回避，不能加入本事项的专家组。")
                    % {"n": expert.name, "a": item.agency.name}
                ]
            }
        )
    if is_leader:
        group.members.filter(is_leader=True).update(is_leader=False)
    try:
        with transaction.atomic():
            member = ExpertMember.objects.create(
                group=group, expert=expert, is_leader=bool(is_leader), added_at=clock.now()
            )
    except IntegrityError:
        raise ValidationError({"expert": [_("%(n)s已在专家组中。") % {"n": expert.name}]}) from None
    record_event(action="keyitem.expert_member", actor=actor, obj=item,
                 summary=_("专家组增加成员：%(n)s%(l)s") % {"n": expert.name,
                                                       "l": _("（组长）") if is_leader else ""},
                 data={"expert": expert.pk, "leader": bool(is_leader)})  # fmt: skip
    return member


@transaction.atomic
def request_opinion(*, actor, group: ExpertGroup, stage: Stage) -> StageReview:
    """Ask the group's opinion on a stage; the clock starts today."""
    require(actor, ACTION)
    if stage.item_id != group.item_id:
        raise ValidationError({"stage": [_("该阶段不属于本事项。")]})
    if not group.members.exists():
        raise ValidationError(_("专家组还没有成员。"))
    if group.assessed_at:
        raise ValidationError(_("专家组已作出最终评估。"))
    if StageReview.objects.filter(group=group, stage=stage).exists():
        raise ValidationError({"stage": [_("已就该阶段征求过专家组意见。")]})
    review = StageReview.objects.create(
        group=group, stage=stage, requested_at=clock.now(), requested_by=actor
    )
    start_clock(obj=review, rule=rules.EXPERT_OPINION, agency=group.item.agency,
                start=review.requested_at, actor=actor)  # fmt: skip
    record_event(action="keyitem.expert_request", actor=actor, obj=group.item,
                 summary=_("就“%(s)s”阶段征求专家组意见") % {"s": stage.name},
                 data={"review": review.pk, "stage": stage.pk})  # fmt: skip
    return review


def _conclusion(errors, value) -> str:
    if value not in Conclusion.values:
        errors["conclusion"] = [_("请选择结论。")]
    return value


@transaction.atomic
def record_opinion(*, actor, review: StageReview, conclusion, opinion) -> StageReview:
    require(actor, ACTION)
    review = StageReview.objects.select_for_update().get(pk=review.pk)
    if review.state != ReviewState.PENDING:
        raise ValidationError(_("该阶段的专家组意见已经出具。"))
    errors: dict[str, list[str]] = {}
    _conclusion(errors, conclusion)
    opinion = v.text(errors, "opinion", opinion, label=_("专家组意见"), max_length=TEXT_MAX,
                     required=True)  # fmt: skip
    if errors:
        raise ValidationError(errors)
    review.conclusion, review.opinion = conclusion, opinion
    review.state, review.given_at, review.recorded_by = ReviewState.DONE, clock.now(), actor
    review.save()
    running = open_clock(review, rules.EXPERT_OPINION)
    if running is not None:
        stop_clock(clock=running, actor=actor, outcome="given", authorize=False)
    record_event(action="keyitem.expert_opinion", actor=actor, obj=review.group.item,
                 summary=_("专家组阶段意见：%(s)s，%(c)s") % {"s": review.stage.name,
                                                          "c": review.get_conclusion_display()},
                 data={"review": review.pk, "conclusion": conclusion})  # fmt: skip
    return review


@transaction.atomic
def final_assessment(*, actor, group: ExpertGroup, conclusion, assessment) -> ExpertGroup:
    """The group's final assessment; every stage opinion asked for must be given first."""
    require(actor, ACTION)
    group = ExpertGroup.objects.select_for_update().get(pk=group.pk)
    if group.assessed_at:
        raise ValidationError(_("专家组已作出最终评估。"))
    if group.reviews.filter(state=ReviewState.PENDING).exists():
        raise ValidationError(_("还有阶段意见未出具，不能作出最终评估。"))
    errors: dict[str, list[str]] = {}
    _conclusion(errors, conclusion)
    assessment = v.text(errors, "assessment", assessment, label=_("最终评估意见"),
                        max_length=TEXT_MAX, required=True)  # fmt: skip
    if errors:
        raise ValidationError(errors)
    group.final_conclusion, group.final_assessment = conclusion, assessment
    group.assessed_at, group.assessed_by = clock.now(), actor
    group.save()
    record_event(action="keyitem.expert_final", actor=actor, obj=group.item,
                 summary=_("专家组最终评估：%(c)s") % {"c": group.get_final_conclusion_display()},
                 data={"conclusion": conclusion})  # fmt: skip
    return group
