"""The pure grouping algorithms on real taidi2020 texts."""

import numpy as np

from sunshine.kernel.search import segment
from sunshine.participation.messagetopics import algorithms as A


def _text(row):
    return row["留言主题"].strip() + " " + row["留言详情"].strip()


def _by_id(rows, *ids):
    index = {r["留言编号"]: r for r in rows}
    return [index[i] for i in ids]


def test_normalise_drops_space_and_punctuation_and_widths():
    assert A.normalise("\n\t\u3000Ａ市，　请问？ abc") == "a市请问abc"


def test_minhash_is_deterministic_and_estimates_jaccard():
    text = "A市伊景园滨河苑捆绑销售车位的问题，业主不买车位就不能收房，请有关部门查处。" * 3
    s1, p1 = A.fingerprint(text)
    s2, _ = A.fingerprint(text)
    assert s1 == s2 and len(s1) == 4 * A.PERMUTATIONS
    other = text.replace("车位", "车库")
    s3, p3 = A.fingerprint(other)
    sig = A.signature_array([s1, s3])
    estimate = float(np.mean(sig[0] == sig[1]))
    assert abs(estimate - A.jaccard(p1, p3)) < 0.2


def test_real_near_duplicates_are_grouped_and_unrelated_are_not(taidi_rows):
    # Real repeats of the board: the same text posted twice (different 留言编号).
    texts = [_text(r) for r in taidi_rows]
    groups = A.near_duplicate_groups(texts)
    assert groups, "the real data holds repeated messages"
    pairs = {frozenset(g.members) for g in groups}
    # Every group's members share (almost) the same text...
    for g in groups:
        lead = A.shingles(A.normalise(texts[g.leader]))
        for i in g.members:
            assert A.jaccard(lead, A.shingles(A.normalise(texts[i]))) >= 0.5
    # ...and an exact copy of a row with a changed place name still matches, an unrelated one not.
    probe = texts[0]
    varied = probe.replace("A", "B", 1) + "谢谢"
    other = next(t for t in texts[50:] if A.jaccard(A.shingles(A.normalise(t)),
                                                    A.shingles(A.normalise(probe))) < 0.1)  # fmt: skip
    small = A.near_duplicate_groups([probe, varied, other])
    assert [g.members for g in small] == [[0, 1]]
    assert pairs  # not empty


def test_known_pair_from_taidi2020_is_one_group(taidi_rows):
    subjects = {}
    for i, r in enumerate(taidi_rows):
        subjects.setdefault(r["留言主题"].strip(), []).append(i)
    same = [ids for ids in subjects.values() if len(ids) >= 2]
    assert same
    texts = [_text(r) for r in taidi_rows]
    groups = A.near_duplicate_groups(texts)
    member_of = {i: gi for gi, g in enumerate(groups) for i in g.members}
    # Most messages posted twice under the same subject are detected as near-duplicates.
    found = sum(1 for ids in same if len({member_of.get(i, -i - 1) for i in ids}) == 1)
    assert found / len(same) >= 0.6


def test_topic_groups_put_one_matter_together_and_keep_others_apart():
    texts = [
        ("伊景园滨河苑捆绑销售车位", "A市伊景园滨河苑开发商捆绑销售车位，业主不买车位就不能收房。"),
        ("投诉伊景园滨河苑车位捆绑", "伊景园滨河苑强制业主购买车位，捆绑销售违法，请查处。"),
        ("伊景园滨河苑捆绑车位销售合法吗", "伊景园滨河苑的车位捆绑销售是否合法？业主很无奈。"),
        ("丽发新城附近搅拌站噪音扰民", "A2区丽发新城小区旁边的搅拌站夜间施工，噪音和粉尘严重。"),
        ("投诉丽发新城搅拌站污染", "丽发新城附近修建搅拌站，粉尘噪音严重影响居民生活。"),
        ("咨询学校招生政策", "请问A5区小学入学需要哪些材料，积分入学怎么计算？"),
    ] + [(f"其他事项{i}", f"关于第{i}个完全不同的问题的咨询内容{i}") for i in range(30)]
    tokens = [segment.words(A.topic_text(s, b)) for s, b in texts]
    _model, groups = A.topic_groups(tokens, max_df=0.5, threshold=0.3)
    member_of = {i: gi for gi, g in enumerate(groups) for i in g.members}
    assert member_of[0] == member_of[1] == member_of[2]
    assert member_of[3] == member_of[4]
    assert member_of[0] != member_of[3]
    assert 5 not in member_of
    group = groups[member_of[0]]
    assert any(t in group.terms for t in ("捆绑", "车位", "滨河"))
