"""Demo data for 政策解读: the 解读 of the seed notice (data/notice-2016-12-12.txt).

谁起草、谁解读 (the notice's own Part 三, and 国办发〔2016〕80号): the notice was drafted by
广东省人民政府办公厅, so the office interprets it. An office staff member drafts the text,
marks it ready and publishes it as a 补充解读 of the already public record, through the same
services a person uses in the workbench (each step audited). Loaded by disclosure_data right
after the notice. Idempotent: a record that already has this title's 解读 is left alone."""

from sunshine.disclosure.interpretations.models import Interpretation
from sunshine.disclosure.interpretations.services import (
    create_interpretation,
    mark_ready,
    publish_interpretation,
)

from .kernel_data import ensure_staff

# The office's own interpreter: drafts, and as 签发人 publishes (demo password as the others).
INTERPRETER = ("office.interpreter@demo.gd.gov.cn", "梁解读")

SEED_TITLE = "《广东省人民政府办公厅关于推进阳光政务建设工作的通知》解读"
SEED_BODY = """\
近日，广东省人民政府办公厅印发《关于推进阳光政务建设工作的通知》（以下简称《通知》）。\
按照“谁起草、谁解读”的原则，现就《通知》有关内容解读如下。

一、出台背景
为贯彻落实省阳光政务建设经验推介现场会精神，推广省交通运输厅深入推进政务公开、打造阳光政务体系\
的经验做法，发挥省直部门以上率下的引领带动作用，力争省直部门在2018年实现党中央、国务院提出的\
2020年政务公开目标，经省人民政府同意，省府办公厅印发了《通知》。

二、主要内容
《通知》从四个方面部署推进阳光政务建设：
（一）推动决策、执行、管理、服务、结果“五公开”和重点领域信息公开。2017年上半年省直部门全面完成\
主动公开基本目录编制；公文拟制时明确公开属性；2017年底前建立健全利益相关方、公众代表、专家、媒体\
等列席政府有关会议的制度；开展政务公开标准化规范化试点。
（二）创新政府系统决策运行监督机制。严格落实公众参与、专家论证、风险评估、合法性审查和集体讨论\
决定等程序，实行重大行政决策预公开，建立健全权力运行内部监督问责机制。
（三）加强政策解读和回应。以部门和政府名义印发的政策文件，由牵头起草部门负责将文件和解读材料\
一并依程序发布；建立健全政务舆情收集、会商、研判、回应和评估机制。
（四）抓好公开平台建设。推进网上办事大厅、政务云平台和全省政府数据统一开放平台建设，发挥政府网站\
政务公开第一平台作用和政府公报的标准文本作用。

三、工作要求
《通知》要求各地、各部门高度重视，主要负责同志亲自研究重大事项；3年内将全省政务公开工作人员轮训\
一遍；将政务公开工作纳入政府绩效考核，分值权重不低于4%。省直部门于2017年1月10日前将本部门\
阳光政务建设工作方案报省府办公厅。

（演示数据：本解读为系统演示编写，不是官方发布的解读材料。）"""


def load_seed_interpretation(seed_record) -> Interpretation:
    """The published 文字解读 of the seed notice, by its drafting agency."""
    existing = Interpretation.objects.filter(record=seed_record, title=SEED_TITLE).first()
    if existing is not None:
        return existing
    email, name = INTERPRETER
    staff = ensure_staff(email, name, seed_record.agency, ("drafter", "approver"))
    interpretation = create_interpretation(
        record=seed_record, actor=staff, kind="text", title=SEED_TITLE, body=SEED_BODY
    )
    mark_ready(interpretation=interpretation, actor=staff)
    return publish_interpretation(interpretation=interpretation, actor=staff)
