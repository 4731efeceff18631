"""Backup and restore of the database and the uploaded files, on the database the suite runs
on (SQLite, or PostgreSQL with DATABASE_URL: CI runs both). Kernel data only here; the round
trip with every domain's data is tests/ops/test_backup_roundtrip.py."""

import json
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from sunshine.kernel.backup.database import live_checksums
from sunshine.kernel.backup.services import FILES_DIR, MANIFEST, verify_backup
from sunshine.kernel.backup.testing import tree_checksums, wipe_database
from sunshine.kernel.files.services import store_attachment
from sunshine.kernel.files.testing import make_pdf
from sunshine.testing.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def data(media):
    agency = AgencyFactory(name="广东省交通运输厅")
    user = UserFactory(display_name="张三", agency=agency)
    for n in range(3):
        upload = SimpleUploadedFile(
            f"通知{n}.pdf", make_pdf([[f"关于第{n}批道路运输许可的通知"]]), "application/pdf"
        )
        store_attachment(owner=agency, uploaded_file=upload, actor=user, extract="no")
    (media / "gazette" / "2026").mkdir(parents=True)
    (media / "gazette" / "2026" / "第1期.pdf").write_bytes(make_pdf([["广东省人民政府公报"]]))
    return {"agency": agency, "user": user}


def test_round_trip_restores_every_table_and_file_exactly(data, media, tmp_path):
    before_tables = live_checksums()["tables"]
    before_files = tree_checksums(media)
    assert len(before_files) == 4 and before_tables["files_attachment"]["rows"] == 3

    call_command("backup", str(tmp_path / "bk"))
    manifest = json.loads((tmp_path / "bk" / MANIFEST).read_text())
    assert manifest["vendor"] == connection.vendor
    assert manifest["database"]["tables"] == before_tables
    assert {k: v["sha256"] for k, v in manifest["files"]["media"].items()} == before_files

    wipe_database()
    shutil.rmtree(media)
    assert not set(live_checksums()["tables"]) - {"sqlite_sequence"}  # SQLite keeps that one

    call_command("restore", str(tmp_path / "bk"))
    assert live_checksums()["tables"] == before_tables
    assert tree_checksums(media) == before_files
    # The ORM works on the restored database as before.
    from sunshine.kernel.files.models import Attachment

    assert sorted(Attachment.objects.values_list("original_name", flat=True)) == [
        "通知0.pdf",
        "通知1.pdf",
        "通知2.pdf",
    ]
    assert Attachment.objects.first().file.read()[:5] == b"%PDF-"


def test_restore_refuses_a_non_empty_target_unless_forced(data, media, tmp_path):
    call_command("backup", str(tmp_path / "bk"))
    before = live_checksums()["tables"]
    AgencyFactory(name="备份之后新建的机关")
    (media / "later.txt").write_text("备份之后的文件")
    with pytest.raises(CommandError, match="恢复目标不为空.*--force"):
        call_command("restore", str(tmp_path / "bk"))
    assert (media / "later.txt").exists()  # nothing was touched

    call_command("restore", str(tmp_path / "bk"), force=True)
    assert live_checksums()["tables"] == before
    assert not (media / "later.txt").exists()


def test_restore_refuses_a_backup_that_does_not_verify(data, media, tmp_path):
    backup = tmp_path / "bk"
    call_command("backup", str(backup))
    before = live_checksums()["tables"]
    verify_backup(backup)  # intact
    attachment = next((backup / FILES_DIR / "media" / "attachments").rglob("*.pdf"))
    attachment.write_bytes(attachment.read_bytes() + b"\n")
    (backup / FILES_DIR / "media" / "extra.txt").write_text("不在清单中")
    with pytest.raises(CommandError, match="校验失败（2 处）") as refused:
        call_command("restore", str(backup), force=True)
    assert "文件内容与清单不符" in str(refused.value) and "清单中没有的文件" in str(refused.value)
    with pytest.raises(CommandError, match="校验失败"):
        call_command("restore", str(backup), check=True)
    assert live_checksums()["tables"] == before  # refused before touching anything

    db_file = backup / json.loads((backup / MANIFEST).read_text())["database"]["file"]
    db_file.write_bytes(b"\0" + db_file.read_bytes()[1:])
    (backup / MANIFEST).unlink()
    with pytest.raises(CommandError, match="缺少 manifest.json"):
        call_command("restore", str(backup), force=True)


def test_backup_refuses_a_non_empty_directory_and_leaves_no_partial_backup(data, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "keep.txt").write_text("旧备份")
    with pytest.raises(CommandError, match="已存在且不为空"):
        call_command("backup", str(tmp_path / "old"))
    assert [p.name for p in (tmp_path / "old").iterdir()] == ["keep.txt"]
    (tmp_path / "empty").mkdir()
    call_command("backup", str(tmp_path / "empty"))
    assert (tmp_path / "empty" / MANIFEST).exists()
    assert not list(tmp_path.glob("*.partial"))


def test_restore_refuses_a_backup_of_another_database_vendor(data, tmp_path):
    backup = tmp_path / "bk"
    call_command("backup", str(backup))
    manifest = json.loads((backup / MANIFEST).read_text())
    manifest["vendor"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    (backup / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="不能恢复到"):
        call_command("restore", str(backup), force=True)


def test_restore_checks_every_table_afterwards(data, tmp_path):
    """The manifest says what the tables must hold; a restore that does not give exactly that
    (here: a manifest edited by hand) ends with an error naming the table."""
    backup = tmp_path / "bk"
    call_command("backup", str(backup))
    manifest = json.loads((backup / MANIFEST).read_text())
    manifest["database"]["tables"]["orgs_agency"]["sha256"] = "0" * 64
    manifest["database"]["tables"]["accounts_user"]["rows"] += 1
    (backup / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="与备份清单不一致") as failed:
        call_command("restore", str(backup), force=True)
    assert "数据表 orgs_agency 行数相同" in str(failed.value)
    assert "数据表 accounts_user 有 1 行，备份中为 2 行" in str(failed.value)


def test_restore_clears_the_cache(data, tmp_path):
    from django.core.cache import cache

    call_command("backup", str(tmp_path / "bk"))
    cache.set("site:www.gd.gov.cn", "before the restore")
    call_command("restore", str(tmp_path / "bk"), force=True)
    assert cache.get("site:www.gd.gov.cn") is None
