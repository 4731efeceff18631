from django.contrib import admin
from django.urls import include, path, re_path

from sunshine.api import errors as api_errors
from sunshine.api.health import healthz

# JSON under /api/ (503 when the database is unreachable), the site's error page elsewhere.
handler500 = "sunshine.api.errors.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("sunshine.kernel.accounts.urls")),
    path("workbench/clocks/", include("sunshine.workbench.clocks.urls")),
    path("workbench/calendar/", include("sunshine.workbench.calendar.urls")),
    path("workbench/inbox/", include("sunshine.workbench.inbox.urls")),
    path("workbench/", include("sunshine.workbench.urls")),
    path("api/v1/", include("sunshine.api.urls")),
    path("api/", include("sunshine.api.ckan.urls")),  # CKAN Action API of 数据开放 (/api/3/action/)
    re_path(r"^api/", api_errors.not_found),  # another version, or no version: JSON 404
    path("", include("sunshine.api.bench_urls")),  # empty unless SUNSHINE_BENCH=1
    path("", include("sunshine.portal.urls")),
]
