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
