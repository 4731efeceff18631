"""`manage.py extract_metadata` on a decompression bomb: a clear message and a non-zero exit,
in bounded time, through the kernel's bounded extraction."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sunshine.kernel.files.testing import make_docx_bomb, make_pdf_pages

ROOT = Path(__file__).resolve().parents[4]


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "通知.docx"
    path.write_bytes(make_docx_bomb(300 * 1024 * 1024))
    return path


def test_command_refuses_a_docx_bomb_clearly(bomb):
    started = time.monotonic()
    with pytest.raises(CommandError, match="文件过大，未提取文字：解压后共 300.0\xa0MB"):
        call_command("extract_metadata", str(bomb))
    assert time.monotonic() - started < 5


def test_command_refuses_a_pdf_with_too_many_pages(tmp_path, settings):
    settings.FILE_EXTRACT_LIMITS = {"max_pdf_pages": 50}
    path = tmp_path / "many.pdf"
    path.write_bytes(make_pdf_pages(51))
    with pytest.raises(CommandError, match="共 51 页，超过上限 50 页"):
        call_command("extract_metadata", str(path), "--json")


def test_command_exits_non_zero_with_the_message_on_stderr(bomb):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.test")
    done = subprocess.run(
        [sys.executable, "manage.py", "extract_metadata", str(bomb)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "文件过大，未提取文字" in done.stderr
    assert "超过上限 200.0\xa0MB" in done.stderr
    assert done.stdout == ""
