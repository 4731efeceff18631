"""Every answer under /api/ that is not a success is JSON of one shape, with the message in the
request's language (Chinese by default; LocaleMiddleware honours Accept-Language):

    {"detail": "<message>"}                                  401 403 404 405 409 429 500 503
    {"detail": "<message>", "errors": {"<field>": ["<message>", …]}}                     422

- 401 also sends `WWW-Authenticate`; 405 sends `Allow`; 429 and 503 send `Retry-After`.
- 422 comes from request parsing (ninja: the fields as the client named them, e.g. "limit" or
  "speakers.0.name"; also the parser's entries under "issues", and "message", the same text as
  "detail", kept for older clients) or from a service's ValidationError (its field names;
  non-field errors under "__all__").
- 503: the database cannot be reached (OperationalError / InterfaceError); logged.
- 500: any other unexpected exception (logged by Django as everywhere on the site).

The shapes are the OpenAPI components `ApiError` and `ApiValidationError`; `document` lists the
error answers on every operation of the description (see api.py)."""

import logging
import sys

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger("sunshine.api")

API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = 30  # after a database outage (Retry-After of the 503)


class NotFound(Http404):
    """A 404 whose message (translated) is shown to the client."""


class SessionRequired(AuthenticationError):
    """401 of an endpoint that takes the signed-in session (auth.signed_in), not a token."""


# ninja's own English defaults, replaced by our translated ones.
_NINJA_DEFAULTS = {"Unauthorized", "Forbidden", "Too many requests.", "CSRF check Failed"}


def default_message(status: int) -> str:
    return {
        401: _("需要身份认证：请在请求头中提供 Authorization: Bearer <接口令牌>。"),
        403: _("您没有权限执行此操作。"),
        404: _("未找到请求的资源。"),
        405: _("该地址不支持此请求方法。"),
        409: _("与现有数据冲突，请刷新后重试。"),
        422: _("提交的数据有误，请检查后重试。"),
        429: _("请求过于频繁，请稍后再试。"),
        500: _("服务器内部错误，请稍后再试。"),
        503: _("服务暂时不可用（数据库无法访问），请稍后再试。"),
    }.get(status, _("请求无法处理。"))


def csrf_message() -> str:
    return _("请求未通过 CSRF 校验：使用登录会话调用接口时须带上 X-CSRFToken 请求头。")


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def json_error(status: int, message: str = "", **extra) -> JsonResponse:
    """An error answer of the common shape, outside ninja (URL catch-alls, handler500)."""
    response = JsonResponse(
        {"detail": message or default_message(status), **extra},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@csrf_exempt  # changes nothing: a POST to a wrong address is a 404, not a CSRF failure
def not_found(request, *args, **kwargs):
    """Any address under /api/ that no endpoint answers."""
    return json_error(404)


def server_error(request, *args, **kwargs):
    """handler500 (config/urls.py): JSON under /api/ (503 when the database is unreachable),
    the site's own error page elsewhere. Django calls it while handling the exception."""
    if not is_api(request):
        return defaults.server_error(request, *args, **kwargs)
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return json_error(503)
    return json_error(500)


def _field_path(loc: list[str]) -> list[str]:
    """("query", "limit") → ["limit"]; ("body", "payload", "speakers", "0", "name") →
    ["speakers", "0", "name"]: the field as the client sent it."""
    if loc and loc[0] in {"query", "path", "header", "cookie", "form", "file"}:
        return loc[1:]
    if loc and loc[0] == "body":
        return loc[2:] if len(loc) > 2 else loc[1:]
    return loc


def install(api) -> None:
    """Register the handlers on a NinjaAPI instance."""

    def respond(request, data, status):
        return api.create_response(request, data, status=status)

    def on_http_error(request, exc: HttpError):
        message = exc.message
        if exc.status_code == 400 and str(message).startswith("Cannot parse request body"):
            # ninja's answer to a body that is not JSON: bad input, like any other → 422.
            message = _("请求体无法解析：应为有效的 JSON 数据。")
            return respond(request, {"detail": message, "errors": {"body": [message]}}, 422)
        if message == "CSRF check Failed":
            message = csrf_message()
        elif not message or message in _NINJA_DEFAULTS:
            message = default_message(exc.status_code)
        response = respond(request, {"detail": str(message)}, exc.status_code)
        if isinstance(exc, SessionRequired):
            response["WWW-Authenticate"] = 'Session realm="sunshine"'
        elif isinstance(exc, AuthenticationError):
            challenge = 'Bearer realm="api"'
            if request.headers.get("Authorization"):
                challenge += ', error="invalid_token"'
            response["WWW-Authenticate"] = challenge
        return response

    def on_permission_denied(request, exc: PermissionDenied):
        message = str(exc) or default_message(403)
        return respond(request, {"detail": message}, 403)

    def on_not_found(request, exc: Http404):
        # Only our NotFound carries a message meant for users; Django's shortcuts put English
        # model names in theirs.
        message = str(exc) if isinstance(exc, NotFound) else ""
        return respond(request, {"detail": message or default_message(404)}, 404)

    def on_request_invalid(request, exc: NinjaValidationError):
        errors: dict[str, list[str]] = {}
        issues = []
        for error in exc.errors:
            loc = [str(part) for part in error.get("loc", [])]
            name = ".".join(_field_path(loc)) or NON_FIELD_ERRORS
            errors.setdefault(name, []).append(str(error.get("msg", "")))
            issues.append({"loc": loc, "msg": str(error.get("msg", "")), "type": error.get("type")})
        separator = _("、")  # how a list of names is joined in the language
        message = _("请求参数有误：%(fields)s。") % {"fields": separator.join(errors) or "-"}
        body = {"detail": message, "errors": errors, "issues": issues, "message": message}
        return respond(request, body, 422)

    def on_service_invalid(request, exc: DjangoValidationError):
        if hasattr(exc, "error_dict"):
            errors = {field: list(messages) for field, messages in exc.message_dict.items()}
        else:
            errors = {NON_FIELD_ERRORS: list(exc.messages)}
        return respond(request, {"detail": default_message(422), "errors": errors}, 422)

    def on_database_unavailable(request, exc: Exception):
        logger.error("database unavailable: %s %s", request.method, request.path, exc_info=exc)
        response = respond(request, {"detail": default_message(503)}, 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(PermissionDenied, on_permission_denied)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(NinjaValidationError, on_request_invalid)
    api.add_exception_handler(DjangoValidationError, on_service_invalid)
    api.add_exception_handler(OperationalError, on_database_unavailable)
    api.add_exception_handler(InterfaceError, on_database_unavailable)


# --- OpenAPI -----------------------------------------------------------------------------

ERROR_SCHEMA = {
    "title": "ApiError",
    "type": "object",
    "description": "Every error answer: `detail`, the message in the request's language.",
    "properties": {"detail": {"type": "string", "title": "Detail"}},
    "required": ["detail"],
}
VALIDATION_ERROR_SCHEMA = {
    "title": "ApiValidationError",
    "type": "object",
    "description": (
        "422: `detail`, and `errors` by field (`__all__`: not about one field); a request "
        "that could not be parsed also has the parser's `issues`."
    ),
    "properties": {
        "detail": {"type": "string", "title": "Detail"},
        "errors": {
            "type": "object",
            "title": "Errors",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        "message": {"type": "string", "title": "Message"},
        "issues": {
            "type": "array",
            "title": "Issues",
            "items": {
                "type": "object",
                "properties": {
                    "loc": {"type": "array", "items": {"type": "string"}},
                    "msg": {"type": "string"},
                    "type": {"type": ["string", "null"]},
                },
            },
        },
    },
    "required": ["detail", "errors"],
}

_DESCRIPTIONS = {
    401: "没有或无效的接口令牌 / Missing or invalid credentials",
    403: "无权执行，或 CSRF 校验未通过 / Not allowed (or CSRF failure for session calls)",
    404: "对象不存在或不在权限范围内 / Not found",
    409: "与现有数据冲突 / Conflict with the current state",
    422: "请求或提交的数据有误 / Invalid request or refused by a rule",
    429: "请求过于频繁 / Too many requests (see Retry-After)",
    503: "数据库暂时无法访问 / Database unavailable (see Retry-After)",
}


def _response(status: int) -> dict:
    name = "ApiValidationError" if status == 422 else "ApiError"
    answer = {
        "description": _DESCRIPTIONS[status],
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
    }
    if status in {429, 503}:
        answer["headers"] = {
            "Retry-After": {"description": "seconds", "schema": {"type": "integer"}}
        }
    return answer


def document(schema: dict, operations: dict) -> dict:
    """Add the error components and each operation's possible error answers to an OpenAPI
    description. `operations` maps an operationId to a dict of what the operation has:
    `auth` (token or session), `throttled`."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ApiError"] = ERROR_SCHEMA
    components["ApiValidationError"] = VALIDATION_ERROR_SCHEMA
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            info = operations.get(operation.get("operationId"), {})
            statuses = {404, 422, 503}  # 404: also a query's id that names nothing
            if info.get("auth"):
                statuses |= {401, 403}
            if info.get("throttled"):
                statuses.add(429)
            statuses |= set(info.get("also", ()))
            responses = operation["responses"]
            for status in sorted(statuses):
                responses.setdefault(str(status), _response(status))
    return schema
