"""Grouping against the database: batch regroup on real taidi2020 texts, stable ids, and the
incremental assignment of new messages."""

import pytest

from sunshine.kernel import clock
from sunshine.participation.messagetopics import grouping
from sunshine.participation.messagetopics.models import (
    GroupKind,
    MessageFingerprint,
    MessageGroup,
    MessageGroupMember,
)
from sunshine.testing.factories.messagetopics import at, make_message

pytestmark = pytest.mark.django_db

CAMPAIGN = (
    "坚决反对在A7县诺亚山林小区门口设置医院",
    "我们是诺亚山林小区的业主，小区门口只有一条双向两车道，现在要在门口设置医院，"
    "每天车辆进出拥堵，救护车噪音扰民，医疗废物也会影响小区居民的健康，请求相关部门重新选址。",
)
TOPIC = [
    ("伊景园滨河苑捆绑销售车位", "A市伊景园滨河苑开发商捆绑销售车位，业主不买车位就不能收房。"),
    ("投诉伊景园滨河苑车位捆绑", "伊景园滨河苑强制业主购买车位，捆绑销售违法，请查处。"),
    ("伊景园滨河苑捆绑车位销售合法吗", "伊景园滨河苑的车位捆绑销售是否合法？业主很无奈。"),
]


def _fill(taidi_rows, n=120):
    rows = [r for r in taidi_rows][:n]
    return [
        make_message(
            subject=r["留言主题"].strip()[:100],
            body=r["留言详情"].strip(),
            submitted_at=at(2026, 9, 1),
        )  # fmt: skip
        for r in rows
    ]


def _group_of(message, kind):
    member = MessageGroupMember.objects.filter(message=message, kind=kind).first()
    return member.group_id if member else None


def test_batch_regroup_finds_campaign_and_topic_and_keeps_ids(province, taidi_rows, settings):
    settings.MESSAGE_TOPICS = {"topic_max_df": 0.2}
    _fill(taidi_rows)
    campaign = [make_message(subject=CAMPAIGN[0], body=CAMPAIGN[1] + "谢谢！" * k,
                             submitted_at=at(2026, 9, 2)) for k in range(3)]  # fmt: skip
    topic = [make_message(subject=s, body=b, submitted_at=at(2026, 9, 3)) for s, b in TOPIC]
    with clock.frozen(at(2026, 9, 10)):
        result = grouping.regroup_messages()
    assert result.fingerprinted == result.messages == 126
    dup = {_group_of(m, GroupKind.NEAR_DUPLICATE) for m in campaign}
    assert len(dup) == 1 and None not in dup
    same = {_group_of(m, GroupKind.SAME_TOPIC) for m in topic}
    assert len(same) == 1 and None not in same
    assert _group_of(topic[0], GroupKind.NEAR_DUPLICATE) != next(iter(dup))
    group = MessageGroup.objects.get(pk=next(iter(same)))
    assert group.message_count == 3 and any(t in group.label for t in ("捆绑", "车位", "滨河"))
    # Again: nothing to segment, same ids.
    before = set(MessageGroup.objects.values_list("pk", flat=True))
    with clock.frozen(at(2026, 9, 10)):
        again = grouping.regroup_messages()
    assert again.fingerprinted == 0
    assert set(MessageGroup.objects.values_list("pk", flat=True)) == before


def test_new_messages_join_existing_groups(province, taidi_rows, settings):
    settings.MESSAGE_TOPICS = {"topic_max_df": 0.2}
    _fill(taidi_rows, 60)
    first = make_message(subject=CAMPAIGN[0], body=CAMPAIGN[1], submitted_at=at(2026, 9, 2))
    topic = [make_message(subject=s, body=b, submitted_at=at(2026, 9, 3)) for s, b in TOPIC]
    with clock.frozen(at(2026, 9, 10)):
        grouping.regroup_messages()
        assert _group_of(first, GroupKind.NEAR_DUPLICATE) is None  # alone so far
        repeat = make_message(subject=CAMPAIGN[0], body=CAMPAIGN[1] + "请尽快答复。",
                              submitted_at=at(2026, 9, 9))  # fmt: skip
        same = make_message(subject="伊景园滨河苑车位捆绑销售问题",
                            body="伊景园滨河苑开发商要求业主捆绑购买车位。",
                            submitted_at=at(2026, 9, 9))  # fmt: skip
        unrelated = make_message(subject="咨询社保卡补办", body="请问社保卡丢失如何补办？",
                                 submitted_at=at(2026, 9, 9))  # fmt: skip
        assert grouping.assign_new_messages() == 3
    assert MessageFingerprint.objects.count() == 67
    group = _group_of(repeat, GroupKind.NEAR_DUPLICATE)
    assert group is not None and group == _group_of(first, GroupKind.NEAR_DUPLICATE)
    assert _group_of(same, GroupKind.SAME_TOPIC) == _group_of(topic[0], GroupKind.SAME_TOPIC)
    assert _group_of(unrelated, GroupKind.SAME_TOPIC) is None
    assert _group_of(unrelated, GroupKind.NEAR_DUPLICATE) is None
    assert MessageGroup.objects.get(pk=group).message_count == 2
