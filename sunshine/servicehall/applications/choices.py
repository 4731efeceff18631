from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationState(models.TextChoices):
    """The last step done (rules.md §6: 申请 → 受理 / 不予受理 / 补正 → 审查 → 决定 → 办结 → 送达)."""

    SUBMITTED = "submitted", _("申请")
    ACCEPTED = "accepted", _("受理")
    REJECTED = "rejected", _("不予受理")
    CORRECTION = "correction", _("补正")
    REVIEWING = "reviewing", _("审查")
    DECIDED = "decided", _("决定")
    COMPLETED = "completed", _("办结")
    DELIVERED = "delivered", _("送达")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("个人")
    ENTERPRISE = "enterprise", _("法人")


class Decision(models.TextChoices):
    APPROVED = "approved", _("准予许可")
    DENIED = "denied", _("不予许可")


class DeliveryMethod(models.TextChoices):
    ONLINE = "online", _("网上送达（电子证照）")
    POST = "post", _("邮寄送达")
    WINDOW = "window", _("窗口领取")


# Still being handled by the agency (not closed, not waiting for the applicant).
OPEN_STATES = (
    ApplicationState.SUBMITTED,
    ApplicationState.ACCEPTED,
    ApplicationState.REVIEWING,
    ApplicationState.DECIDED,
    ApplicationState.COMPLETED,
)
FINISHED_STATES = (
    ApplicationState.REJECTED,
    ApplicationState.COMPLETED,
    ApplicationState.DELIVERED,
)
