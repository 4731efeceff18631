"""The fixed lists of a catalog item (主动公开基本目录, rules.md §2: the State Council's
standard-guideline format for the 26 grass-roots areas)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """公开渠道和载体 (an item has a set of them)."""

    WEBSITE = "website", _("政府网站")
    GAZETTE = "gazette", _("政府公报")
    NEW_MEDIA = "new_media", _("两微一端")
    PRESS = "press", _("发布会/听证会")
    BROADCAST = "broadcast", _("广播电视")
    PRINT = "print", _("纸质媒体")
    READING_POINT = "reading_point", _("公开查阅点")
    SERVICE_CENTER = "service_center", _("政务服务中心")
    SERVICE_STATION = "service_station", _("便民服务站")
    ON_SITE = "on_site", _("入户/现场")
    NOTICE_BOARD = "notice_board", _("社区/企事业单位/村公示栏")
    PUSH = "push", _("精准推送")
    OTHER = "other", _("其他")


class Audience(models.TextChoices):
    """公开对象."""

    PUBLIC = "public", _("全社会")
    SPECIFIC = "specific", _("特定群体")


class Mode(models.TextChoices):
    """公开方式."""

    PROACTIVE = "proactive", _("主动")
    ON_REQUEST = "on_request", _("依申请")


class Level(models.TextChoices):
    """公开层级 (an item has a set of them)."""

    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡级")


class LimitKind(models.TextChoices):
    """How the 公开时限 text was understood (timelimits.py)."""

    NONE = "none", _("未识别")
    EVENT = "event", _("信息形成后限期公开")
    YEARLY = "yearly", _("每年")
    HALF_YEARLY = "half_yearly", _("每半年")
    QUARTERLY = "quarterly", _("每季度")
    MONTHLY = "monthly", _("每月")


class LimitUnit(models.TextChoices):
    WORKDAYS = "wd", _("个工作日")
    DAYS = "days", _("日")
    MONTHS = "months", _("个月")


class ReviewState(models.TextChoices):
    OPEN = "open", _("审核中")
    COMPLETED = "completed", _("已完成")


class Decision(models.TextChoices):
    """One item's outcome in a yearly review."""

    CONFIRMED = "confirmed", _("确认无变化")
    CHANGED = "changed", _("已修改")


def ordered_codes(values, choices) -> list[str]:
    """A set of codes in the order of the fixed list (so that equal sets compare and show
    alike)."""
    wanted = set(values or ())
    return [code for code in choices.values if code in wanted]


def labels(values, choices) -> list[str]:
    names = dict(choices.choices)
    return [str(names[code]) for code in ordered_codes(values, choices)]
