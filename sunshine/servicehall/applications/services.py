"""Every write to applications (办件). Each act is one transaction: permission, the workflow
transition (history row + audit event), the step clocks (kernel/deadlines) and the notice to
the applicant (kernel/notify, e-mail after commit)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import can, require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.files.services import store_attachment
from sunshine.kernel.workflow.services import transition

from . import clocks, notices
from .choices import ApplicationState as S
from .choices import Decision, DeliveryMethod
from .models import ServiceApplication, SubmittedMaterial
from .rules import ACCEPT, DECIDE, DELIVER, REVIEW, TOTAL
from .validation import check_files, clean_applicant, clean_form_data


def _store_files(application, files, *, actor, round_: int) -> None:
    for material, upload in files:
        attachment = store_attachment(
            owner=application, uploaded_file=upload, actor=actor, extract="no"
        )
        SubmittedMaterial.objects.get_or_create(
            application=application,
            attachment=attachment,
            defaults={"material": material, "round": round_, "submitted_at": clock.now()},
        )


def _missing_required(item, files) -> list[str]:
    given = {m.pk for m, _upload in files if m is not None}
    return [m.name for m in item.materials.all() if m.required and m.pk not in given]


@transaction.atomic
def submit_application(
    *,
    item,
    applicant,
    applicant_kind: str,
    applicant_name: str,
    contact_phone: str,
    form_data: dict | None = None,
    files: list | None = None,
) -> ServiceApplication:
    """申请: a signed-in citizen or enterprise applies online for a published item. `files`
    is a list of (ServiceMaterial or None, uploaded file); each required material needs a
    file. Types and sizes are checked before anything is saved."""
    if applicant is None or not applicant.is_authenticated:
        raise PermissionDenied(_("请先登录再申请。"))
    if not item.is_public or not item.online:
        raise ValidationError(_("该事项不支持网上申请。"))
    files = list(files or [])
    errors = {}
    try:
        cleaned = clean_applicant(
            applicant_kind=applicant_kind,
            applicant_name=applicant_name,
            contact_phone=contact_phone,
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
        cleaned = {}
    try:
        data = clean_form_data(form_data)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if kind_error := _audience_error(item, applicant_kind):
        errors.setdefault("applicant_kind", []).append(kind_error)
    try:
        check_files(files)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if missing := _missing_required(item, files):
        errors.setdefault("files", []).append(
            _("请上传必交材料：%(list)s。") % {"list": "、".join(missing)}
        )
    if errors:
        raise ValidationError(errors)
    now = clock.now()
    application = ServiceApplication.objects.create(
        number=f"tmp-{now.timestamp()}-{applicant.pk}",
        item=item,
        agency=item.agency,
        applicant=applicant,
        form_data=data,
        state=S.SUBMITTED,
        submitted_at=now,
        **cleaned,
    )
    application.number = f"BJ{timezone.localdate(now):%Y%m%d}{application.pk:07d}"
    application.save(update_fields=["number"])
    _store_files(application, files, actor=applicant, round_=0)
    record_event(
        action="service_application.submit",
        actor=applicant,
        obj=application,
        summary=f"{item.name} {application.number}",
        data={"item": item.pk, "files": len(files)},
        after={"state": S.SUBMITTED, "number": application.number},
    )
    clocks.start(application, ACCEPT, actor=applicant)
    clocks.start_total(application, actor=applicant)
    notices.tell_applicant(application, "submitted")
    return application


def _audience_error(item, applicant_kind: str) -> str:
    if applicant_kind == "person" and not item.for_persons:
        return _("该事项只面向法人办理。")
    if applicant_kind == "enterprise" and not item.for_enterprises:
        return _("该事项只面向个人办理。")
    return ""


@transaction.atomic
def accept_application(*, application, actor, comment: str = "") -> ServiceApplication:
    """受理: stops the acceptance clock, starts the review clock."""
    transition(
        obj=application, name="accept", actor=actor, comment=comment,
        set_fields={"accepted_at": clock.now(), "correction_items": []},
    )  # fmt: skip
    clocks.stop(application, ACCEPT, actor=actor, outcome="accepted")
    clocks.start(application, REVIEW, actor=actor)
    notices.tell_applicant(application, "accepted")
    return application


@transaction.atomic
def reject_application(*, application, actor, reason: str) -> ServiceApplication:
    """不予受理, with the reason (required); the application is finished."""
    reason = (reason or "").strip()
    transition(
        obj=application, name="reject", actor=actor, comment=reason,
        set_fields={"rejected_at": clock.now(), "reject_reason": reason},
    )  # fmt: skip
    clocks.stop(application, ACCEPT, actor=actor, outcome="rejected")
    clocks.stop(application, TOTAL, actor=actor, outcome="rejected")
    notices.tell_applicant(application, "rejected", comment=reason)
    return application


@transaction.atomic
def request_correction(
    *, application, actor, missing: list[str], comment: str = ""
) -> ServiceApplication:
    """补正 (一次性告知): lists everything missing; the acceptance and total clocks pause until
    the applicant resubmits."""
    items = [str(i).strip()[:200] for i in (missing or []) if str(i).strip()][:30]
    application.refresh_from_db(from_queryset=ServiceApplication.objects.select_for_update())
    transition(
        obj=application,
        name="request_correction",
        actor=actor,
        comment=comment or "；".join(items),
        data={"missing": items},
        set_fields={
            "correction_items": items,
            "correction_count": application.correction_count + 1,
        },
    )
    clocks.pause(application, [ACCEPT, TOTAL], actor=actor, reason=_("补正：等待申请人补齐材料"))
    notices.tell_applicant(application, "correction", missing=items)
    return application


@transaction.atomic
def resubmit_application(
    *, application, actor, form_data: dict | None = None, files: list | None = None, note: str = ""
) -> ServiceApplication:
    """The applicant hands in the 补正: the paused clocks run again (the paused working days
    move their due dates)."""
    require(actor, "service_application.resubmit", application)
    files = list(files or [])
    if not files and not (note or "").strip():
        raise ValidationError({"files": _("请上传补正材料或填写补正说明。")})
    check_files(files)
    data = dict(application.form_data)
    data.update(clean_form_data(form_data))
    if note:
        data[f"correction_note_{application.correction_count}"] = clean_form_data({"n": note})["n"]
    transition(
        obj=application, name="resubmit", actor=actor, comment=note,
        data={"files": len(files), "round": application.correction_count},
        set_fields={"form_data": data},
    )  # fmt: skip
    _store_files(application, files, actor=actor, round_=application.correction_count)
    clocks.resume(application, [ACCEPT, TOTAL], actor=actor)
    notices.tell_applicant(application, "resubmitted")
    if application.assignee_id:
        notices.tell_assignee(application, application.assignee, resubmitted=True)
    return application


@transaction.atomic
def review_application(*, application, actor, opinion: str) -> ServiceApplication:
    """审查: the review opinion (required); the decision clock starts."""
    opinion = (opinion or "").strip()
    transition(
        obj=application, name="review", actor=actor, comment=opinion,
        set_fields={"reviewed_at": clock.now(), "review_opinion": opinion[:5000]},
    )  # fmt: skip
    clocks.stop(application, REVIEW, actor=actor, outcome="reviewed")
    clocks.start(application, DECIDE, actor=actor)
    notices.tell_applicant(application, "reviewing")
    return application


@transaction.atomic
def decide_application(*, application, actor, decision: str, text: str = "") -> ServiceApplication:
    """决定: 准予 or 不予许可, with its text."""
    transition(
        obj=application, name="decide", actor=actor, comment=text, data={"decision": decision},
        set_fields={"decided_at": clock.now(), "decision": decision,
                    "decision_text": (text or "").strip()[:5000]},
    )  # fmt: skip
    clocks.stop(application, DECIDE, actor=actor, outcome=decision)
    notices.tell_applicant(application, "decided")
    return application


@transaction.atomic
def complete_application(
    *, application, actor, delivery_method: str = DeliveryMethod.ONLINE, comment: str = ""
) -> ServiceApplication:
    """办结: the 承诺时限 clock stops (on time or not); the delivery clock starts."""
    if delivery_method not in DeliveryMethod.values:
        raise ValidationError({"delivery_method": _("请选择送达方式。")})
    transition(
        obj=application, name="complete", actor=actor, comment=comment,
        set_fields={"completed_at": clock.now(), "delivery_method": delivery_method},
    )  # fmt: skip
    clocks.stop(application, TOTAL, actor=actor, outcome="completed")
    clocks.start(application, DELIVER, actor=actor)
    notices.tell_applicant(application, "completed")
    return application


@transaction.atomic
def deliver_application(*, application, actor, comment: str = "") -> ServiceApplication:
    """送达."""
    transition(
        obj=application, name="deliver", actor=actor, comment=comment,
        set_fields={"delivered_at": clock.now()},
    )  # fmt: skip
    clocks.stop(application, DELIVER, actor=actor, outcome="delivered")
    notices.tell_applicant(application, "delivered")
    return application


STEP_SERVICES = {
    "accept": accept_application,
    "reject": reject_application,
    "request_correction": request_correction,
    "review": review_application,
    "decide": decide_application,
    "complete": complete_application,
    "deliver": deliver_application,
}


@transaction.atomic
def assign_application(*, application, actor, assignee) -> ServiceApplication:
    """分派 to a handler who may accept applications of this agency."""
    require(actor, "service_application.assign", application)
    if assignee is not None and not can(assignee, "service_application.accept", application):
        raise ValidationError({"assignee": _("承办人须为本单位可办理办件的工作人员。")})
    application.refresh_from_db(from_queryset=ServiceApplication.objects.select_for_update())
    before = {"assignee": application.assignee_id}
    application.assignee = assignee
    application.save(update_fields=["assignee", "updated_at"])
    record_event(
        action="service_application.assign", actor=actor, obj=application,
        summary=getattr(assignee, "display_name", "") or str(assignee or ""),
        before=before, after={"assignee": application.assignee_id},
    )  # fmt: skip
    if assignee is not None and assignee != actor:
        notices.tell_assignee(application, assignee)
    return application


def _bulk(applications, act) -> tuple[list, list[tuple[object, str]]]:
    """Apply `act` to each application in its own savepoint: one refusal does not undo the
    others. Returns (done, [(application, reason), ...])."""
    done, refused = [], []
    for application in applications:
        try:
            with transaction.atomic():
                act(application)
            done.append(application)
        except (ValidationError, PermissionDenied) as exc:
            refused.append((application, "；".join(getattr(exc, "messages", [str(exc)]))))
    return done, refused


def bulk_accept(*, applications, actor) -> tuple[list, list]:
    return _bulk(applications, lambda a: accept_application(application=a, actor=actor))


def bulk_assign(*, applications, actor, assignee) -> tuple[list, list]:
    return _bulk(
        applications, lambda a: assign_application(application=a, actor=actor, assignee=assignee)
    )


__all__ = [
    "Decision",
    "accept_application",
    "assign_application",
    "bulk_accept",
    "bulk_assign",
    "complete_application",
    "decide_application",
    "deliver_application",
    "reject_application",
    "request_correction",
    "resubmit_application",
    "review_application",
    "submit_application",
]
