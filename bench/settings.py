"""Production settings plus the benchmark URL, used by bench/http.sh only while config/urls.py
does not include sunshine.api.bench_urls itself. Nothing else differs from config.settings.prod."""

from config.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
