"""Writes of the message grouping that people do: merge groups, split messages off a group,
recompute on demand. The automatic runs are in grouping.py (jobs and the command)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event

from . import grouping
from .models import MessageGroup, MessageGroupMember


@transaction.atomic
def merge_groups(*, target: MessageGroup, others: list[MessageGroup], actor) -> MessageGroup:
    """Move the messages of `others` into `target` (same kind), delete the others. The result
    is marked reviewed: the nightly regroup keeps it as staff left it."""
    require(actor, "message_topics.review", target)
    others = [g for g in others if g.pk != target.pk]
    if not others:
        raise ValidationError(_("请至少选择另一个分组进行合并。"))
    if any(g.kind != target.kind for g in others):
        raise ValidationError(_("只能合并同一类型的分组。"))
    other_ids = [g.pk for g in others]
    moved = MessageGroupMember.objects.filter(group_id__in=other_ids).update(group=target)
    MessageGroup.objects.filter(pk__in=other_ids).delete()
    target.is_reviewed = True
    target.save(update_fields=["is_reviewed", "updated_at"])
    grouping.refresh_hot_scores()
    record_event(
        action="message_topics.merge",
        actor=actor,
        obj=target,
        before={"groups": [target.pk, *other_ids]},
        after={"group": target.pk, "moved": moved},
    )
    target.refresh_from_db()
    return target


@transaction.atomic
def split_group(*, group: MessageGroup, message_ids: list[int], actor) -> MessageGroup:
    """Move the chosen messages of `group` into a new group of the same kind (both reviewed).
    A message split off alone leaves grouping altogether (a group has two messages at least)."""
    require(actor, "message_topics.review", group)
    chosen = set(
        MessageGroupMember.objects.filter(group=group, message_id__in=message_ids).values_list(
            "message_id", flat=True
        )
    )
    remaining = MessageGroupMember.objects.filter(group=group).exclude(message_id__in=chosen)
    if not chosen:
        raise ValidationError(_("请选择要拆分出去的留言。"))
    if not remaining.exists():
        raise ValidationError(_("不能把全部留言拆分出去；请至少保留一条。"))
    new_group = MessageGroup.objects.create(
        kind=group.kind, label=group.label, centroid=group.centroid, is_reviewed=True
    )
    if len(chosen) == 1:
        MessageGroupMember.objects.filter(group=group, message_id__in=chosen).delete()
        new_group.delete()
        new_group = None
    else:
        MessageGroupMember.objects.filter(group=group, message_id__in=chosen).update(
            group=new_group
        )
        first = min(chosen)
        new_group.representative_id = first
        new_group.save(update_fields=["representative"])
    if group.representative_id in chosen:
        group.representative_id = remaining.order_by("-similarity", "message_id").values_list(
            "message_id", flat=True
        )[0]
    group.is_reviewed = True
    group.save(update_fields=["is_reviewed", "representative", "updated_at"])
    if remaining.count() < 2:
        remaining.delete()
    grouping.refresh_hot_scores()
    record_event(
        action="message_topics.split",
        actor=actor,
        obj=group,
        before={"group": group.pk, "messages": sorted(chosen)},
        after={"new_group": new_group.pk if new_group else None},
    )
    return new_group or group


def recompute_hot_topics(*, actor) -> int:
    """On demand (the workbench button): counts, votes and hot scores now."""
    require(actor, "message_topics.regroup")
    count = grouping.refresh_hot_scores()
    record_event(action="message_topics.refresh", actor=actor, obj=None, after={"groups": count})
    return count


def regroup_now(*, actor) -> None:
    """On demand: queue a batch regroup (it takes minutes on a large board)."""
    require(actor, "message_topics.regroup")
    from .tasks import regroup_messages_task

    record_event(action="message_topics.regroup", actor=actor, obj=None, after={})
    transaction.on_commit(lambda: regroup_messages_task.enqueue())
