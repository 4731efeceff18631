"""Staff pages of 网民留言: the queue (reply deadline colours), one message with its actions
(派单, 转办, 错派退回, 答复, 延期, 公开, 不予受理) and history, the supervisors' overdue list
(督办) and the national-check list of messages unanswered for more than 3 months. Thin: reads
through the scoped selectors (what a user may not see is a 404), writes through services."""

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.kernel.access.policy import can, can_anywhere
from sunshine.kernel.duban.selectors import orders_for
from sunshine.kernel.files.selectors import attachments_for
from sunshine.participation.messages import selectors, services
from sunshine.participation.messages.categories import CATEGORIES
from sunshine.participation.messages.workflow import MessageState

from ..access import staff_required
from ..actions import run_action
from . import forms
from .registry import may_view

PAGE_SIZE = 30
S = MessageState

# action -> (form class, permission, states, service call)
ACTS = {
    "assign": (
        forms.AssignForm,
        "message.assign",
        (S.SUBMITTED, S.RETURNED),
        lambda m, u, d: services.assign_message(
            message=m, actor=u, agency=d["agency"], category=d["category"], comment=d["comment"]
        ),
    ),
    "transfer": (
        forms.TransferForm,
        "message.transfer",
        (S.ASSIGNED,),
        lambda m, u, d: services.transfer_message(
            message=m, actor=u, agency=d["agency"], category=d["category"], reason=d["reason"]
        ),
    ),
    "category": (
        forms.CategoryForm,
        "message.reply",
        (S.ASSIGNED,),
        lambda m, u, d: services.confirm_category(message=m, actor=u, category=d["category"]),
    ),
    "return": (
        forms.ReasonForm,
        "message.return",
        (S.ASSIGNED,),
        lambda m, u, d: services.return_misrouted(message=m, actor=u, reason=d["reason"]),
    ),
    "reject": (
        forms.ReasonForm,
        "message.reject",
        (S.SUBMITTED, S.RETURNED),
        lambda m, u, d: services.reject_message(message=m, actor=u, reason=d["reason"]),
    ),
    "reply": (
        forms.ReplyForm,
        "message.reply",
        (S.ASSIGNED,),
        lambda m, u, d: services.reply_to_message(
            message=m, actor=u, body=d["body"], publish=d["publish"]
        ),
    ),
    "extend": (
        forms.ExtendForm,
        "message.extend",
        (S.ASSIGNED,),
        lambda m, u, d: services.extend_message(
            message=m, actor=u, length=d["length"], reason=d["reason"]
        ),
    ),
    "publish": (
        forms.PublishForm,
        "message.publish",
        (S.REPLIED, S.CLOSED),
        lambda m, u, d: services.publish_message(message=m, actor=u, **d),
    ),
}
# action -> (heading, button): each form is named by its verb, never a bare 提交.
LABELS = {
    "assign": (gettext_lazy("派单"), gettext_lazy("派单")),
    "transfer": (gettext_lazy("转办"), gettext_lazy("转办")),
    "category": (gettext_lazy("确认分类"), gettext_lazy("确认分类")),
    "return": (gettext_lazy("错派退回"), gettext_lazy("退回办公厅")),
    "reject": (gettext_lazy("不予受理"), gettext_lazy("不予受理")),
    "reply": (gettext_lazy("答复"), gettext_lazy("答复")),
    "extend": (gettext_lazy("延期"), gettext_lazy("延长答复期限")),
    "publish": (gettext_lazy("公开"), gettext_lazy("保存公开设置")),
}


def _done(act: str, data: dict) -> str:
    """What was done, in words that name it (已转办至 X), for the success message."""
    agency = getattr(data.get("agency"), "name", "")
    if act == "assign":
        return _("已派单至%(agency)s。") % {"agency": agency}
    if act == "transfer":
        return _("已转办至%(agency)s。") % {"agency": agency}
    if act == "category":
        return _("已确认分类：%(category)s。") % {"category": data.get("category")}
    if act == "return":
        return _("已退回办公厅重新分派。")
    if act == "reject":
        return _("已不予受理，并告知留言人。")
    if act == "reply":
        return _("已答复，并通知留言人。")
    if act == "extend":
        return _("答复期限已延长 %(n)s 个工作日。") % {"n": data.get("length")}
    if data.get("published"):
        return _("已在网站公开（个人信息已隐去）。")
    return _("已取消公开。")


def _require_view(user) -> None:
    if not may_view(user):
        raise PermissionDenied(_("您没有办理网民留言的权限。"))


def _message(request, pk):
    message = selectors.staff_message(request.user, pk)
    if message is None:
        raise Http404(_("该留言不存在，或不在您的权限范围内。"))
    return message


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@never_cache
@staff_required
def message_queue(request):
    _require_view(request.user)
    g = request.GET
    state = g.get("state", "open")
    if state not in ("open", "unrouted", "all", *S.values):
        state = "open"
    urgency = g.get("urgency", "")
    filters = selectors.QueueFilters(
        state=state,
        agency=_int(g.get("agency")),
        category=g.get("category", "") if g.get("category") in CATEGORIES else "",
        q=g.get("q", "").strip()[:50],
        urgency=urgency if urgency in ("overdue", "due_soon") else "",
    )
    page = Paginator(selectors.staff_queue(request.user, filters), PAGE_SIZE).get_page(
        g.get("page")
    )
    page.object_list = selectors.with_reply_urgency(page.object_list)
    query = g.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "filters": filters,
        "states": [("open", _("办理中")), ("unrouted", _("待分派")), ("all", _("全部"))]
        + list(S.choices),
        "categories": CATEGORIES,
        "agencies": selectors.queue_agencies(request.user),
        "query": query.urlencode(),
        "is_supervisor": can_anywhere(request.user, "message.supervise"),
        "bulk_form": forms.BulkAssignForm()
        if filters.state == "unrouted" and can_anywhere(request.user, "message.assign")
        else None,
    }
    return render(request, "workbench/messages/queue.html", context)


@staff_required
@require_POST
def message_bulk_assign(request):
    """派单 several unrouted messages to one agency (each through assign_message)."""
    _require_view(request.user)
    form = forms.BulkAssignForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                flash.error(request, error)
        return redirect(reverse("workbench:messages_queue") + "?state=unrouted")
    done, refused = 0, []
    for pk in form.cleaned_data["ids"]:
        message = selectors.staff_message(request.user, pk)
        if message is None:
            continue
        try:
            services.assign_message(
                message=message, agency=form.cleaned_data["agency"], actor=request.user
            )
            done += 1
        except (ValidationError, PermissionDenied) as exc:
            reasons = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            refused.append(f"{pk}：{'；'.join(reasons)}")
    if done:
        flash.success(request, _("已派单 %(n)s 条。") % {"n": done})
    for line in refused:
        flash.error(request, line)
    return redirect(reverse("workbench:messages_queue") + "?state=unrouted")


@never_cache
@staff_required
def message_overdue(request):
    """For supervisors: overdue messages across agencies (督办) and the national veto list."""
    if not can_anywhere(request.user, "message.supervise"):
        raise PermissionDenied(_("仅督查人员可查看跨单位逾期留言。"))
    overdue = list(selectors.overdue_messages(request.user)[:200])
    unanswered = list(selectors.long_unanswered(request.user)[:200])
    context = {"overdue": overdue, "unanswered": unanswered}
    return render(request, "workbench/messages/overdue.html", context)


def _forms_for(user, message, bound=None):
    """The action forms the user may use in the message's state (bound: the one refused)."""
    out = {}
    for name, (form_class, action, states, _call) in ACTS.items():
        if message.state not in states or not can(user, action, message):
            continue
        if bound is not None and bound[0] == name:
            out[name] = bound[1]
            continue
        initial = {}
        if name == "assign":
            initial = {"agency": message.suggested_agency_id, "category": message.category}
        elif name == "publish":
            initial = {"published": not message.is_published}
        out[name] = form_class(initial=initial, prefix=name)
    return out


def _detail(request, message, bound=None, status=200):
    user = request.user
    blocked = {a.name: a.blocked_by for a in selectors.actions_for(message, user) if a.blocked_by}
    forms_ = _forms_for(user, message, bound)
    context = {
        "message": message,
        "urgency": getattr(message, "reply_urgency", None),
        "attachments": list(attachments_for(message)),
        "replies": list(message.replies.all()),
        "forms": forms_,
        "actions": [
            {"name": n, "form": f, "heading": LABELS[n][0], "button": LABELS[n][1]}
            for n, f in forms_.items()
        ],
        "blocked": blocked,
        "history": selectors.message_history(message),
        "orders": list(orders_for(message)),
        "may_supervise": can(user, "message.supervise", message) and message.agency_id,
    }
    return render(request, "workbench/messages/detail.html", context, status=status)


@never_cache
@staff_required
def message_detail(request, pk):
    _require_view(request.user)
    return _detail(request, _message(request, pk))


@staff_required
@require_POST
def message_act(request, pk, act):
    _require_view(request.user)
    message = _message(request, pk)
    if act not in ACTS:
        raise Http404(_("没有这个操作。"))
    form_class, _action, _states, call = ACTS[act]
    form = form_class(request.POST, prefix=act)
    if form.is_valid():

        def next_page(_result) -> str:
            if selectors.staff_message(request.user, pk) is None:  # out of the user's scope now
                return reverse("workbench:messages_queue")
            return reverse("workbench:messages_detail", args=[pk])

        done = run_action(
            request,
            lambda: call(message, request.user, form.cleaned_data),
            form=form,
            success=lambda _result: _done(act, form.cleaned_data),
            redirect_to=next_page,
        )
        if done:
            return done
    message = _message(request, pk)
    return _detail(request, message, bound=(act, form), status=400)


@staff_required
def message_file(request, pk, attachment_pk):
    _require_view(request.user)
    message = _message(request, pk)
    attachment = attachments_for(message).filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404(_("该附件不存在。"))
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.mime_type,
        as_attachment=True,
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
