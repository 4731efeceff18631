"""Account pages: sign in/out, registration of citizens and enterprises, and the public
user's own profile (查看、下载、注销). Every write goes through services.py."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.kernel.access.ratelimit import over_limit

from . import services, unlock
from .backends import lock_message
from .forms import (
    CitizenRegistrationForm,
    DeleteAccountForm,
    EnterpriseRegistrationForm,
    LoginForm,
    attach_errors,
)

BACKEND = "sunshine.kernel.accounts.backends.ThrottledEmailBackend"


def _next_url(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _home_for(user) -> str:
    if user.is_government_staff:
        return reverse("workbench:dashboard")
    return reverse("accounts:me")


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request):
    if request.user.is_authenticated and request.method == "GET" and not _next_url(request):
        return redirect(_home_for(request.user))
    form = LoginForm(request.POST or None)
    throttled_email = ""
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        # The backend refuses a throttled attempt with LoginLocked, which Django's
        # authenticate() turns into None: ask why, so that the user is told when to retry
        # (and offered the unlock link) rather than that the password is wrong.
        user = authenticate(request, email=email, password=form.cleaned_data["password"])
        if user is None:
            throttled = lock_message(email, request)
            form.add_error(None, throttled or _("电子邮箱或密码不正确。"))
            throttled_email = email if throttled else ""
        else:
            login(request, user)
            return HttpResponseRedirect(_next_url(request) or _home_for(user))
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "next": _next_url(request) or "",
            "column_name": _("用户登录"),
            "throttled_email": throttled_email,
            "unlock_minutes": unlock.valid_minutes(),
        },
    )


UNLOCK_REQUESTS_PER_HOUR = 10  # per client: the form sends mail


@never_cache
@require_POST
def unlock_request(request):
    """Send the unlock link for the address typed (if it has an account); the same answer
    whether or not it does."""
    email = (request.POST.get("email") or "").strip()
    if over_limit(request, "accounts.unlock", limit=UNLOCK_REQUESTS_PER_HOUR, window=3600):
        messages.error(request, _("申请解锁链接过于频繁，请一小时后再试。"))
    elif email:
        unlock.request_unlock(email=email, request=request)
        messages.info(
            request,
            _(
                "如果该邮箱已注册，我们已向其发送登录解锁链接（%(minutes)d分钟内有效）。"
                "请查收邮件，通过链接登录。"
            )
            % {"minutes": unlock.valid_minutes()},
        )
    return redirect("accounts:login")


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def unlock_login(request, token):
    """The page an unlock link opens: the account's password, throttling skipped."""
    context = {"column_name": _("登录解锁"), "token": token}
    try:
        link = unlock.unlock_for(token)
    except ValidationError as exc:
        context["problem"] = exc.messages[0]
        return render(request, "accounts/unlock.html", context, status=410)
    context["email"] = link.user.email
    if request.method == "POST":
        try:
            user = unlock.sign_in_with_unlock(
                token=token, password=request.POST.get("password", ""), request=request
            )
        except ValidationError as exc:
            context["error"] = exc.messages[0]
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, _("已通过解锁链接登录。"))
            return redirect(_home_for(user))
    return render(request, "accounts/unlock.html", context)


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("您已安全退出。"))
    return redirect(settings.LOGOUT_REDIRECT_URL)


REGISTRATIONS_PER_HOUR = 10  # per client: a whole office behind one address still fits


def _register(request, form_class, service, template, title):
    form = form_class(request.POST or None)
    if request.method == "POST" and over_limit(
        request, "accounts.register", limit=REGISTRATIONS_PER_HOUR, window=3600
    ):
        form.is_valid()  # keep the typed values and show their errors too
        form.add_error(None, _("注册过于频繁，请一小时后再试。"))
    elif request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "password2"}
        try:
            user = service(**data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, _("注册成功，欢迎您！"))
            return redirect("accounts:me")
    return render(request, template, {"form": form, "column_name": title})


@sensitive_post_parameters("password", "password2", "id_number")
@never_cache
@require_http_methods(["GET", "POST"])
def register_citizen(request):
    return _register(
        request,
        CitizenRegistrationForm,
        services.register_citizen,
        "accounts/register_citizen.html",
        _("个人用户注册"),
    )


@sensitive_post_parameters("password", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def register_enterprise(request):
    return _register(
        request,
        EnterpriseRegistrationForm,
        services.register_enterprise,
        "accounts/register_enterprise.html",
        _("法人用户注册"),
    )


@login_required
@never_cache
def me(request):
    if request.user.is_government_staff:
        return redirect("workbench:dashboard")
    return render(request, "accounts/me.html", {"column_name": _("个人中心")})


@login_required
@never_cache
def export_data(request):
    if request.user.is_government_staff:
        raise PermissionDenied(_("工作人员账号不提供此功能。"))
    payload = services.export_own_data(user=request.user)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@sensitive_post_parameters("password")
@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_own_account(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as exc:
            attach_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            logout(request)
            messages.success(request, _("您的账号已注销，个人信息已删除。"))
            return redirect("portal:home")
    return render(request, "accounts/delete.html", {"form": form, "column_name": _("注销账号")})
