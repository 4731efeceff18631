"""告知书: the reply letter of an application, one text per outcome (the templates below) with
the reasons and legal basis and the applicant's remedies (行政复议 within 60 days — 行政复议法
第二十条; 行政诉讼 within 6 months — 行政诉讼法第四十六条). The same content is typeset as PDF
(WeasyPrint, template foi/letters/letter.html) and as DOCX (python-docx, w:eastAsia fonts), so
the two never disagree. Fonts: settings.FOI_LETTER_FONT (default "Noto Serif CJK SC"; an
installation with licensed 仿宋 names it there)."""

import io
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .choices import DeliveryForm, Outcome, outcome_full_label

DEFAULT_FONT = "Noto Serif CJK SC"
REG = "《中华人民共和国政府信息公开条例》"

# outcome → (legal basis, the decision sentence). %(info)s is the requested information.
TEMPLATES: dict[str, tuple[str, str]] = {
    Outcome.DISCLOSED: (
        REG + "第三十六条第（二）项",
        "经审查，您申请公开的信息属于可以公开的政府信息，本机关决定予以公开，"
        "并按您选择的方式（%(form)s）提供。",
    ),
    Outcome.PARTIAL: (
        REG + "第三十七条",
        "经审查，您申请公开的信息中含有不应当公开的内容，但能够作区分处理，"
        "本机关决定部分公开：向您提供可以公开的部分，不予公开的部分及理由说明如下。",
    ),
    Outcome.WITHHELD_STATE_SECRET: (
        REG + "第十四条",
        "经审查，您申请公开的信息依法确定为国家秘密，本机关决定不予公开。",
    ),
    Outcome.WITHHELD_BY_LAW: (
        REG + "第十四条",
        "经审查，您申请公开的信息属于法律、行政法规禁止公开的政府信息，本机关决定不予公开。",
    ),
    Outcome.WITHHELD_SECURITY: (
        REG + "第十四条",
        "经审查，您申请公开的信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，"
        "本机关决定不予公开。",
    ),
    Outcome.WITHHELD_THIRD_PARTY: (
        REG + "第十五条、第三十二条",
        "经审查，您申请公开的信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，"
        "本机关决定不予公开。",
    ),
    Outcome.WITHHELD_INTERNAL: (
        REG + "第十六条第一款",
        "经审查，您申请公开的信息属于本机关的内部事务信息，本机关决定不予公开。",
    ),
    Outcome.WITHHELD_PROCESS: (
        REG + "第十六条第二款",
        "经审查，您申请公开的信息属于本机关在履行行政管理职能过程中形成的过程性信息，"
        "本机关决定不予公开。",
    ),
    Outcome.WITHHELD_ENFORCEMENT: (
        REG + "第十六条第二款",
        "经审查，您申请公开的信息属于行政执法案卷信息，本机关决定不予公开。",
    ),
    Outcome.WITHHELD_INQUIRY: (
        REG + "第三十六条第（七）项",
        "经审查，您申请获取的信息属于行政查询事项，有关法律、行政法规对信息的获取有特别规定，"
        "请依照有关规定办理。",
    ),
    Outcome.UNAVAILABLE_NOT_HELD: (
        REG + "第三十六条第（四）项",
        "经检索，本机关未制作或获取您申请公开的政府信息，该政府信息不存在。",
    ),
    # %(referral)s: the responsible agency and its contact (Art. 36(五)), see referral_sentence.
    Outcome.UNAVAILABLE_OTHER_AGENCY: (
        REG + "第三十六条第（五）项",
        "经审查，您申请公开的信息不属于本机关负责公开的范围。%(referral)s",
    ),
    Outcome.UNAVAILABLE_NEEDS_CREATION: (
        REG + "第三十八条",
        "经审查，本机关没有您申请的现成信息，需要对现有政府信息进行加工、分析，本机关不予提供。",
    ),
    Outcome.UNAVAILABLE_UNCLEAR: (
        REG + "第三十条",
        "本机关已一次性告知您补正申请，补正后您的申请内容仍不明确，本机关无法提供。",
    ),
    Outcome.NOT_PROCESSED_PETITION: (
        REG + "第三十九条第一款",
        "经审查，您以政府信息公开申请的形式进行信访、投诉、举报等活动，"
        "本机关不作为政府信息公开申请处理，请通过相应渠道提出。",
    ),
    Outcome.NOT_PROCESSED_REPEAT: (
        REG + "第三十六条第（六）项",
        "本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息，本机关不予重复处理。",
    ),
    Outcome.NOT_PROCESSED_PUBLICATION: (
        REG + "第三十九条第二款",
        "您申请获取的是政府公报、报刊、书籍等公开出版物，请通过公开发行渠道获取。",
    ),
    Outcome.NOT_PROCESSED_EXCESSIVE: (
        REG + "第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，且未能说明理由或理由不合理，"
        "本机关不予处理。",
    ),
    Outcome.NOT_PROCESSED_CONFIRMATION: (
        REG + "第三十六条",
        "您要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请的处理范围，"
        "本机关不予处理。",
    ),
    Outcome.OTHER_NO_CORRECTION: (
        REG + "第三十条",
        "本机关已告知您补正申请，您无正当理由逾期未补正，视为放弃申请，本机关不再处理该申请。",
    ),
    Outcome.OTHER_NO_PAYMENT: (
        REG + "第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        "本机关已向您发出收费通知，您逾期未按通知要求缴纳信息处理费，视为放弃申请，"
        "本机关不再处理该申请。",
    ),
    Outcome.OTHER: (
        REG + "第三十六条",
        "本机关对您的申请作如下处理。",
    ),
}


@dataclass
class LetterContent:
    title: str
    number: str
    addressee: str
    paragraphs: list[str] = field(default_factory=list)
    basis: str = ""
    remedies: str = ""
    agency: str = ""
    date: str = ""
    outcome: str = ""

    def text(self) -> str:
        return "\n".join(
            [self.title, self.number, self.addressee, *self.paragraphs, self.agency, self.date]
        )


def font_family() -> str:
    return getattr(settings, "FOI_LETTER_FONT", DEFAULT_FONT)


def review_body_for(agency) -> str:
    """The 复议机关 named in the letter: the agency's parent (本级人民政府) when there is one."""
    parent = agency.parent
    return parent.name if parent is not None else agency.name


def referral_sentence(request) -> str:
    """Art. 36(五): the agency responsible for disclosing the information and how to reach it."""
    name = request.referred_agency_name or getattr(request.referred_agency, "name", "")
    if not name:
        return ""
    contact = request.referred_agency_contact.strip()
    if contact:
        return _("负责公开该政府信息的行政机关为%(name)s，联系方式：%(contact)s。") % {
            "name": name,
            "contact": contact,
        }
    return _("负责公开该政府信息的行政机关为%(name)s。") % {"name": name}


def letter_content(request) -> LetterContent:
    """The letter's text for the request's outcome (always in Chinese: it is an official act)."""
    with translation.override("zh-hans"):
        basis, decision = TEMPLATES[request.outcome]
        received = request.received_on
        info = " ".join(request.description.split())
        if len(info) > 200:
            info = info[:199] + "…"
        paragraphs = [
            _("本机关于%(y)s年%(m)s月%(d)s日收到您提出的政府信息公开申请，申请获取“%(info)s”。")
            % {"y": received.year, "m": received.month, "d": received.day, "info": info},
            decision
            % {
                "form": DeliveryForm(request.delivery_form).label,
                "info": info,
                "referral": referral_sentence(request),
            },
        ]
        if request.reply_text.strip():
            paragraphs.extend(p.strip() for p in request.reply_text.splitlines() if p.strip())
        # 部分公开 (条例 Art. 37): the grounds of what was redacted from the provided files.
        from sunshine.disclosure.releases.selectors import withheld_paragraph

        if withheld := withheld_paragraph(request):
            paragraphs.append(withheld)
        paragraphs.append(_("根据%(basis)s的规定，特此告知。") % {"basis": basis})
        remedies = _(
            "如对本答复不服，可以自收到本告知书之日起六十日内向%(body)s申请行政复议，"
            "或者自收到本告知书之日起六个月内向有管辖权的人民法院提起行政诉讼。"
        ) % {"body": review_body_for(request.agency)}
        day = request.replied_on
        return LetterContent(
            title=_("政府信息公开申请答复告知书"),
            number=_("（申请编号：%(n)s）") % {"n": request.number},
            addressee=f"{request.applicant_name}：",
            paragraphs=paragraphs,
            basis=basis,
            remedies=remedies,
            agency=request.agency.name,
            date=f"{day.year}年{day.month}月{day.day}日",
            outcome=outcome_full_label(request.outcome),
        )


def render_pdf(request) -> bytes:
    from weasyprint import HTML

    content = letter_content(request)
    html = render_to_string(
        "foi/letters/letter.html", {"letter": content, "font_family": font_family()}
    )
    return HTML(string=html).write_pdf()


def _east_asian(run, family: str) -> None:
    from docx.oxml.ns import qn

    run.font.name = family
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), family)
    fonts.set(qn("w:ascii"), family)
    fonts.set(qn("w:hAnsi"), family)


def render_docx(request) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    content, family = letter_content(request), font_family()
    document = docx.Document()
    document.core_properties.title = content.title
    document.core_properties.author = content.agency

    def para(text, *, size=14, bold=False, align=None, indent=True):
        paragraph = document.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(size * 2)
        run = paragraph.add_run(text)
        run.bold, run.font.size = bold, Pt(size)
        _east_asian(run, family)
        return paragraph

    para(content.title, size=20, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    para(content.number, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    para(content.addressee, indent=False)
    for text in content.paragraphs:
        para(text)
    para(content.remedies)
    para(content.agency, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    para(content.date, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
