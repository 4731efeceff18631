"""政务公开培训: a course (课程), its sessions (培训班次: a date, a place or online, for one agency
or province-wide) and each person's attendance with the hours credited."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import (
    CERTIFICATE_MAX,
    PLACE_MAX,
    PROVIDER_MAX,
    TITLE_MAX,
    TOPIC_MAX,
    AttendanceStatus,
)


class Course(models.Model):
    """A course, kept by the agency that organises it (the general office's are province-wide)."""

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("主办机关")
    )
    title = models.CharField(_("课程名称"), max_length=TITLE_MAX)
    provider = models.CharField(_("授课单位"), max_length=PROVIDER_MAX)
    topic = models.CharField(_("专题"), max_length=TOPIC_MAX)
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("培训课程")
        verbose_name_plural = _("培训课程")

    def __str__(self):
        return self.title


class Session(models.Model):
    """One 班次 of a course: `agency` empty means province-wide (全省), else for that agency's
    staff. `organizer` is the agency that runs it (whose officers record attendance)."""

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("课程")
    )
    organizer = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("举办机关")
    )
    agency = models.ForeignKey(
        "orgs.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("参训机关"),
        help_text=_("留空为全省范围"),
    )
    date = models.DateField(_("培训日期"), db_index=True)
    online = models.BooleanField(_("线上培训"), default=False)
    place = models.CharField(_("培训地点"), max_length=PLACE_MAX, blank=True)
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("培训班次")
        verbose_name_plural = _("培训班次")

    def __str__(self):
        return f"{self.course.title}（{self.date:%Y-%m-%d}）"

    @property
    def province_wide(self) -> bool:
        return self.agency_id is None


class Attendance(models.Model):
    """A person's attendance at a session. `agency` is the person's agency when recorded (the
    scope of who sees it and whose coverage it counts for)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("班次")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="training_attendances",
        verbose_name=_("参训人员"),
    )
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属机关")
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.ATTENDED,
    )
    hours = models.DecimalField(_("认定学时"), max_digits=5, decimal_places=1)
    certificate = models.CharField(_("证书编号"), max_length=CERTIFICATE_MAX, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    Status = AttendanceStatus

    class Meta:
        ordering = ["-session__date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="training_one_per_person")
        ]
        indexes = [models.Index(fields=["person", "status"])]
        verbose_name = _("参训记录")
        verbose_name_plural = _("参训记录")

    def __str__(self):
        return f"{self.person} · {self.session}"
