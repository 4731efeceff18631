"""datastore_search answered from the index (ResourceCell): the same rows and totals as a
plain reading of the rows would give, on whatever database the tests run on."""

import json
import random

import pytest

from sunshine.opendata.datasets import datastore, selectors
from sunshine.opendata.datasets.datastore import DatastoreError
from sunshine.opendata.datasets.datastore_index import positions, to_bitmap
from sunshine.opendata.datasets.models import ResourceBitmap, ResourceCell
from sunshine.testing.factories.opendata import make_dataset

pytestmark = pytest.mark.django_db

CITIES = ["广州市", "深圳市", "珠海市", "汕头市", "佛山市", "韶关市", "河源市"]
KINDS = ["交通", "公路", "教育", "医疗", "就业"]
FIELDS = [
    {"name": "id", "title": "编号", "type": "integer"},
    {"name": "city", "title": "城市", "type": "string"},
    {"name": "kind", "title": "类别", "type": "string"},
    {"name": "amount", "title": "金额", "type": "number"},
    {"name": "open", "title": "开放", "type": "boolean"},
]


def table_rows(n: int) -> list[list]:
    rng = random.Random(14)
    rows = []
    for i in range(1, n + 1):
        amount = rng.choice(["1.5", "2", "2.0", "300", ""])  # "2" and "2.0" are one number
        rows.append([str(i), CITIES[i % 7], KINDS[(i * 3) % 5], amount, "是" if i % 3 else "否"])
    return rows


@pytest.fixture
def table(data_admin, transport):
    dataset = make_dataset(data_admin, transport, name="table", fields=FIELDS, rows=table_rows(400))
    return dataset.resources.get()


def expected(rows: list[dict], filters: dict, words: list[str]) -> list[int]:
    """The rownums a plain reading of the rows gives (the old scan's rule, word by word)."""
    out = []
    for row in rows:
        ok = all(
            row.get(k) in (v if isinstance(v, list) else [v]) for k, v in filters.items()
        ) and all(any(w in str(x).lower() for x in row.values() if x is not None) for w in words)
        if ok:
            out.append(row["_id"])
    return out


def test_filters_and_q_give_what_reading_the_rows_gives(table):
    everything = selectors.datastore_search(table, limit=1000).records
    assert len(everything) == 400 and ResourceCell.objects.filter(resource=table).exists()
    # Frequent values (≥ 64 rows here) have a bitmap, the others only index entries: the
    # cases below mix both.
    dense = set(ResourceBitmap.objects.filter(resource=table).values_list("field", "value"))
    assert ("kind", "教育") in dense and ("open", "true") in dense
    assert ("city", "广州市") not in dense
    rng = random.Random(7)
    cases = [
        ({"city": "广州市"}, []),
        ({"city": ["广州市", "珠海市"]}, []),
        ({"city": "深圳市", "kind": "教育"}, []),
        ({"city": ["深圳市", "佛山市"], "kind": ["交通", "医疗"], "open": True}, []),
        ({"amount": 2.0}, []),
        ({"kind": "公路"}, ["深圳市"]),
        ({}, ["广州市", "交通"]),
        ({"open": False}, []),
        ({"city": "广州市", "kind": "教育", "amount": 300.0, "open": True}, []),
        ({"id": [7, 14, 22], "city": "广州市"}, []),  # 3 candidates probed in 57
    ]
    for filters, words in cases:
        want = expected(everything, filters, words)
        assert want, (filters, words)  # every case matches something
        for offset, limit in [(0, 100), (3, 5), (rng.randrange(len(want)), 7), (len(want), 5)]:
            page = selectors.datastore_search(
                table, filters=filters, q=" ".join(words), offset=offset, limit=limit
            )
            assert page.total == len(want), (filters, words)
            assert [r["_id"] for r in page.records] == want[offset : offset + limit]
            assert page.total_was_estimated is False
    # A page is the rows themselves, typed by the schema.
    first = selectors.datastore_search(table, filters={"city": "广州市"}, limit=1).records[0]
    assert first == everything[first["_id"] - 1] and isinstance(first["id"], int)


def test_filter_values_are_typed_by_the_schema(table):
    as_text = selectors.datastore_search(table, filters={"amount": "2"})
    as_number = selectors.datastore_search(table, filters={"amount": 2})
    assert as_text.total == as_number.total > 0
    assert {r["amount"] for r in as_text.records} == {2.0}
    assert selectors.datastore_search(table, filters={"open": "否"}).total == 133  # i % 3 == 0
    assert selectors.datastore_search(table, filters={"id": "17"}).records[0]["_id"] == 17
    assert selectors.datastore_search(table, filters={"city": "北京市"}).total == 0
    assert selectors.datastore_search(table, filters={"city": []}).total == 0


def test_id_filter_q_prefix_and_no_total(table):
    page = selectors.datastore_search(table, filters={"_id": [5, 12, 19, 900], "city": "韶关市"})
    assert [r["_id"] for r in page.records] == [5, 12, 19] and page.total == 3  # i % 7 == 5
    # One character: the words starting with it (深圳市, 深圳).
    assert selectors.datastore_search(table, q="深").total == len(
        expected(selectors.datastore_search(table, limit=1000).records, {"city": "深圳市"}, [])
    )
    page = selectors.datastore_search(table, filters={"city": "广州市"}, include_total=False)
    assert page.total is None and len(page.records) == 57
    with pytest.raises(DatastoreError):
        selectors.datastore_search(table, filters={"_id": "x"})


def test_total_estimation_threshold(table):
    filters = {"city": ["广州市", "深圳市", "珠海市"], "kind": ["交通", "公路", "教育"]}
    exact = selectors.datastore_search(table, filters=filters, limit=10)
    assert exact.total_was_estimated is False
    # Above the threshold: an estimate (independence of the fields), the same page.
    estimated = selectors.datastore_search(
        table, filters=filters, limit=10, total_estimation_threshold=10
    )
    assert estimated.total_was_estimated is True and estimated.records == exact.records
    assert estimated.total == round(400 * (172 / 400) * (240 / 400))
    # Below it, or one condition (its count is exact and cheap): the exact total.
    for kwargs in [
        {"filters": filters, "total_estimation_threshold": 10_000},
        {"filters": {"city": "广州市"}, "total_estimation_threshold": 0},
        {"total_estimation_threshold": 0},
    ]:
        page = selectors.datastore_search(table, **kwargs)
        assert page.total_was_estimated is False


def test_reloading_replaces_the_index_and_deleting_removes_it(data_admin, transport, table):
    dataset = table.dataset
    before = ResourceCell.objects.filter(resource=table).count()
    datastore.load_rows(table, ["id", "city"], [["1", "拉萨市"]], {"id": "integer"})
    assert ResourceCell.objects.filter(resource=table).count() < before
    assert selectors.datastore_search(table, filters={"city": "拉萨市"}).total == 1
    assert selectors.datastore_search(table, filters={"city": "广州市"}).total == 0
    table.delete()
    assert not ResourceCell.objects.filter(resource_id=table.pk).exists()
    assert dataset.pk


def test_api_reports_the_estimate(client, table):
    filters = json.dumps({"city": ["广州市", "深圳市"], "kind": ["交通", "教育"]})
    url = f"/api/3/action/datastore_search?resource_id={table.uuid}&filters={filters}"
    exact = client.get(url).json()["result"]
    assert exact["total_was_estimated"] is False and exact["total_estimation_threshold"] is None
    estimated = client.get(url + "&total_estimation_threshold=5").json()["result"]
    assert estimated["total_was_estimated"] is True
    assert estimated["total_estimation_threshold"] == 5
    assert estimated["records"] == exact["records"]
    bad = client.get(url + "&total_estimation_threshold=x")
    assert bad.status_code == 409


def test_bitmap_positions_skip_blocks():
    rng = random.Random(3)
    rownums = sorted(rng.sample(range(1, 200_000), 3000))
    bits = int.from_bytes(to_bitmap(rownums, 200_000), "little")
    assert bits.bit_count() == 3000 and positions(bits) == rownums
    for offset, limit in [(0, 10), (1234, 100), (2990, 100), (3000, 5)]:
        assert positions(bits, offset, limit) == rownums[offset : offset + limit]
