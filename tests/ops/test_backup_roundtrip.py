"""Backup → wipe → restore with every kind of data the platform holds, on the database the
suite runs on (SQLite in CI phase 1, PostgreSQL in phase 2): published and unpublished 政策文件
(workflow, versions, clocks, the search index: FTS5 tables on SQLite), citizen messages from
the taidi2020 data, 依申请公开 requests with their clocks, attachments with real PDF/DOCX
files, the audit chain. Every table's checksum and every file's sha256 must come back equal,
and the restored platform must work (search finds the published record, the audit chain
verifies)."""

import csv
import shutil
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from sunshine.kernel.audit.services import verify_chain
from sunshine.kernel.backup.database import live_checksums
from sunshine.kernel.backup.testing import tree_checksums, wipe_database
from sunshine.kernel.files.services import store_attachment
from sunshine.kernel.files.testing import make_docx, make_pdf
from sunshine.kernel.search.query import search
from sunshine.testing.factories import AgencyFactory
from sunshine.testing.factories.foi import InfoRequestFactory
from sunshine.testing.factories.messages import submit
from sunshine.testing.factories.records import make_people, one_of_each

pytestmark = pytest.mark.django_db(transaction=True)

TAIDI = Path("/work/shared/data/taidi2020/labelled_dev.csv")


def taidi_messages(n: int) -> list[tuple[str, str]]:
    if not TAIDI.exists():
        return [(f"第{i}条留言：小区停车难", "小区车位不足，请求规划。") for i in range(n)]
    with TAIDI.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:n]
    return [(r["留言主题"][:60], " ".join(r["留言详情"].split())[:1500]) for r in rows]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def platform(media):
    agency = AgencyFactory(name="广东省交通运输厅")
    people = make_people(agency)
    records = one_of_each(people)
    record = records["public"]
    for name, content in (
        ("通知.pdf", make_pdf([["关于阳光政务平台建设的通知", "各地级以上市人民政府："]])),
        ("附件.docx", make_docx(["阳光政务平台建设方案"])),
    ):
        store_attachment(
            owner=record,
            uploaded_file=SimpleUploadedFile(name, content),
            actor=people["drafter"],
            extract="now",
        )
    for subject, body in taidi_messages(12):
        submit(agency=agency, subject=subject, body=body)
    for _ in range(3):
        InfoRequestFactory(agency=agency)
    return {"record": record}


def test_backup_wipe_restore_brings_back_every_table_and_file(platform, media, tmp_path):
    tables, files = live_checksums()["tables"], tree_checksums(media)
    populated = {name for name, t in tables.items() if t["rows"]}
    assert {"files_attachment", "audit_auditevent", "citizen_messages_message"} <= populated
    assert len(files) == 2
    hits_before = search("政策文件").total

    call_command("backup", str(tmp_path / "bk"))
    wipe_database()
    shutil.rmtree(media)
    call_command("restore", str(tmp_path / "bk"))

    assert live_checksums()["tables"] == tables
    assert tree_checksums(media) == files
    assert hits_before >= 1 and search("政策文件").total == hits_before
    assert verify_chain().ok
