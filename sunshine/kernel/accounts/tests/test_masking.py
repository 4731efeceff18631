"""mask_personal_data on real texts of the taidi2020 message board (replies_dev.csv): the
snippets below are quoted verbatim from it; the last test runs over the whole file."""

import csv
import re
from pathlib import Path

import pytest
from django.conf import settings

from sunshine.kernel.accounts.masking import mask_personal_data as mask

REAL = [
    # (text from taidi2020, expected after masking)
    ("你好！我叫苏伟生，系重庆", "你好！我叫苏**，系重庆"),
    ("本人邱林松，身份证", "本人邱**，身份证"),
    ("举报人：邱林松　　20", "举报人：邱**　　20"),
    ("，联系人：邹军建），市交", "，联系人：邹**），市交"),
    ("小区）业主王术，党员。", "小区）业主王*，党员。"),
    ("结果，证实谷斌海同志在担任", "结果，证实谷**同志在担任"),
    ("大队副队长姚一同志的工作作风", "大队副队长姚*同志的工作作风"),
    ("您好！我是A市金毛府1期6栋4401的业主", "您好！我是A市金毛府1期*栋****的业主"),
    ("报大道548号先锋东外滩4栋1单元25层的A市", "报大道***号先锋东外滩*栋*单元**层的A市"),
    ("您在碧水龙庭购买的10栋602房（实际", "您在碧水龙庭购买的**栋***房（实际"),
    ("在华美欧大厦1510房，技术", "在华美欧大厦****房，技术"),
    ("A3区含光路125号，当代滨江小区10栋，", "A3区含光路***号，当代滨江小区10栋，"),
]

# Real sentences that contain no personal data and must come out unchanged.
UNCHANGED = [
    "年在熊家湾小区租房，发现3栋水果店私自挖",
    "书记：我是安徽人，全日制",
    "公示，业主应知晓是全装房",
    "在未经业主许可的前提下",
    "我的妻子和儿子是开慧镇",
    "部分都是老人和小孩，行人都",
    "尊敬的书记：您好！我研究生毕业",
    "希望得到书记先生及这部分工作",
    "因为我相信纪委同志一定",
    "2013年6月30日交房、g1栋于2013年",
]


@pytest.mark.parametrize(("text", "expected"), REAL)
def test_real_personal_data_is_masked(text, expected):
    assert mask(text) == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_real_text_without_personal_data_is_kept(text):
    assert mask(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电话13812345678。", "电话138****5678。"),
        ("电话 138 1234 5678", "电话 138****5678"),
        ("+86 13812345678", "+86 138****5678"),
        ("座机020-87654321", "座机020-****4321"),
        ("身份证440106199001011234", "身份证440106********1234"),
        ("身份证44010619900101123X号", "身份证440106********123X号"),
        ("车牌粤A12345", "车牌粤A*****"),
        ("湘A·D1234停在门口", "湘A*****停在门口"),
        ("新能源车粤BD12345", "新能源车粤B******"),
        ("幸福小区3栋2单元501室", "幸福小区*栋*单元***室"),
        ("芙蓉路12号", "芙蓉路**号"),
        ("邮箱zhangsan@qq.com", "邮箱z***@qq.com"),
        ("欧阳娜娜女士反映", "欧阳**女士反映"),
        ("张三丰您好：已处理。", "张**您好：已处理。"),
        ("王先生反映", "王先生反映"),  # already anonymous
        ("张某某反映", "张某某反映"),
        ("A市A3区人民政府", "A市A3区人民政府"),
    ],
)
def test_patterns(text, expected):
    assert mask(text) == expected


def test_known_values_of_the_author_are_masked_anywhere():
    text = "周大福（手机13800001111）称：大福的邮箱dafu@example.com"
    out = mask(text, known=["周大福", "13800001111", "dafu@example.com"])
    assert "周大福" not in out and "13800001111" not in out and "dafu@" not in out
    assert out.startswith("周**（手机138****1111）")


def test_empty():
    assert mask("") == "" and mask(None) == ""


REPLIES = Path(settings.BASE_DIR).parent / "shared" / "data" / "taidi2020" / "replies_dev.csv"


@pytest.mark.skipif(not REPLIES.exists(), reason="taidi2020 data not available")
def test_whole_taidi_reply_file():
    """No mobile number or ID number survives; the texts keep their length (masking replaces
    characters one for one) and change little (the organisers anonymised most of it)."""
    with open(REPLIES, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    mobile = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
    changed = total = 0
    for row in rows:
        for column in ("留言详情", "答复意见"):
            text = row[column]
            out = mask(text)
            assert not mobile.search(out)
            assert len(out) == len(text)
            total += len(text)
            changed += sum(a != b for a, b in zip(text, out, strict=True))
    assert changed / total < 0.005
