"""会议公开 and 列席: meetings, seat plans, attendance applications and reproducible draws."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import (
    PUBLISH_MODES,
    ApplicationStatus,
    Category,
    MeetingKind,
    MeetingOpenness,
    MeetingState,
)


class Meeting(models.Model):
    # The lists live in choices.py (shells import them there); kept here as Meeting.State etc.
    Kind = MeetingKind
    Openness = MeetingOpenness
    State = MeetingState
    PUBLISH_MODES = PUBLISH_MODES

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="meetings", verbose_name=_("单位")
    )
    title = models.CharField(_("会议名称"), max_length=200)
    kind = models.CharField(
        _("会议类型"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.MEETING
    )
    description = models.TextField(_("会议议题"), blank=True)
    starts_at = models.DateTimeField(_("召开时间"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    applications_close_at = models.DateTimeField(
        _("报名截止时间"),
        null=True,
        blank=True,
        help_text=_("到时由系统自动截止报名并抽签。"),
    )
    live_url = models.URLField(_("直播地址"), max_length=500, blank=True)
    openness = models.CharField(
        _("公开属性"), max_length=12, choices=Openness.choices, default=Openness.PUBLIC
    )
    publish_modes = models.JSONField(_("公开方式"), default=list, blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.PLANNED)
    announced_number = models.CharField(
        _("预先公布的数字"),
        max_length=64,
        blank=True,
        help_text=_("报名截止前公布的数字，作为抽签随机种子的组成部分。"),
    )
    minutes = models.TextField(_("会议纪要或摘要"), blank=True)
    decisions = models.TextField(_("会议决定"), blank=True)
    published_at = models.DateTimeField(_("结果公开时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"))

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["state", "applications_close_at"])]
        verbose_name = _("会议")
        verbose_name_plural = _("会议")

    def __str__(self):
        return self.title

    @property
    def is_live(self) -> bool:
        return "live" in (self.publish_modes or [])


class AttendanceSeat(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    category = models.CharField(_("列席类别"), max_length=16, choices=Category.choices)
    seats = models.PositiveIntegerField(_("名额"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "category"], name="meetings_seat_unique")
        ]
        verbose_name = _("列席名额")
        verbose_name_plural = _("列席名额")

    @property
    def agency(self):
        return self.meeting.agency


class AttendanceApplication(models.Model):
    Status = ApplicationStatus

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="applications")
    category = models.CharField(_("列席类别"), max_length=16, choices=Category.choices)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="meeting_applications",
        verbose_name=_("申请人"),
    )
    name = models.CharField(_("姓名"), max_length=60)
    contact = models.CharField(_("联系方式"), max_length=100)
    reason = models.TextField(_("申请理由"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("报名时间"))
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.APPLIED
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "applicant"], name="meetings_one_application_per_user"
            )
        ]
        verbose_name = _("列席申请")
        verbose_name_plural = _("列席申请")

    @property
    def agency(self):
        return self.meeting.agency

    @property
    def owner_id(self):
        return self.applicant_id


class DrawResult(models.Model):
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="draw")
    seed_hex = models.CharField(_("随机种子"), max_length=64)
    method = models.TextField(_("抽签方法"))
    inputs_digest = models.CharField(_("输入摘要"), max_length=64)
    python_version = models.CharField(_("Python 版本"), max_length=40)
    selected = models.JSONField(_("抽中的申请编号"), default=dict)
    created_at = models.DateTimeField(_("抽签时间"))

    class Meta:
        verbose_name = _("抽签结果")
        verbose_name_plural = _("抽签结果")

    @property
    def agency(self):
        return self.meeting.agency
