"""新闻发布会与访谈 (`Briefing`): press conferences, online interviews, government open days and
leaders' policy briefings, with their speakers (主要负责人 flagged), transcript, media links and
the published policies (government-information records) they discuss."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import BriefingKind, BriefingState
from .choices import MediaKind as MediaKind  # re-exported for existing callers


class Briefing(models.Model):
    kind = models.CharField(_("形式"), max_length=20, choices=BriefingKind.choices)
    agency = models.ForeignKey(
        "orgs.Agency",
        on_delete=models.PROTECT,
        related_name="briefings",
        verbose_name=_("主办单位"),
    )
    title = models.CharField(_("标题"), max_length=200)
    summary = models.TextField(_("简介"), blank=True)
    scheduled_at = models.DateTimeField(_("举行时间"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    online_url = models.URLField(_("在线收看地址"), max_length=500, blank=True)
    state = models.CharField(
        _("状态"), max_length=12, choices=BriefingState.choices, default=BriefingState.SCHEDULED
    )
    held_at = models.DateTimeField(_("实际举行时间"), null=True, blank=True)
    transcript = models.TextField(_("文字实录"), blank=True)
    # [{"kind": "video"|"audio"|"photo", "url": "https://…"}], in the order given.
    media_links = models.JSONField(_("音视频和图片链接"), default=list, blank=True)
    policies = models.ManyToManyField(
        "records.DisclosureRecord", blank=True, related_name="+", verbose_name=_("相关政策文件")
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))
    attachments = GenericRelation("files.Attachment")

    class Meta:
        ordering = ["-scheduled_at", "-id"]
        indexes = [models.Index(fields=["state", "scheduled_at"])]
        verbose_name = _("新闻发布会与访谈")
        verbose_name_plural = _("新闻发布会与访谈")

    def __str__(self):
        return self.title


class BriefingSpeaker(models.Model):
    """A speaker (发布人 / 访谈嘉宾). `agency` is the speaker's own agency (a briefing of the
    province's press office may have several agencies' leaders); `is_principal_leader` marks the
    agency's 主要负责人, counted for the yearly rule of the seed notice."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("姓名"), max_length=60)
    post = models.CharField(_("职务"), max_length=100)
    agency = models.ForeignKey(
        "orgs.Agency",
        on_delete=models.PROTECT,
        related_name="briefing_speeches",
        verbose_name=_("所在单位"),
    )
    is_principal_leader = models.BooleanField(_("主要负责人"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("发布人")
        verbose_name_plural = _("发布人")

    def __str__(self):
        return f"{self.name}（{self.post}）"
