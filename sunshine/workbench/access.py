"""Who may open the workbench (signed-in, active government staff only), and the cached
"may the user do this anywhere" that menus, queues and pages ask several times a request."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def staff_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.is_government_staff:
            raise PermissionDenied(
                _("工作台仅供政府工作人员使用。公众用户请前往个人中心办理业务。")
            )
        return view(request, *args, **kwargs)

    return wrapper


def may_anywhere(user, action: str) -> bool:
    """`can_anywhere`, remembered on the user object (one request) per action."""
    from sunshine.kernel.access.policy import can_anywhere

    answers = user.__dict__.setdefault("_workbench_may", {})
    if action not in answers:
        answers[action] = bool(user.is_authenticated and can_anywhere(user, action))
    return answers[action]
