"""Every API error is JSON with a `detail` message in the request's language (Chinese by
default; LocaleMiddleware honours Accept-Language).

Shapes:
- 401 / 403 / 404 / 429: ``{"detail": "<message>"}`` (401 also sends `WWW-Authenticate`).
- 422 from request parsing (ninja): ``{"detail": [<pydantic errors>], "message": "<message>"}``.
- 422 from a service's Django ValidationError: ``{"detail": "<message>",
  "errors": {"<field>": ["<message>", ...]}}`` (non-field errors under ``"__all__"``).
Unexpected exceptions are left to Django (logged, 500), as everywhere else on the site."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError


class NotFound(Http404):
    """A 404 whose message (translated) is shown to the client."""


# ninja's own English defaults, replaced by our translated ones.
_NINJA_DEFAULTS = {"Unauthorized", "Forbidden", "Too many requests."}


def _default_message(status: int) -> str:
    return {
        401: _("需要身份认证：请在请求头中提供 Authorization: Bearer <接口令牌>。"),
        403: _("您没有权限执行此操作。"),
        404: _("未找到请求的资源。"),
        429: _("请求过于频繁，请稍后再试。"),
    }.get(status, _("请求无法处理。"))


def install(api) -> None:
    """Register the handlers on a NinjaAPI instance."""

    def respond(request, data, status):
        return api.create_response(request, data, status=status)

    def on_http_error(request, exc: HttpError):
        message = exc.message
        if not message or message in _NINJA_DEFAULTS:
            message = _default_message(exc.status_code)
        response = respond(request, {"detail": str(message)}, exc.status_code)
        if isinstance(exc, AuthenticationError):
            challenge = 'Bearer realm="api"'
            if request.headers.get("Authorization"):
                challenge += ', error="invalid_token"'
            response["WWW-Authenticate"] = challenge
        return response

    def on_permission_denied(request, exc: PermissionDenied):
        message = str(exc) or _default_message(403)
        return respond(request, {"detail": message}, 403)

    def on_not_found(request, exc: Http404):
        # Only our NotFound carries a message meant for users; Django's shortcuts put English
        # model names in theirs.
        message = str(exc) if isinstance(exc, NotFound) else ""
        return respond(request, {"detail": message or _default_message(404)}, 404)

    def on_request_invalid(request, exc: NinjaValidationError):
        fields = []
        for error in exc.errors:
            name = str(error.get("loc", ["", ""])[-1])
            if name and name not in fields:
                fields.append(name)
        separator = _("、")  # how a list of names is joined in the language
        message = _("请求参数有误：%(fields)s。") % {"fields": separator.join(fields) or "-"}
        return respond(request, {"detail": exc.errors, "message": message}, 422)

    def on_service_invalid(request, exc: DjangoValidationError):
        if hasattr(exc, "error_dict"):
            errors = {field: list(messages) for field, messages in exc.message_dict.items()}
        else:
            errors = {NON_FIELD_ERRORS: list(exc.messages)}
        return respond(
            request, {"detail": _("提交的数据有误，请检查后重试。"), "errors": errors}, 422
        )

    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(PermissionDenied, on_permission_denied)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(NinjaValidationError, on_request_invalid)
    api.add_exception_handler(DjangoValidationError, on_service_invalid)
