"""The split of an old issue's pages into articles (pure functions on text)."""

from sunshine.disclosure.gazette.splitting import (
    PageText,
    is_title_text,
    section_of,
    split_pages,
)


def pages(*texts: str, source="born_digital") -> list[PageText]:
    return [PageText(i + 1, text, source) for i, text in enumerate(texts)]


HEADER = "广东省人民政府公报"


def test_title_words():
    assert is_title_text("广东省人民政府关于加强河道管理工作的通知")
    assert is_title_text("广东省政府信息公开规定（试行）")
    assert is_title_text("关于张三等同志任职的决定")
    assert is_title_text("广东省人民政府令")
    assert not is_title_text("为加强我省河道管理，保障防洪安全")
    assert section_of("【省政府文件】") == "省政府文件"
    assert section_of("人事任免") == "人事任免"
    assert section_of("广东省人民政府关于加强河道管理的通知") is None


def test_titles_with_number_above_or_below_over_several_pages():
    found = split_pages(
        pages(
            f"{HEADER}\n2016年第1期\n（总第1000期）",  # cover
            f"{HEADER}\n目录\n关于甲事项的通知……………（2）\n关于乙事项的意见……………（3）\n— 1 —",
            f"{HEADER}\n【省政府文件】\n广东省人民政府关于进一步加强\n安全生产工作的通知\n"
            "粤府〔2016〕7号\n各地级以上市人民政府：\n  为加强安全生产，现通知如下。\n"
            "一、落实责任。\n— 2 —",
            f"{HEADER}\n二、加强检查。根据《国务院关于加强安全生产的通知\n》要求，开展检查。\n"
            "广东省人民政府\n2016年1月5日\n— 3 —",
            f"{HEADER}\n粤府办〔2016〕3号\n广东省人民政府办公厅关于印发全省政务公开工作要点的通知\n"
            "  现印发给你们，请认真贯彻执行。\n— 4 —",
        )
    )
    assert [(a.title, a.doc_number, a.section, a.page_start, a.page_end) for a in found] == [
        ("广东省人民政府关于进一步加强安全生产工作的通知", "粤府〔2016〕7号", "省政府文件", 3, 4),
        ("广东省人民政府办公厅关于印发全省政务公开工作要点的通知", "粤府办〔2016〕3号",
         "省政府文件", 5, 5),
    ]  # fmt: skip
    body = found[0].body
    assert body.startswith("各地级以上市人民政府：") and "二、加强检查" in body
    assert "2016年1月5日" in body and HEADER not in body and "— 3 —" not in body
    assert "关于甲事项" not in body  # the contents page is front matter


def test_unconfirmed_title_like_lines_stay_in_the_body():
    found = split_pages(
        pages(
            "广东省人民政府关于做好防汛工作的通知\n粤府〔2010〕1号\n各市人民政府：\n"
            "  现将有关事项通知如下。\n关于防汛物资储备的通知\n各地要按要求储备物资。"
        )
    )
    assert len(found) == 1 and "关于防汛物资储备的通知" in found[0].body


def test_ocr_pages_and_brackets():
    found = split_pages(
        [
            PageText(1, "广东省交通厅关于加强公路养护的通知\n粤交【2003]8号\n各市交通局：\n正文。",
                     "ocr", 0.9),
            PageText(2, "广东省交通厅关于规范收费站管理的意见\n粤交（2003）9号\n正文二。", "ocr", 0.7),
        ]
    )  # fmt: skip
    assert [a.doc_number for a in found] == ["粤交〔2003〕8号", "粤交〔2003〕9号"]
    assert [a.source for a in found] == ["ocr", "ocr"]
    assert [a.confidence for a in found] == [0.9, 0.7]


def test_no_title_gives_one_article_to_correct():
    found = split_pages(pages("这是一页没有标题的文字。\n第二行文字。"))
    assert len(found) == 1 and found[0].title == "" and "第二行文字。" in found[0].body
    assert split_pages(pages("", "")) == []
