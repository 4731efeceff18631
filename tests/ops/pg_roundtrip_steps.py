"""Steps of tests/ops/test_backup_postgres_own_server.py, run in a subprocess whose
DATABASE_URL points at the test's own PostgreSQL server: `load DIR` migrates the kernel apps,
stores data and files, prints the checksums and backs up into DIR; `restore DIR` wipes the
database and the files, restores DIR and prints the checksums again."""

import json
import shutil
import sys

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402

from sunshine.kernel.backup.database import live_checksums  # noqa: E402
from sunshine.kernel.backup.testing import tree_checksums, wipe_database  # noqa: E402


def load(directory: str) -> None:
    for app in ("accounts", "audit", "files", "jobs", "django_tasks_database", "sessions"):
        call_command("migrate", app, verbosity=0)
    from sunshine.kernel.files.services import store_attachment
    from sunshine.kernel.files.testing import make_docx, make_pdf
    from sunshine.testing.factories import AgencyFactory, CitizenFactory, UserFactory

    agency = AgencyFactory(name="广东省交通运输厅")
    user = UserFactory(agency=agency, display_name="李四")
    CitizenFactory.create_batch(3)
    for name, content in (
        ("通知.pdf", make_pdf([["关于阳光政务平台建设的通知"]])),
        ("方案.docx", make_docx(["阳光政务平台建设方案"])),
    ):
        store_attachment(
            owner=agency, uploaded_file=SimpleUploadedFile(name, content), actor=user, extract="no"
        )
    report()
    call_command("backup", directory, verbosity=0)


def restore(directory: str) -> None:
    wipe_database()
    shutil.rmtree(settings.MEDIA_ROOT)
    call_command("restore", directory, verbosity=0)
    report()


def report() -> None:
    state = {"tables": live_checksums()["tables"], "files": tree_checksums(settings.MEDIA_ROOT)}
    print("CHECKSUMS " + json.dumps(state))


if __name__ == "__main__":
    {"load": load, "restore": restore}[sys.argv[1]](sys.argv[2])
