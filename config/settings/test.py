"""pytest: the same database engine as the run mode (SQLite by default, PostgreSQL when
DATABASE_URL is set), fast password hashing.

Under pytest-xdist each worker (PYTEST_XDIST_WORKER = gw0, gw1, …) gets its own var/ directory
(uploads, locks, the jieba cache) and its own Redis database, because tests clear the cache and
write files; pytest-django gives each worker its own test database. This runs before base.py
reads the environment."""

import os
import re

_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker:
    _index = int(re.sub(r"\D", "", _worker) or 0)
    _var = os.environ.get("SUNSHINE_VAR_DIR") or os.path.join(
        os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "var"
    )
    os.environ["SUNSHINE_VAR_DIR"] = os.path.join(_var, f"xdist-{_worker}")
    _redis = os.environ.get("REDIS_URL", "")
    if _redis:
        # redis://host:port/<db>: worker n uses db - n (CI uses 15, so 15, 14, …).
        match = re.match(r"^(.*/)(\d+)$", _redis)
        base_url, db = (match.group(1), int(match.group(2))) if match else (_redis + "/", 15)
        os.environ["REDIS_URL"] = f"{base_url}{max(db - _index, 0)}"

from .base import *  # noqa: E402, F403

DEBUG = False
DEMO_DATA_ALLOWED = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# On PostgreSQL the tests' flushes use DELETE, not TRUNCATE (sunshine/testing/db/postgresql).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "sunshine.testing.db.postgresql"  # noqa: F405
