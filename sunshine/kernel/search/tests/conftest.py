import datetime as dt

import pytest

from sunshine.kernel.search.registry import register_doc_type
from sunshine.kernel.search.services import index_document

# The seed notice (../shared/seed/notice-2016-12-12.txt), its title and first paragraphs.
SEED_TITLE = "广东省人民政府办公厅关于推进阳光政务建设工作的通知"
SEED_BODY = (
    "各地级以上市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构：\n"
    "为贯彻落实省阳光政务建设经验推介现场会精神，推广省交通运输厅深入推进政务公开、打造阳光政务"
    "体系的经验做法，充分发挥省直部门以上率下的引领带动作用，全面推进我省阳光政务建设工作，力争省"
    "直部门在2018年实现党中央、国务院提出的2020年政务公开目标，经省人民政府同意，现将有关事项通知"
    "如下：\n一、推动决策、执行、管理、服务、结果“五公开”和重点领域信息公开。2017年上半年省直部门"
    "要全面完成本部门本系统主动公开基本目录的编制工作。各地、各部门拟制公文时要明确公开属性，拟不公开"
    "的须说明理由。\n二、创新政府系统决策运行监督机制。采用内部交叉审核、专家组跟进、“双随机”监督"
    "抽查、公众监督等多种方式，加大对重大决策的监管力度。"
)


@pytest.fixture(autouse=True)
def _doc_types():
    register_doc_type("test", "测试文档")
    register_doc_type("note", "测试说明")


@pytest.fixture
def index(db):
    """index(n, title, body="", **fields): index a public test document numbered n."""

    def make(n, title, body="", **fields):
        values = {
            "doc_type": "test",
            "object_id": n,
            "title": title,
            "body": body,
            "url": f"/docs/{n}/",
            "is_public": True,
            "date": dt.date(2016, 12, 12),
        }
        values.update(fields)
        index_document(**values)
        return n

    return make
