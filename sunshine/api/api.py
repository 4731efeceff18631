"""The one NinjaAPI instance behind /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at
/api/v1/docs, served from our own static files because `ninja` is in INSTALLED_APPS).

Endpoints live in routers, one per module, listed in `sunshine.api.routers.ROUTERS`."""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from . import errors, webhooks
from .renderers import UnicodeJSONRenderer
from .routers import ROUTERS


class SunshineAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        # "agencies_list_agencies" rather than "sunshine_api_routers_agencies_list_agencies":
        # client generators turn these into method names.
        module = operation.view_func.__module__.rsplit(".", 1)[-1]
        return f"{module}_{operation.view_func.__name__}"

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        operations = {}
        for bound in self._get_bound_routers():
            for path_view in bound.path_operations.values():
                for operation in path_view.operations:
                    operations[self.get_openapi_operation_id(operation)] = {
                        "auth": bool(operation.auth_callbacks),
                        "throttled": bool(operation.throttle_objects),
                    }
        schema = webhooks.document(schema)  # the webhook kernel/notify sends
        return errors.document(schema, operations)


api = SunshineAPI(
    title="Sunshine API",
    version="1",
    description=_(
        "阳光政务平台数据接口。公开接口无需认证；工作人员接口使用 "
        "`Authorization: Bearer <接口令牌>`（`manage.py issue_api_token` 签发）。"
    ),
    urls_namespace="api",
    renderer=UnicodeJSONRenderer(),
)
errors.install(api)
for prefix, router in ROUTERS:
    api.add_router(prefix, router)
