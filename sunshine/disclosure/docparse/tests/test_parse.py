from hypothesis import given, settings
from hypothesis import strategies as st

from sunshine.disclosure.docparse.layout import paragraphs
from sunshine.disclosure.docparse.parse import parse_document

from .seed import RECIPIENTS, SEED_TEXT, TITLE

PIECES = [
    "\n",
    "\n\n",
    " ",
    "　",
    "— 2 —",
    "关于",
    "的通知",
    "广东省人民政府办公厅",
    "各地级以上市人民政府，",
    "各直属机构：",
    "粤府办〔2016〕1号",
    "2016年12月12日",
    "二〇一六年十二月十二日",
    "。",
    "，",
    "：",
    "一、",
    "（一）",
    "政务公开",
    "2018",
    "APP",
    "令第3号",
    "（此件公开发布）",
    "抄送：",
    "文件",
]


def test_seed_notice_fields():
    result = parse_document(SEED_TEXT)
    assert result["title"] == TITLE
    assert result["issuer"] == "广东省人民政府办公厅"
    assert result["doc_number"] is None
    assert result["date_written"] == "2016-12-12"
    assert result["recipients"] == RECIPIENTS
    assert result["recipients"].startswith("各地级以上市人民政府")


def test_seed_notice_body_is_rejoined_paragraphs():
    body = parse_document(SEED_TEXT)["body"].split("\n")
    assert [p[:2] for p in body] == ["为贯", "一、", "二、", "三、", "四、", "推进", "省直"]
    assert body[0].endswith("经省人民政府同意，现将有关事项通知如下：")
    # A full line ending with 。 inside a paragraph does not end it.
    assert "每年不少于1次。做好政务舆情的回应工作" in body[3]
    # Page breaks, PDF spaces around digits, signature and date are gone.
    joined = "\n".join(body)
    assert "力争省直部门在2018年实现" in joined and "手机APP、短信平台" in joined
    assert "省府办公厅\n" not in joined and "2016年12月12日" not in joined
    assert body[-1].endswith("推进阳光政务建设工作情况开展督查。")


def _wrap(paragraph: str, width: int = 24) -> list[str]:
    return [paragraph[i : i + width] for i in range(0, len(paragraph), width)]


def test_hard_wrapped_text_with_page_numbers_between_lines():
    first = "为贯彻落实省阳光政务建设经验推介现场会精神，推广省交通运输厅深入推进政务公开、打造阳光"
    first += "政务体系的经验做法，现将有关事项通知如下："
    # The second paragraph has a full line that ends with 。 in its middle.
    second = "一、推动决策、执行、管理、服务、结果五公开和重点领域信息公开。"[:23] + "。"
    second += "各地、各部门拟制公文时要明确公开属性，拟不公开的须说明理由，用 1 年左右时间总结。"
    third = (
        "二、创新政府系统决策运行监督机制，加强决策过程监督，严格落实公众参与、专家论证、风险评估"
    )
    third += "、合法性审查和集体讨论决定等程序。"
    lines = _wrap(first) + _wrap(second) + _wrap(third)
    assert len(lines[len(_wrap(first))]) == 24 and lines[len(_wrap(first))].endswith("。")
    lines.insert(2, "\n— 2 —\n")  # a page break with its number and blank lines
    assert paragraphs("\n".join(lines)) == [first, second.replace(" 1 ", "1"), third]


SCRAPED = """粤办函〔2017〕176号
广东省人民政府办公厅关于印发广东省
推进涉烟打假打私工作方案的通知
  各地级以上市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构：
《广东省推进涉烟打假打私工作方案》已经省人民政府同意，现印发给你们，请认真抓好组织实施。
    省府办公厅
2017年3月21日
（此件公开发布）
  广东省推进涉烟打假打私工作方案
一、工作目标
建立健全打假打私长效工作机制。
"""


def test_scraped_page_with_number_above_a_two_line_title():
    result = parse_document(SCRAPED)
    assert result == {
        "title": "广东省人民政府办公厅关于印发广东省推进涉烟打假打私工作方案的通知",
        "issuer": "广东省人民政府办公厅",
        "doc_number": "粤办函〔2017〕176号",
        "recipients": "各地级以上市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构",
        "date_written": "2017-03-21",
        "body": "《广东省推进涉烟打假打私工作方案》已经省人民政府同意，现印发给你们，"
        "请认真抓好组织实施。\n广东省推进涉烟打假打私工作方案\n一、工作目标\n"
        "建立健全打假打私长效工作机制。",
    }


def test_red_header_number_below_title_and_chinese_numeral_date():
    text = """江苏省人民政府办公厅文件
苏政办发[2013]85号
省政府办公厅关于推进
教育现代化建设的实施意见
各市、县（市、区）人民政府，省各委办厅局，省各直属单位：
为深入贯彻党的十八大精神，提出如下意见。
江苏省人民政府办公厅
二〇一三年五月十三日
抄送：省委各部门。
江苏省人民政府办公厅秘书处 2013年5月14日印发
"""
    result = parse_document(text)
    assert result["title"] == "省政府办公厅关于推进教育现代化建设的实施意见"
    assert result["issuer"] == "江苏省人民政府办公厅"  # the full name of the signature wins
    assert result["doc_number"] == "苏政办发〔2013〕85号"
    assert result["recipients"] == "各市、县（市、区）人民政府，省各委办厅局，省各直属单位"
    assert result["date_written"] == "2013-05-13"
    assert result["body"] == "为深入贯彻党的十八大精神，提出如下意见。"


def test_order_without_recipients():
    text = """湖北省人民政府令第282号
《湖北省推广使用车用乙醇汽油试点办法》已经省人民政府常务会议审议通过，现予公布。
省长　罗清泉
二○○五年十一月二十一日
第一条　为了推广使用车用乙醇汽油，制定本办法。
"""
    result = parse_document(text)
    assert result["title"] == "湖北省人民政府令第282号"
    assert result["issuer"] == "湖北省人民政府"
    assert result["recipients"] is None
    assert result["date_written"] == "2005-11-21"


def test_body_only_text_gives_what_it_has():
    result = parse_document("会议听取了情况汇报。\n会议强调：要高度关注。\n")
    assert (result["title"], result["issuer"], result["date_written"]) == (None, None, None)
    assert result["body"] == "会议听取了情况汇报。\n会议强调：要高度关注。"
    assert parse_document("")["body"] == ""


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_parses_without_error(text):
    result = parse_document(text)
    assert set(result) == {"title", "issuer", "doc_number", "recipients", "date_written", "body"}
    assert "\n\n" not in result["body"]
