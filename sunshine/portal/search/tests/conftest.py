import datetime as dt

import pytest

from sunshine.disclosure.records import importing, indexing

# title, 公开主体 key, 文号, 成文日期, topic, kind
DOCS = [
    ("广东省人民政府办公厅关于推进阳光政务建设工作的通知", "office", "粤府办〔2016〕1号",
     dt.date(2016, 12, 12), "general", "notice"),
    ("广东省人民政府办公厅关于做好政务公开培训的通知", "office", "粤府办〔2016〕2号",
     dt.date(2016, 5, 3), "general", "notice"),
    ("广东省人民政府办公厅关于优化营商环境的意见", "office", "粤府办〔2017〕3号",
     dt.date(2017, 2, 1), "economy", "opinion"),
    ("广东省交通运输厅关于高速公路收费站管理的通知", "transport", "粤交〔2016〕5号",
     dt.date(2016, 8, 8), "industry", "notice"),
]  # fmt: skip
SEED_BODY = (
    "为贯彻落实省阳光政务建设经验推介现场会精神，推广省交通运输厅深入推进政务公开、打造阳光政务"
    "体系的经验做法，全面推进我省阳光政务建设工作。"
)


def publish(agency, title, *, doc_number="", written=dt.date(2016, 1, 4), topic="general",
            kind="notice", body="", index=True):  # fmt: skip
    return importing.import_published_record(
        actor=None, agency=agency, title=title, doc_number=doc_number, date_written=written,
        date_published=written + dt.timedelta(days=3), topic=topic, kind=kind, body=body,
        index=False,
    )  # fmt: skip


@pytest.fixture
def docs(province):
    """Four public records (indexed), the first one the seed notice."""
    records = []
    for title, agency, number, written, topic, kind in DOCS:
        records.append(publish(province[agency], title, doc_number=number, written=written,
                               topic=topic, kind=kind, body=SEED_BODY if not records else ""))  # fmt: skip
    indexing.index_records()
    return records


@pytest.fixture
def api():
    """The search API's URL."""
    return "/api/v1/search"
