"""Synonyms and abbreviations at query time (synonyms.py), partial 文号 (keys.py), "did you
mean" (suggest.py) and the query counts (services.record_query), on the database of the run
(SQLite by default, PostgreSQL with DATABASE_URL)."""

import datetime as dt
import unicodedata

import pytest

from sunshine.kernel import clock
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.search import services, synonyms
from sunshine.kernel.search.keys import parse_keys
from sunshine.kernel.search.models import SearchQueryCount
from sunshine.kernel.search.query import search
from sunshine.kernel.search.selectors import popular_queries
from sunshine.testing.factories import staff_with


def ids(results):
    return [hit.object_id for hit in results.hits]


def test_shipped_abbreviations_find_the_full_names(index):
    index(1, "关于调整社会保险缴费基数的通知")
    index(2, "网络预约出租汽车经营服务管理暂行办法")
    index(3, "住房公积金提取业务指南")
    index(4, "关于个人所得税专项附加扣除的公告")
    index(5, "城镇职工基本医疗保险办法")
    index(6, "关于做好不动产登记工作的通知")
    index(7, "企业开办指南", "申领营业执照须提交以下材料。")
    for q, expected in [
        ("社保", "1"), ("网约车", "2"), ("公积金", "3"), ("个税", "4"), ("医保", "5"),
        ("房产登记", "6"), ("工商执照", "7"),
    ]:  # fmt: skip
        assert ids(search(q)) == [expected], q
    # ... and the other way round, with other words of the query still required.
    index(8, "社保卡申领流程", "社保 缴费 查询")
    assert set(ids(search("社会保险"))) == {"1", "8"}
    assert ids(search("社保 缴费基数")) == ["1"]


def test_words_as_typed_rank_first_within_title_and_body(index):
    filler = "各地各部门要加强组织领导，明确责任分工，确保各项工作落到实处。" * 4
    index(1, "关于做好社会保险工作的通知", filler)  # title, synonym
    index(2, "社保经办服务规范", filler)  # title, as typed
    index(3, "关于加强基层服务的意见", filler + "做好社会保险经办。")  # body, synonym
    index(4, "关于优化营商环境的意见", filler + "做好社保经办。")  # body, as typed
    index(5, "关于推进政务公开的通知", filler)  # neither
    assert ids(search("社保")) == ["2", "1", "4", "3"]
    results = search("社保")
    assert "<mark>社会保险</mark>" in results.hits[1].title  # the synonym is marked too


def test_staff_synonym_takes_effect_at_once(index, province, django_capture_on_commit_callbacks):
    admin = staff_with(Role.SYSADMIN, province["root"])
    index(1, "广东省健康码使用指南")
    assert search("粤康码").total == 0  # the table of this version is now built
    with django_capture_on_commit_callbacks(execute=True):
        group = services.add_synonym_group(words="健康码 粤康码", note="疫情期间", actor=admin)
    assert group.words == "健康码 粤康码"
    assert ids(search("粤康码")) == ["1"]
    event = AuditEvent.objects.get(action="search.synonyms.add")
    assert event.object_id == str(group.pk) and event.actor == admin
    # Switched off: gone at once too, and the audit trail says so.
    with django_capture_on_commit_callbacks(execute=True):
        services.change_synonym_group(group=group, words=group.words, is_active=False,
                                      actor=admin)  # fmt: skip
    assert search("粤康码").total == 0
    assert AuditEvent.objects.filter(action="search.synonyms.change").count() == 1


def test_staff_synonym_refusals(province, officer):
    admin = staff_with(Role.SYSADMIN, province["root"])
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):  # a department's 公开办 does not maintain them
        services.add_synonym_group(words="健康码 粤康码", actor=officer)
    for words in ["健康码", "健康码 健康码", "健康码 码", "健康码 粤康码!", "社会保险 社保"]:
        with pytest.raises(ValidationError):
            services.add_synonym_group(words=words, actor=admin)
    assert synonyms.clean_words("ＡＢ码，粤康码、 粤康码") == ["ab码", "粤康码"]


@pytest.mark.parametrize(
    "q",
    [
        "629号", "６２９号", "〔2016〕629号", "粤办函〔2016〕", "粤办函[2016]629", "粤办函[2016]629号",
        "粤办函【2016】629号", "粤办函（２０１６）６２９号", "粤办函(2016)0629号", "粤办函〔2016",
        "粤办函［2016］",
    ],
)  # fmt: skip
def test_partial_doc_numbers(index, q):
    index(1, "关于推进阳光政务建设工作的通知", doc_number="粤办函〔2016〕629号")
    index(2, "关于政务服务的通知", doc_number="粤办函〔2016〕1629号")
    index(3, "关于印发工作要点的通知", doc_number="粤府办〔2017〕629号", date=dt.date(2015, 1, 1))
    results = search(q)
    assert results.hits and results.hits[0].exact, q
    if q in ("629号", "６２９号"):
        assert ids(results) == ["1", "3"]  # any 机关代字 and year, not 1629号
    elif "629" in unicodedata.normalize("NFKC", q):
        assert ids(results) == ["1"]
    else:  # the year's 文号 of that 机关代字
        assert set(ids(results)) == {"1", "2"}


def test_doc_number_ends_are_parsed_apart_from_whole_numbers():
    keys = parse_keys("粤府办〔2016〕1号 629号")
    assert keys.doc_exact[0] == "粤府办〔2016〕1号"
    assert keys.doc_suffixes == ("〕629号", "第629号")
    assert not parse_keys("629").doc_suffixes  # a bare number is a word
    assert parse_keys("国务院令第708号").doc_exact[0] == "国务院令第708号"


def test_did_you_mean_corrects_a_word_from_the_dictionaries(index):
    index(1, "住房公积金提取业务指南")
    results = search("住房公基金")
    assert results.total == 0
    assert "住房公积金" in results.corrections
    index(2, "社会保险费征缴暂行条例")
    assert "社保" in search("社宝").corrections
    # A correction that would find nothing is not offered.
    assert search("火星探测").corrections == []


def test_query_counts_feed_popular_searches_without_personal_data(db):
    for _ in range(3):
        assert services.record_query("社保  卡", found=True)
    services.record_query("网约车", found=True)
    services.record_query("网约车", found=True)
    services.record_query("火星探测", found=False)
    services.record_query("火星探测", found=False)
    services.record_query("社保卡", found=True)  # once: not popular
    assert not services.record_query("44010619800101123X", found=True)
    assert not services.record_query("13800138000", found=False)
    assert not services.record_query("someone@example.com", found=False)
    row = SearchQueryCount.objects.get(query="社保 卡")
    assert (row.searches, row.found, row.day) == (3, 3, clock.today())
    assert popular_queries() == ["社保 卡", "网约车"]
    assert SearchQueryCount.objects.count() == 4
    assert services.prune_query_counts() == 0
