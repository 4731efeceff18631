"""The site's URLconf with the benchmark view in front (see bench/settings.py)."""

from django.urls import include, path

from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("", include("sunshine.api.bench_urls")), *site_urlpatterns]
