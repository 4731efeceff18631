"""The deadline rules of 数据开放, listed in the feature manifest; a province changes a length
with settings.DEADLINE_RULES["opendata.access_review"] (rules.md §11: "reviewed within a
configurable time limit (default 10 wd)")."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import rule

ACCESS_REVIEW = "opendata.access_review"
CATALOG_REVIEW = "opendata.catalog_review"

RULES = (
    # 广东省公共数据开放暂行办法 (2022): 有条件开放类 data is used after the provider reviews
    # the user's application; rules.md §11 fixes the default review period at 10 working days.
    rule(
        ACCESS_REVIEW,
        length=10,
        label=_("有条件开放申请审核"),
        # The 办法 sets the classes; no review period was found in its text, so the label
        # does not attribute the 10 days to it.
        basis=_(
            "开放属性分类依据《广东省公共数据开放暂行办法》；审核时限为平台默认 10 个工作日，"
            "可按本省规定配置"
        ),
    ),
    # The yearly review of an agency's 数据资源目录 (动态更新), on the deadline dashboard.
    rule(CATALOG_REVIEW, length=20, label=_("数据资源目录年度审核")),
)
