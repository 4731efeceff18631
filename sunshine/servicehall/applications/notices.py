"""What the applicant (and the assignee) is told at each step: site inbox + e-mail through
kernel/notify (citizens and enterprises get e-mail by default)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.kernel.notify.services import notify


def applicant_url(application) -> str:
    return reverse("portal:service_my_application", args=[application.number])


def staff_url(application) -> str:
    return reverse("workbench:service_application_detail", args=[application.pk])


STEP_TEXT = {
    "submitted": gettext_lazy("您的申请已提交，等待受理。"),
    "accepted": gettext_lazy("您的申请已受理，进入审查。"),
    "rejected": gettext_lazy("您的申请不予受理。理由：%(comment)s"),
    "correction": gettext_lazy("请补正以下材料或内容：%(missing)s。补正期间办理时限暂停计算。"),
    "resubmitted": gettext_lazy("补正材料已提交，等待受理。"),
    "reviewing": gettext_lazy("您的申请已审查完毕，等待作出决定。"),
    "decided": gettext_lazy("已作出决定：%(decision)s。"),
    "completed": gettext_lazy("您的办件已办结，欢迎对本次服务作出评价（好差评）。"),
    "delivered": gettext_lazy("办理结果已送达（%(delivery)s）。"),
}


def tell_applicant(application, step: str, **values) -> None:
    body = str(STEP_TEXT[step]) % {
        "comment": values.get("comment", ""),
        "missing": "；".join(values.get("missing", [])),
        "decision": application.get_decision_display(),
        "delivery": application.get_delivery_method_display(),
    }
    notify(
        event=f"service.application.{step}",
        recipients=[application.applicant],
        subject=_("【办件进度】%(item)s（%(number)s）")
        % {"item": application.item.name, "number": application.number},
        body=body,
        obj=application,
        url=applicant_url(application),
    )


def tell_assignee(application, assignee, *, resubmitted: bool = False) -> None:
    subject = (
        _("办件已补正：%(number)s") if resubmitted else _("您有新分派的办件：%(number)s")
    ) % {"number": application.number}
    notify(
        event="service.application.assigned",
        recipients=[assignee],
        subject=subject,
        body=f"{application.item.name} — {application.applicant_name}",
        obj=application,
        url=staff_url(application),
    )
