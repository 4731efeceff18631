"""Staff token authentication: `Authorization: Bearer <key>`.

Tokens are issued by `sunshine.kernel.accounts.services.issue_api_token` (or
`manage.py issue_api_token EMAIL NAME`); only their hash is stored. A valid token of an account
that is not government staff is refused with 403: the API is for staff systems."""

from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import HttpBearer, SessionAuth

from sunshine.kernel.accounts.services import user_for_token

from .errors import SessionRequired


class StaffTokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        user = user_for_token(token.strip())
        if user is None:
            raise AuthenticationError(message=_("接口令牌无效或已被撤销。"))
        if not user.is_government_staff:
            raise AuthorizationError(message=_("只有工作人员可以使用接口令牌。"))
        # Code below reads the caller from request.user, as in the rest of the site.
        request.user = user
        return user


staff_token = StaffTokenAuth()


class SignedInSession(SessionAuth):
    """ninja's `django_auth` (the site's login session, CSRF-checked for writes), with a 401 that
    says to sign in rather than to send a token: for the citizen's own endpoints."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None:
            raise SessionRequired(message=_("请先登录：此接口使用本站的登录会话。"))
        return user


signed_in = SignedInSession()
