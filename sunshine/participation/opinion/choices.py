"""The fixed lists of 政务舆情 (public-opinion events)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpinionLevel(models.TextChoices):
    """舆情级别 (国办发〔2016〕80号 / 〔2016〕61号)."""

    MAJOR_EMERGENCY = "major_emergency", _("重大突发事件")
    HOT_ISSUE = "hot_issue", _("热点问题")
    OTHER = "other", _("其他")


class OpinionState(models.TextChoices):
    OPEN = "open", _("待回应")
    RESPONDING = "responding", _("回应中")
    CLOSED = "closed", _("已办结")


class SourceChannel(models.TextChoices):
    """舆情来源."""

    ONLINE_MEDIA = "online_media", _("网络媒体")
    WEIBO = "weibo", _("微博")
    WECHAT = "wechat", _("微信")
    FORUM = "forum", _("论坛")
    TRADITIONAL_MEDIA = "traditional_media", _("传统媒体")
    HOTLINE_12345 = "hotline_12345", _("12345热线")
    OTHER = "other", _("其他")


class ResponseChannel(models.TextChoices):
    """回应渠道."""

    PRESS_CONFERENCE = "press_conference", _("新闻发布会")
    WEBSITE = "website", _("官方网站")
    WEIBO = "gov_weibo", _("政务微博")
    WECHAT = "gov_wechat", _("政务微信")
    INTERVIEW = "media_interview", _("媒体采访")
    OTHER = "other", _("其他")


class ResponseKind(models.TextChoices):
    """回应类型: which clock a response stops (clocks.py)."""

    AUTHORITATIVE_INFORMATION = "authoritative_information", _("权威信息")
    PRESS_CONFERENCE = "press_conference", _("新闻发布会")
    RESPONSE = "response", _("回应")


class Sentiment(models.TextChoices):
    """The label of the shipped sentiment model (participation/sentiment)."""

    NEGATIVE = "negative", _("负面")
    NEUTRAL = "neutral", _("中性")
    POSITIVE = "positive", _("正面")


class EvaluationScore(models.IntegerChoices):
    """效果评估 of the response, afterwards."""

    GOOD = 5, _("好")
    FAIRLY_GOOD = 4, _("较好")
    AVERAGE = 3, _("一般")
    POOR = 2, _("较差")
    BAD = 1, _("差")


# --- 研判 and 会商 -------------------------------------------------------------------------

# The order of the levels, lowest first: the 研判 rule ("a response needs a 研判 from this
# level up", services.analysis_required) compares them. Plain strings: an enum member does not
# hash like its value, so look up str(level).
LEVEL_RANK = {
    OpinionLevel.OTHER.value: 0,
    OpinionLevel.HOT_ISSUE.value: 1,
    OpinionLevel.MAJOR_EMERGENCY.value: 2,
}


class Trend(models.TextChoices):
    """舆情走势, as the 研判 sees it."""

    RISING = "rising", _("上升")
    STABLE = "stable", _("平稳")
    FALLING = "falling", _("回落")
    SUBSIDED = "subsided", _("平息")


class ResponseMethod(models.TextChoices):
    """回应方式 the 研判 recommends."""

    AUTHORITATIVE_INFORMATION = "authoritative_information", _("发布权威信息")
    PRESS_CONFERENCE = "press_conference", _("召开新闻发布会")
    RESPONSE = "response", _("书面回应")
    JOINT_RESPONSE = "joint_response", _("会商后联合回应")
    INTERVIEW = "media_interview", _("接受媒体采访")
    MONITOR = "monitor", _("持续关注，暂不回应")


class CoordinationState(models.TextChoices):
    """会商: open while the invited agencies answer, concluded when the convenor has written
    the joint response (统一口径), published once that became the event's response."""

    OPEN = "open", _("会商中")
    CONCLUDED = "concluded", _("已形成统一口径")
    PUBLISHED = "published", _("已发布联合回应")


class PartState(models.TextChoices):
    """One invited agency's part of a 会商."""

    PENDING = "pending", _("待答复")
    ANSWERED = "answered", _("已答复")
    LAPSED = "lapsed", _("未答复（会商已结束）")


COORDINATION_HOURS_MIN = 1
COORDINATION_HOURS_MAX = 72
