"""Who may open the workbench: signed-in, active government staff only."""

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
