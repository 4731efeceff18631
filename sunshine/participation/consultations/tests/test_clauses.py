from sunshine.testing.factories.consultations import DRAFT

from ..clauses import parse_clauses


def test_articles_with_chapters():
    clauses = parse_clauses(DRAFT, title="广东省道路运输管理办法（征求意见稿）")
    assert [c.label for c in clauses] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    assert [c.position for c in clauses] == [1, 2, 3, 4, 5]
    assert clauses[0].chapter == "第一章 总则"
    assert clauses[2].chapter == "第二章 经营许可"
    assert clauses[2].text.splitlines() == [
        "申请从事道路客运经营的，应当具备下列条件：",
        "（一）有与其经营业务相适应并经检测合格的车辆；",
        "（二）有符合规定条件的驾驶人员。",
    ]
    assert clauses[4].chapter == "第三章 附则"


def test_preamble_and_sections():
    text = "为落实有关要求，现就以下事项征求意见。\n第一章 总则\n第一节 一般规定\n第十二条　内容甲\n第十三条 内容乙"
    clauses = parse_clauses(text)
    assert [c.label for c in clauses] == ["序言", "第十二条", "第十三条"]
    assert clauses[1].chapter == "第一章 总则 第一节 一般规定"
    assert clauses[1].text == "内容甲"


def test_paragraphs_when_no_articles():
    clauses = parse_clauses("一、总体要求\n\n二、主要任务\r\n三、保障措施")
    assert [(c.position, c.label) for c in clauses] == [(1, "第1段"), (2, "第2段"), (3, "第3段")]
    assert parse_clauses("   \n") == []
