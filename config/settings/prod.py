"""Server mode: PostgreSQL, Redis, behind a TLS-terminating proxy. `check --deploy` passes."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
DEMO_DATA_ALLOWED = False
DEV_SECRET_KEY = "dev-only-insecure-key-change-me"  # base.py's default


def check_secret_key(key: str) -> None:
    """Refuse to start with a guessable key: it signs sessions, CSRF tokens and e-mailed links.
    Same rules as `check --deploy` (security.W009), but fatal."""
    problem = None
    if not key or key == DEV_SECRET_KEY or key.startswith(("dev-only", "django-insecure")):
        problem = "is not set or is a development key"
    elif len(key) < 50:
        problem = f"is {len(key)} characters long (at least 50 are needed)"
    elif len(set(key)) < 5:
        problem = f"has only {len(set(key))} different characters (at least 5 are needed)"
    if problem:
        raise ImproperlyConfigured(
            f"SECRET_KEY {problem}. Set SECRET_KEY in the environment to a long random value, "
            'e.g. the output of: python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )


check_secret_key(SECRET_KEY)  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load-balancer probes speak plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
