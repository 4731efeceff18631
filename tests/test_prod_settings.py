"""Production settings refuse to start with a weak SECRET_KEY (each case imports the settings
in a fresh interpreter with the environment a server would have)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV_KEY = "dev-only-insecure-key-change-me"


def _import_prod(tmp_path, secret_key: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    env["SUNSHINE_VAR_DIR"] = str(tmp_path)
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key
    return subprocess.run(
        [sys.executable, "-c", "import config.settings.prod as s; print(len(s.SECRET_KEY))"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "key,why",
    [
        (None, "development key"),
        (DEV_KEY, "development key"),
        ("django-insecure-" + secrets.token_urlsafe(50), "development key"),
        (secrets.token_urlsafe(30), "characters long (at least 50"),
        ("ab" * 40, "only 2 different characters"),
        ("abcd" * 20, "only 4 different characters"),
    ],
    ids=["unset", "dev key", "django-insecure", "short", "2 characters", "4 characters"],
)
def test_weak_keys_are_refused_with_a_clear_message(tmp_path, key, why):
    result = _import_prod(tmp_path, key)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and why in result.stderr
    assert "token_urlsafe" in result.stderr  # says how to make a good one


def test_a_long_random_key_starts(tmp_path):
    key = secrets.token_urlsafe(50)
    result = _import_prod(tmp_path, key)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(len(key))
