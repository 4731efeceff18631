from sunshine.kernel.search import segment
from sunshine.kernel.search.keys import normalize_doc_number, parse_keys


def test_government_words_stay_whole():
    words = segment.words("广东省人民政府办公厅关于推进阳光政务建设工作的通知")
    assert "广东省人民政府办公厅" in words
    assert "阳光政务" in words
    assert "依申请公开" in segment.words("依申请公开和不予公开")
    assert "双随机一公开" in segment.words("全面推行双随机一公开监管")


def test_index_adds_the_parts_of_a_compound_but_not_words_across_its_boundaries():
    tokens = segment.index_tokens("广东省人民政府办公厅").split()
    assert {"广东省人民政府办公厅", "广东省", "人民政府", "办公厅", "政府"} <= set(tokens)
    assert "民政" not in tokens  # 人民|政府, never 民政 (civil affairs)
    assert "交通" in segment.index_tokens("推广省交通运输厅的经验").split()


def test_normalisation_full_width_and_punctuation():
    assert segment.words("ＡＢＣ１２３") == ["abc123"]
    assert segment.words("“互联网+政务服务”") == ["互联网", "政务服务"]
    assert segment.normalize_text("粤府办［2016］1号") == "粤府办〔2016〕1号"


def test_query_terms_drop_single_characters_unless_alone():
    terms = segment.query_terms("关于阳光政务的通知")
    assert [t.word for t in terms] == ["关于", "阳光政务", "通知"]
    assert segment.query_terms("省") == [segment.QueryTerm(word="省", prefix=True)]
    assert segment.query_terms("，。！") == []


def test_added_terms_are_kept_whole_and_old_documents_still_match_their_parts():
    assert segment.add_terms(["粤港澳青年创新创业基地", "x y", ""]) == 1
    assert "粤港澳青年创新创业基地" in segment.words("建设粤港澳青年创新创业基地")
    (term,) = segment.query_terms("粤港澳青年创新创业基地")
    assert term.parts and all(len(p) >= 2 for p in term.parts)


def test_doc_number_variants_normalise_to_one_form():
    forms = ["粤府办〔2016〕1号", "粤府办[2016]1号", "粤府办(2016)1号", "粤府办［2016］1号",
             "粤府办（2016）1号", "粤府办【2016】1号", "粤府办 〔2016〕 01 号"]  # fmt: skip
    assert {normalize_doc_number(f) for f in forms} == {"粤府办〔2016〕1号"}


def test_keys_in_a_query():
    keys = parse_keys("粤府办[2016] 交通")
    assert keys.doc_prefixes[0] == "粤府办〔2016〕" and keys.rest == "交通"
    assert parse_keys("粤府办（2016）12号").doc_exact[0] == "粤府办〔2016〕12号"
    assert parse_keys("006939748/2016-00123").index_exact == ("006939748/2016-00123",)
    assert parse_keys("006939748/2016").index_prefixes == ("006939748/2016-",)
    assert not parse_keys("阳光政务")
