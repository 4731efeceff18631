"""Embedded default: `make run` on one machine."""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "1") == "1"
DEMO_DATA_ALLOWED = True
if not os.environ.get("EMAIL_HOST"):
    # No SMTP server on a laptop: mail goes to files under var/mail.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"  # noqa: F405
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "http://127.0.0.1:8000")
# The demo's second site of the cluster (sunshine/demo/sites_data.py).
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "www.gz.gov.cn"]  # noqa: F405
