"""User and role administration (用户与角色) for agency administrators. Lists only the staff of
the agencies the admin may manage (access.policy.scope); every change goes through
kernel.accounts.services, whose permission checks and errors are shown on the page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.kernel.access.policy import agencies_for, can, scope
from sunshine.kernel.accounts import services
from sunshine.kernel.accounts.models import RoleGrant, User

from .access import staff_required
from .actions import run_action
from .forms import GrantRoleForm, StaffCreateForm, role_choices

PAGE_SIZE = 50


def _managed_agencies(user):
    agencies = agencies_for(user, "user.manage")
    if not agencies.exists():
        raise PermissionDenied(_("您没有管理用户与角色的权限，请联系本单位管理员。"))
    return agencies


def _managed_staff(user):
    staff = User.objects.filter(kind=User.Kind.STAFF)
    return scope(user, "user.manage", staff).select_related("agency")


def _roles_for(actor):
    return role_choices(include_global=actor.is_superuser or can(actor, "role.grant_global"))


@never_cache
@staff_required
def user_list(request):
    _managed_agencies(request.user)
    grants = Prefetch(
        "grants", queryset=RoleGrant.objects.select_related("agency").order_by("role")
    )
    staff = _managed_staff(request.user).prefetch_related(grants).order_by("agency__path", "email")
    query = request.GET.get("q", "").strip()
    if query:
        staff = staff.filter(Q(email__icontains=query) | Q(display_name__icontains=query))
    page = Paginator(staff, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workbench/users/list.html", {"page": page, "q": query})


@sensitive_post_parameters("password")
@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def user_create(request):
    agencies = _managed_agencies(request.user)
    form = StaffCreateForm(request.POST or None, agencies=agencies, roles=_roles_for(request.user))
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.create_staff_user(actor=request.user, **form.cleaned_data),
            form=form,
            success=lambda user: _("已创建工作人员账号：%(email)s") % {"email": user.email},
            redirect_to=lambda user: reverse("workbench:user_detail", args=[user.pk]),
        )
        if done:
            return done
    return render(request, "workbench/users/create.html", {"form": form})


def _target(request, pk):
    # Outside the admin's agencies the account simply does not exist for them (404).
    return get_object_or_404(_managed_staff(request.user), pk=pk)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def user_detail(request, pk):
    target = _target(request, pk)
    grant_form = GrantRoleForm(
        request.POST or None,
        agencies=agencies_for(request.user, "role.grant"),
        roles=_roles_for(request.user),
        initial={"agency": target.agency_id},
    )
    if request.method == "POST" and grant_form.is_valid():
        done = run_action(
            request,
            lambda: services.grant_role(actor=request.user, user=target, **grant_form.cleaned_data),
            form=grant_form,
            success=_("已授予角色。"),
            redirect_to=reverse("workbench:user_detail", args=[target.pk]),
        )
        if done:
            return done
    grants = target.grants.select_related("agency").order_by("agency__path", "role")
    context = {"target": target, "grants": grants, "grant_form": grant_form}
    return render(request, "workbench/users/detail.html", context)


@staff_required
@require_POST
def grant_revoke(request, pk, grant_pk):
    target = _target(request, pk)
    grant = get_object_or_404(RoleGrant.objects.select_related("agency"), pk=grant_pk, user=target)
    return run_action(
        request,
        lambda: services.revoke_role(actor=request.user, grant=grant),
        success=_("已撤销角色。"),
        redirect_to=reverse("workbench:user_detail", args=[target.pk]),
    )


@staff_required
@require_POST
def user_set_active(request, pk):
    target = _target(request, pk)
    active = request.POST.get("active") == "1"
    if target.pk == request.user.pk and not active:
        messages.error(request, _("不能停用自己的账号。"))
        return redirect("workbench:user_detail", pk=target.pk)
    return run_action(
        request,
        lambda: services.set_staff_active(actor=request.user, user=target, active=active),
        success=_("账号已启用。") if active else _("账号已停用。"),
        redirect_to=reverse("workbench:user_detail", args=[target.pk]),
    )
