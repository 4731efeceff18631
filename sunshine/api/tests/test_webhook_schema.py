"""The webhook body kernel/notify sends is the `WebhookEvent` of the OpenAPI document."""

import datetime as dt

import pytest

from sunshine.api.webhooks import WebhookEvent
from sunshine.kernel.notify.models import Publication, Subscription
from sunshine.kernel.notify.publish import webhook_payload

pytestmark = pytest.mark.django_db


def test_the_openapi_document_has_the_webhook_and_the_payload_matches_it(client):
    doc = client.get("/api/v1/openapi.json").json()
    component = doc["components"]["schemas"]["WebhookEvent"]
    post = doc["webhooks"]["publication"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/WebhookEvent"
    )
    assert {p["name"] for p in post["parameters"]} >= {"X-Sunshine-Signature", "Idempotency-Key"}
    publication = Publication(
        item="record.3",
        version="2",
        topics=["record.3", "column.zcwj"],
        title="标题",
        summary="",
        url="/zcwj/3/",
        created_at=dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC),
    )
    payload = webhook_payload(publication, Subscription(pk=9, topic="column.zcwj"), "k")
    assert set(payload) == set(component["properties"]) == set(component["required"])
    WebhookEvent.model_validate(payload)  # raises if a field's type drifts
