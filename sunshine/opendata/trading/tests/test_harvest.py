"""Harvest of a trading platform's feed: CSV and JSON, idempotent by source id + version (a
re-import updates, never duplicates), a report of created / updated / unchanged / failed with
each failed row's column, the FileJob upload, and the HTTP pull against a local server."""

import datetime as dt
import http.server
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.clock import frozen
from sunshine.kernel.files.models import FileJob
from sunshine.kernel.search.query import search
from sunshine.opendata.trading import harvest
from sunshine.opendata.trading.models import Announcement, FeedSource, TradingProject

from .factories import csv_bytes, feed_row, json_bytes, result_row

pytestmark = pytest.mark.django_db


def _import(gov, rows, fmt="csv", actor=None):
    data = csv_bytes(rows) if fmt == "csv" else json_bytes(rows)
    return harvest.import_feed(data=data, fmt=fmt, platform="gdggzy", actor=actor or gov["editor"])


def _counts(report):
    return {k: report[k] for k in ("created", "updated", "unchanged", "failed")}


def test_csv_import_is_idempotent_and_a_higher_version_updates(gov):
    market = gov["market"]
    rows = [feed_row(market), result_row(market)]
    first = _import(gov, rows)
    assert _counts(first) == {"created": 2, "updated": 0, "unchanged": 0, "failed": 0}
    project = TradingProject.objects.get()
    assert (project.stage, project.category, str(project.budget)) == (
        "result",
        "procurement",
        "12800000.00",
    )
    assert (project.first_published_on, project.last_published_on) == (
        dt.date(2026, 9, 1),
        dt.date(2026, 9, 25),
    )
    again = _import(gov, rows, fmt="json")  # the same rows as JSON: nothing new
    assert _counts(again) == {"created": 0, "updated": 0, "unchanged": 2, "failed": 0}
    changed = result_row(market, version=2, amount="11900000")
    stale = feed_row(market, version=1, notice_title="旧版本")  # same version, other content
    report = _import(gov, [changed, stale])
    assert _counts(report) == {"created": 0, "updated": 1, "unchanged": 0, "failed": 1}
    assert report["row_errors"][0]["row"] == 3 and report["row_errors"][0]["column"] == "version"
    notice = Announcement.objects.get(source_id="GD-N-2")
    assert (notice.version, str(notice.amount)) == (2, "11900000.00")
    older = _import(gov, [result_row(market, version=1)])  # an older version: left alone
    assert older["unchanged"] == 1 and Announcement.objects.count() == 2
    assert TradingProject.objects.count() == 1
    assert AuditEvent.objects.filter(action="trading.import").count() == 4
    found = search("广州康华医疗器械有限公司", doc_types=["trading"])
    assert [h.object_id for h in found.hits] == [str(project.pk)]


def test_bad_rows_fail_alone_naming_the_column(gov):
    market = gov["market"]
    bad = feed_row(
        market, project="GD-P-9", notice="GD-N-9", category="拍卖", published_on="2026/9/1"
    )
    unknown = feed_row(market, project="GD-P-8", notice="GD-N-8", supervisor_code="NOPE")
    other = feed_row(gov["env"], project="GD-P-7", notice="GD-N-7")  # not the editor's agency
    code = result_row(market, winner_credit_code="91440101MA5AB12340")
    report = _import(gov, [feed_row(market), bad, unknown, other, code])
    assert _counts(report) == {"created": 1, "updated": 0, "unchanged": 0, "failed": 4}
    cells = {(e["row"], e["column"]) for e in report["row_errors"]}
    assert cells == {
        (3, "category"),
        (3, "published_on"),
        (4, "supervisor_code"),
        (5, "supervisor_code"),
        (6, "winner_credit_code"),
    }


def test_a_file_that_cannot_be_read_is_refused_as_a_whole(gov):
    for data, fmt in ((b"{not json", "json"), (b"\xff\xfe", "csv"), (b"a,b\n1,2\n", "csv")):
        with pytest.raises(ValidationError):
            harvest.import_feed(data=data, fmt=fmt, platform="gdggzy", actor=gov["editor"])
    with pytest.raises(ValidationError):
        harvest.import_feed(data=b"[]", fmt="json", platform="GD GGZY", actor=gov["editor"])


def test_an_upload_runs_as_a_file_job_with_its_report(gov):
    upload = SimpleUploadedFile(
        "feed.csv", csv_bytes([feed_row(gov["market"]), result_row(gov["market"])])
    )
    job = harvest.start_upload_import(
        actor=gov["editor"], agency=gov["market"], platform="gdggzy", fmt="csv",
        uploaded_file=upload,
    )  # fmt: skip
    assert job.kind == "trading.import" and job.state == FileJob.State.QUEUED
    assert harvest.run_upload_job(job.pk) == "done"
    job.refresh_from_db()
    assert job.state == FileJob.State.DONE and job.report["created"] == 2
    assert harvest.run_upload_job(job.pk) == "gone"  # a re-run of an ended job does nothing


class _Feed(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self):
        if self.path != "/feed.json":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(type(self).body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 18201), _Feed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_http_pull_on_the_sources_schedule(gov, feed_server):
    market = gov["market"]
    _Feed.body = json_bytes([feed_row(market), result_row(market), feed_row(gov["env"], project="X", notice="Y")])  # fmt: skip
    with frozen(dt.datetime(2026, 9, 28, 8, 0)):
        with pytest.raises(ValidationError) as refused:
            harvest.create_feed_source(
                actor=gov["editor"], agency=market, name="", platform="gdggzy",
                url="ftp://x", cron="every hour",
            )  # fmt: skip
        assert set(refused.value.message_dict) == {"name", "url", "cron"}
        source = harvest.create_feed_source(
            actor=gov["editor"], agency=market, name="广东省公共资源交易平台",
            platform="gdggzy", url="http://127.0.0.1:18201/feed.json", cron="0 9 * * *",
        )  # fmt: skip
    with frozen(dt.datetime(2026, 9, 28, 8, 59)):  # its 09:00 has not come yet
        assert harvest.pull_due_feeds() == {"pulled": 0, "failed": 0}
    with frozen(dt.datetime(2026, 9, 28, 9, 5)):
        assert harvest.pull_due_feeds() == {"pulled": 1, "failed": 0}
        source.refresh_from_db()
        # The env row is outside the source's agency: failed; the others created.
        assert (source.last_report["created"], source.last_report["failed"]) == (2, 1)
        assert harvest.pull_due_feeds() == {"pulled": 0, "failed": 0}  # not due again yet
    with frozen(dt.datetime(2026, 9, 29, 9, 1)):
        assert harvest.pull_due_feeds() == {"pulled": 1, "failed": 0}
    source.refresh_from_db()
    assert source.last_report["unchanged"] == 2 and TradingProject.objects.count() == 1
    FeedSource.objects.filter(pk=source.pk).update(url="http://127.0.0.1:18201/missing.json")
    source.refresh_from_db()
    with pytest.raises(ValidationError):
        harvest.pull_source(source=source, actor=gov["editor"])
    source.refresh_from_db()
    assert "404" in source.last_error
