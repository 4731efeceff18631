"""The fixed lists of 问责 (accountability cases); shells import these, never `models`.

Outcomes (问责方式 / 处理结果) are the measures the rules name; a case may have several
("上述问责方式，可以单独使用，也可以合并使用" — 《中国共产党问责条例》(2019) 第八条):

- 约谈: the supervising office talks to the agency's head about the failure (the usual form of
  督促整改 by the 政府信息公开工作主管部门, 《政府信息公开条例》(2019) 第四十七条);
- 通报批评: 条例 第四十七条 ("予以督促整改或者通报批评"); 问责条例 第八条 (通报);
- 责令整改: 条例 第四十七条 (督促整改) and 第五十三条 (由上一级行政机关责令改正);
- 责令书面检查: 问责条例 第八条 (通报 … 责令作出书面检查);
- 诫勉谈话: 问责条例 第八条 (诫勉, 以谈话或者书面方式);
- 组织处理: 问责条例 第八条 (组织调整或者组织处理: 停职检查、调整职务、责令辞职、降职、免职);
  《关于实行党政领导干部问责的暂行规定》(2009) 第七条 (责令公开道歉、停职检查、引咎辞职、
  责令辞职、免职);
- 处分: 条例 第五十三条 ("对负有责任的领导人员和直接责任人员依法给予处分"), recommended to the
  body that may impose it (条例 第四十七条: 依法向有权机关提出处理建议);
- 不予问责: the facts do not call for accountability (or 免予问责); exclusive of the others."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseState(models.TextChoices):
    """立案 → 调查核实 → 处理决定 → 结案."""

    FILED = "filed", _("已立案")
    INVESTIGATED = "investigated", _("已调查核实")
    DECIDED = "decided", _("已作出处理决定")
    CLOSED = "closed", _("已结案")


OPEN_STATES = (CaseState.FILED, CaseState.INVESTIGATED, CaseState.DECIDED)


class SourceKind(models.TextChoices):
    """Where a case comes from (问题线索来源)."""

    OVERDUE_CLOCK = "overdue_clock", _("超期办理")
    RECTIFICATION = "rectification", _("差评整改")
    DUBAN = "duban", _("督办")
    COMPLAINT = "complaint", _("投诉举报")
    OTHER = "other", _("其他线索")


class Outcome(models.TextChoices):
    INTERVIEW = "interview", _("约谈")
    CIRCULATED_CRITICISM = "circulated_criticism", _("通报批评")
    ORDERED_RECTIFICATION = "ordered_rectification", _("责令整改")
    WRITTEN_EXAMINATION = "written_examination", _("责令书面检查")
    ADMONISHMENT = "admonishment", _("诫勉谈话")
    ORGANISATIONAL = "organisational", _("组织处理")
    SANCTION = "sanction", _("处分")
    NONE = "none", _("不予问责")


OUTCOME_ORDER = tuple(Outcome.values)
# The outcome whose closed cases may be published (问责结果通报).
PUBLISHABLE = Outcome.CIRCULATED_CRITICISM


class StepKind(models.TextChoices):
    """The recorded steps of a case, each with who, when and its text."""

    FILING = "filing", _("立案")
    STATEMENT = "statement", _("情况说明")  # the agency's own account (陈述和申辩)
    INVESTIGATION = "investigation", _("调查核实")
    DECISION = "decision", _("处理决定")
    CLOSING = "closing", _("结案")
    PUBLICATION = "publication", _("公开通报")


TITLE_MAX = 200
TEXT_MAX = 10000
