"""Property: whatever records exist, in whatever state and 公开属性, the public surfaces of this
package — the list, the detail pages, the attachments, the Atom feed, the sitemap and the public
API — show exactly the published 主动公开 records, never another."""

import re
from xml.etree import ElementTree as ET

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sunshine.disclosure.records import services
from sunshine.disclosure.records.models import DisclosureRecord
from sunshine.kernel.files.selectors import attachments_for
from sunshine.kernel.files.services import store_attachment
from sunshine.kernel.files.testing import upload
from sunshine.testing.factories.records import record_in

from .feedcheck import A

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
RECORDS_API = "/api/v1/records"

specs = st.lists(
    st.fixed_dictionaries(
        {
            "mode": st.sampled_from(["proactive", "on_request", "withheld"]),
            "target": st.sampled_from(
                [
                    "draft",
                    "submitted",
                    "reviewed",
                    "signed_off",
                    "scheduled",
                    "published",
                    "withdrawn",
                ]
            ),
            "after": st.sampled_from(["", "revise", "repeal"]),
        }
    ),
    min_size=1,
    max_size=3,
)


def build(people, spec, n):
    target = spec["target"]
    if spec["mode"] != "proactive" and target in ("scheduled", "published", "withdrawn"):
        target = "filed"  # the workflow refuses to publish them anyway
    record = record_in(target, people, mode=spec["mode"], title=f"文件{n}-{spec['mode']}-{target}")
    store_attachment(
        owner=record, uploaded_file=upload("附件.txt", "附件".encode()), actor=None, extract="no"
    )
    if record.state == "published" and spec["after"] == "revise":
        services.revise(record=record, actor=people["approver"], change_note="修订", body="新")
    elif record.state in ("published", "filed") and spec["after"] == "repeal":
        services.repeal(record=record, actor=people["approver"], comment="废止")
    return record


def ids_in(pattern: str, text: str) -> set[int]:
    return {int(m) for m in re.findall(pattern, text)}


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batch=specs)
def test_only_public_records_reach_the_public(client, people, batch):
    start = DisclosureRecord.objects.count()
    for n, spec in enumerate(batch):
        build(people, spec, start + n)
    cache.clear()  # the anonymous page cache would show the previous example
    everything = list(DisclosureRecord.objects.all())
    public = {
        r.pk for r in everything if r.state == "published" and r.disclosure_mode == "proactive"
    }

    listing = "".join(
        client.get("/zcwj/", {"page": p}).content.decode()
        for p in range(1, 2 + len(everything) // 20)
    )
    assert ids_in(r'href="/zcwj/(\d+)/"', listing) == public
    feed = ET.fromstring(client.get("/zcwj/feed.atom").content)
    feed_ids = {int(e.findtext(A + "id").rsplit("/", 1)[1]) for e in feed.findall(A + "entry")}
    assert feed_ids == public
    sitemap = client.get("/sitemap.xml").content.decode()
    assert ids_in(r"/zcwj/(\d+)/</loc>", sitemap) == public
    api = client.get(RECORDS_API, {"limit": 100}).json()
    assert {item["id"] for item in api["items"]} == public and api["count"] == len(public)
    for record in everything:
        expected = 200 if record.pk in public else 404
        assert client.get(f"/zcwj/{record.pk}/").status_code == expected
        assert client.get(f"{RECORDS_API}/{record.pk}").status_code == expected
        attachment = attachments_for(record).first()
        assert client.get(f"/zcwj/{record.pk}/files/{attachment.pk}/").status_code == expected
