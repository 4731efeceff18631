"""URLs for bench/http.sh, empty unless SUNSHINE_BENCH=1. config/urls.py includes this module
before the portal: `path("", include("sunshine.api.bench_urls")),`."""

import os

from django.urls import path

urlpatterns = []
if os.environ.get("SUNSHINE_BENCH") == "1":
    from . import bench_views

    urlpatterns = [path("__bench__/home-copy", bench_views.home_copy, name="bench-home-copy")]
