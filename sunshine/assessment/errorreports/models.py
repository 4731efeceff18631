"""An error report (网站纠错) about one page of the portal."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import CONTACT_MAX, DESCRIPTION_MAX, URL_MAX, ErrorKind, ReportState


class ErrorReport(models.Model):
    site = models.ForeignKey(
        "sites_cluster.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    host = models.CharField(_("网站域名"), max_length=120)
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("处理单位")
    )
    page_url = models.CharField(_("出错页面"), max_length=URL_MAX)
    kind = models.CharField(_("错误类型"), max_length=12, choices=ErrorKind.choices)
    description = models.TextField(_("错误描述"), max_length=DESCRIPTION_MAX)
    contact_name = models.CharField(_("称呼"), max_length=40, blank=True)
    contact = models.CharField(_("联系方式"), max_length=CONTACT_MAX, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(
        _("状态"),
        max_length=12,
        choices=ReportState.choices,
        default=ReportState.SUBMITTED,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("提交时间"), db_index=True)
    acknowledged_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("处理说明"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("网站纠错")
        verbose_name_plural = _("网站纠错")

    def __str__(self):
        return _("网站纠错 %(pk)s") % {"pk": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("workbench:errorreport_detail", args=[self.pk])
