"""Webhooks against a real HTTP server started by the test (http.server in a thread): signed
JSON, the same idempotency key on every retry, backoff, dead letter and replay."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from sunshine.kernel.jobs.testing import make_deferred_tasks_due, run_worker_batch
from sunshine.kernel.notify.delivery import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, verify
from sunshine.kernel.notify.follow import replay_delivery, subscribe_webhook
from sunshine.kernel.notify.models import Delivery
from sunshine.kernel.notify.publish import announce
from sunshine.kernel.notify.tasks import WEBHOOK_MAX_ATTEMPTS
from sunshine.testing.factories import AgencyFactory, staff_with

pytestmark = pytest.mark.django_db(transaction=True)


class Receiver:
    """An endpoint that answers 500 to the first `fail` calls, then 204."""

    def __init__(self, fail: int):
        self.fail, self.calls = fail, []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.calls.append((dict(self.headers), body))
                self.send_response(500 if len(receiver.calls) <= receiver.fail else 204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/sunshine"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def operator():
    return staff_with("sysadmin", AgencyFactory())


def _publish():
    with transaction.atomic():
        announce(
            item="dataset.7",
            version="1",
            title="全省公交线路数据",
            url="/sjkf/bus-lines/",
            topics=["column.sjkf", "agency.3"],
        )


def test_private_urls_are_refused_unless_the_setting_allows(operator, settings):
    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = False
    for url in ("http://127.0.0.1:9/x", "http://10.0.0.8/x", "ftp://example.org/x"):
        with pytest.raises(ValidationError):
            subscribe_webhook(actor=operator, topic="column.sjkf", url=url)


def test_a_failing_then_recovering_endpoint_gets_one_signed_event(operator, settings):
    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = True
    receiver = Receiver(fail=2)
    try:
        sub = subscribe_webhook(actor=operator, topic="column.sjkf", url=receiver.url)
        _publish()
        run_worker_batch()  # fan-out, send job: first call fails (500)
        delivery = Delivery.objects.get(channel="webhook")
        assert (delivery.status, delivery.attempts) == ("queued", 1)
        assert "HTTP 500" in delivery.last_error
        for _ in range(3):
            make_deferred_tasks_due()
            run_worker_batch()
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 3, "")
        assert len(receiver.calls) == 3
        keys = {headers[IDEMPOTENCY_HEADER] for headers, _body in receiver.calls}
        assert keys == {delivery.idempotency_key}  # the receiver can drop repeats
        headers, body = receiver.calls[-1]
        assert verify(sub.webhook_secret, body, headers[SIGNATURE_HEADER])
        assert not verify("wrong secret", body, headers[SIGNATURE_HEADER])
        assert not verify(sub.webhook_secret, body + b" ", headers[SIGNATURE_HEADER])
        event = json.loads(body)
        assert event["item"] == "dataset.7" and event["title"] == "全省公交线路数据"
        assert event["url"] == "https://www.gd.gov.cn/sjkf/bus-lines/"
        assert event["topic"] == "column.sjkf" and event["id"] == delivery.idempotency_key
    finally:
        receiver.close()


def test_after_the_last_attempt_it_is_a_dead_letter_that_staff_can_replay(operator, settings):
    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = True
    receiver = Receiver(fail=WEBHOOK_MAX_ATTEMPTS)
    try:
        subscribe_webhook(actor=operator, topic="agency.3", url=receiver.url)
        _publish()
        run_worker_batch()
        for _ in range(WEBHOOK_MAX_ATTEMPTS + 2):  # more rounds than attempts: it stops
            make_deferred_tasks_due()
            run_worker_batch()
        delivery = Delivery.objects.get(channel="webhook")
        assert (delivery.status, delivery.attempts) == ("failed", WEBHOOK_MAX_ATTEMPTS)
        assert len(receiver.calls) == WEBHOOK_MAX_ATTEMPTS
        replay_delivery(actor=operator, delivery=delivery)
        run_worker_batch()
        delivery.refresh_from_db()
        assert delivery.status == "sent"
        assert len(receiver.calls) == WEBHOOK_MAX_ATTEMPTS + 1
    finally:
        receiver.close()
