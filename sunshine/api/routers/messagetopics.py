"""留言热点 and 留言统计: the public hot-topic list and statistics for anyone; statistics per
agency and the group list for staff (token). Only published messages appear in public
answers; group terms (which may come from unpublished messages) are staff-only."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Router, Schema

from sunshine.kernel.access.policy import agencies_for, can_anywhere
from sunshine.participation.messagetopics.choices import GroupKind
from sunshine.participation.messagetopics.selectors import (
    public_group,
    public_hot_topics,
    published_messages_of,
    staff_groups,
)
from sunshine.participation.messagetopics.stats import (
    agency_reply_numbers,
    cached_message_statistics,
    message_statistics,
)

from ..auth import staff_token
from ..errors import NotFound
from ..links import portal_url
from ..pagination import MAX_LIMIT

router = Router(tags=["messagetopics"])


class HotTopicOut(Schema):
    id: int
    kind: str
    title: str
    message_count: int
    public_count: int
    votes_up: int
    votes_down: int
    first_at: dt.datetime | None
    latest_at: dt.datetime | None
    hot_score: float
    url: str

    @staticmethod
    def resolve_title(obj) -> str:
        rep = obj.public_representative
        return rep.public_subject if rep else ""

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("messagetopics_detail", obj.pk)


class MessageRef(Schema):
    id: int
    subject: str
    category: str
    submitted_at: dt.datetime
    url: str

    @staticmethod
    def resolve_subject(obj) -> str:
        return obj.public_subject

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("messages_detail", obj.pk)


class HotTopicDetail(HotTopicOut):
    messages: list[MessageRef]


class StaffGroupOut(Schema):
    id: int
    kind: str
    label: str
    message_count: int
    votes_up: int
    votes_down: int
    latest_at: dt.datetime | None
    hot_score: float
    is_reviewed: bool


def _kind(value: str) -> str:
    return value if value in GroupKind.values else GroupKind.SAME_TOPIC


def _dates(since, until):
    if since and until and since > until:
        since, until = until, since
    return since, until


@router.get("/hot", response=list[HotTopicOut], summary="留言热点（公开）")
def hot_topics(request, kind: str = GroupKind.SAME_TOPIC, limit: int = 20):
    return list(public_hot_topics(kind=_kind(kind), limit=max(1, min(limit, MAX_LIMIT))))


@router.get("/hot/{int:group_id}", response=HotTopicDetail, summary="热点详情（公开留言）")
def hot_topic(request, group_id: int):
    group = public_group(group_id)
    if group is None:
        raise NotFound(_("该热点不存在或没有公开的留言。"))
    group.messages = list(published_messages_of(group)[:MAX_LIMIT])
    return group


@router.get("/stats", summary="留言统计（公开）")
def public_stats(request, since: dt.date | None = None, until: dt.date | None = None):
    since, until = _dates(since, until)
    result = cached_message_statistics(since=since, until=until)
    return _shape(result)


def _shape(result: dict) -> dict:
    return {
        "totals": result["totals"],
        "by_category": result["by_category"],
        "by_agency": result["by_agency"],
        "by_period": [
            {
                "period": p["period"].date().isoformat() if p["period"] else None,
                "count": p["count"],
                "replied": p["replied"],
            }
            for p in result["by_period"]
        ],  # fmt: skip
        "replies": result["replies"],
        "satisfaction": result["satisfaction"],
    }


@router.get("/staff/stats", auth=staff_token, summary="留言统计（按承办单位，工作人员）")
def staff_stats(request, since: dt.date | None = None, until: dt.date | None = None):
    user = request.user
    if not can_anywhere(user, "message_topics.view_stats"):
        raise PermissionDenied(_("您没有查看留言统计的权限。"))
    since, until = _dates(since, until)
    agency_ids = (
        None
        if can_anywhere(user, "message_topics.review")
        else list(agencies_for(user, "message_topics.view_stats").values_list("pk", flat=True))
    )
    result = _shape(message_statistics(agency_ids=agency_ids, since=since, until=until))
    result["agencies"] = agency_reply_numbers(agency_ids=agency_ids, since=since, until=until)
    return result


@router.get("/staff/groups", auth=staff_token, response=list[StaffGroupOut], summary="留言分组")
def staff_group_list(request, kind: str = "", q: str = "", limit: int = 50):
    groups = staff_groups(request.user, kind=kind or None, q=q or None)
    return list(groups[: max(1, min(limit, MAX_LIMIT))])
