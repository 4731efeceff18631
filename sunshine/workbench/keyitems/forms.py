"""Forms of the staff key-item pages; the services validate (their messages go next to the
fields through run_action), the forms only collect."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.governance.keyitems.choices import Conclusion, KeyItemKind, StageState

DATE = {"type": "date"}


class Ids:
    """Several forms share the item page: each one's field ids get its own prefix (two forms
    with a field "name" would otherwise both render id="id_name")."""

    ids = "id_%s"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", self.ids)
        super().__init__(*args, **kwargs)


def _date(label, required=False):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs=DATE))


class ItemForm(forms.Form):
    """Every kind's fields; the page shows the ones of the chosen kind (all are optional here:
    the service says which are missing)."""

    agency = forms.ModelChoiceField(label=_("机关"), queryset=None)
    kind = forms.ChoiceField(label=_("事项类型"), choices=KeyItemKind.choices)
    title = forms.CharField(label=_("事项名称"), required=False, max_length=400)
    summary = forms.CharField(
        label=_("事项概要"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    responsible = forms.CharField(label=_("责任处室及负责人"), required=False)
    basis = forms.CharField(
        label=_("依据"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("法律法规、规划或批复文件；重大审批许可、重要行政执法事项必填"),
    )
    budget = forms.DecimalField(
        label=_("总投资/预算（元）"), required=False, help_text=_("重大项目必填")
    )
    planned_start = _date(_("计划开始日期"))
    planned_end = _date(_("计划完成日期"))
    amount = forms.DecimalField(
        label=_("金额（元）"),
        required=False,
        help_text=_("大额资金使用必填，不低于本级政府的大额资金标准"),
    )
    purpose = forms.CharField(
        label=_("资金用途"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    power_item_id = forms.TypedChoiceField(
        label=_("权力清单事项（行政许可）"), required=False, coerce=int, empty_value=None
    )
    service_code = forms.CharField(
        label=_("政务服务事项编码"), required=False, help_text=_("留空则取权力清单事项关联的编码")
    )
    is_public = forms.BooleanField(
        label=_("向社会公开（实施后在公众监督栏目公开进度）"), required=False
    )

    def __init__(self, *args, agencies=None, licensing=(), fixed_agency=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["power_item_id"].choices = [("", "—"), *licensing]
        if fixed_agency:
            del self.fields["agency"]
            del self.fields["kind"]


# fmt: skip


class StageForm(Ids, forms.Form):
    ids = "stage_%s"

    name = forms.CharField(label=_("阶段名称"), required=False)
    planned_start = _date(_("计划开始"))
    planned_end = _date(_("计划完成"))


class StageStateForm(forms.Form):
    state = forms.ChoiceField(label=_("状态"), choices=[(StageState.ACTIVE, StageState.ACTIVE.label), (StageState.DONE, StageState.DONE.label)])  # fmt: skip
    on = _date(_("日期"))


class MilestoneForm(Ids, forms.Form):
    ids = "ms_%s"

    name = forms.CharField(label=_("里程碑"), required=False)
    planned_on = _date(_("计划日期"))
    stage_id = forms.TypedChoiceField(
        label=_("所属阶段"), required=False, coerce=int, empty_value=None
    )
    note = forms.CharField(label=_("说明"), required=False)

    def __init__(self, *args, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage_id"].choices = [("", "—"), *[(s.pk, s.name) for s in stages]]


class ReachForm(forms.Form):
    actual_on = _date(_("实际日期"))


class SpendingForm(Ids, forms.Form):
    ids = "spend_%s"

    spent_on = _date(_("支出日期"))
    amount = forms.DecimalField(label=_("金额（元）"), required=False)
    purpose = forms.CharField(label=_("用途"), required=False)
    payee = forms.CharField(label=_("收款单位"), required=False)
    voucher = forms.CharField(label=_("凭证号"), required=False)


class ApprovalForm(Ids, forms.Form):
    ids = "appr_%s"

    role = forms.CharField(
        label=_("审批环节"),
        required=False,
        help_text=_("如：处室负责人审核、财务处审核、厅长办公会审定"),
    )
    approver_name = forms.CharField(label=_("审批人"), required=False)
    decided_on = _date(_("审批日期"))
    opinion = forms.CharField(label=_("审批意见"), required=False)


class AssignForm(Ids, forms.Form):
    ids = "assign_%s"

    agency = forms.ModelChoiceField(label=_("审核单位"), queryset=None, required=False)
    reason = forms.CharField(label=_("审核要求"), required=False)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class DecideForm(Ids, forms.Form):
    ids = "decide_%s"

    findings = forms.CharField(
        label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reasons = forms.CharField(
        label=_("退回理由（退回时必填）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MemberForm(Ids, forms.Form):
    ids = "member_%s"

    expert = forms.TypedChoiceField(label=_("专家"), coerce=int, required=False, empty_value=None)
    is_leader = forms.BooleanField(label=_("组长"), required=False)

    def __init__(self, *args, experts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].choices = [
            ("", "—"),
            *[(e.pk, f"{e.name}（{e.specialty}）") for e in experts],
        ]


class RequestOpinionForm(Ids, forms.Form):
    ids = "req_%s"

    stage = forms.TypedChoiceField(label=_("阶段"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", "—"), *[(s.pk, s.name) for s in stages]]


class OpinionForm(Ids, forms.Form):
    ids = "op_%s"

    conclusion = forms.ChoiceField(label=_("结论"), choices=Conclusion.choices)
    opinion = forms.CharField(
        label=_("专家组意见"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class FinalForm(Ids, forms.Form):
    ids = "final_%s"

    conclusion = forms.ChoiceField(label=_("最终评估结论"), choices=Conclusion.choices)
    assessment = forms.CharField(
        label=_("最终评估意见"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ExpertForm(forms.Form):
    name = forms.CharField(label=_("姓名"), required=False)
    specialty = forms.CharField(label=_("专业领域"), required=False)
    title = forms.CharField(label=_("职称"), required=False)
    employer = forms.CharField(label=_("工作单位"), required=False)
    conflicts = forms.ModelMultipleChoiceField(
        label=_("申报回避的机关"), queryset=None, required=False
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conflicts"].queryset = agencies


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("答复"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class DubanForm(forms.Form):
    reason = forms.CharField(
        label=_("督办事由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    response_days = forms.IntegerField(label=_("反馈时限（工作日）"), required=False)


class AccountabilityForm(forms.Form):
    title = forms.CharField(label=_("问责事项"), required=False)
    facts = forms.CharField(
        label=_("问题线索"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SettingsForm(forms.Form):
    """A government's own standards (各级政府自行确定); empty amounts use the province's defaults."""

    government = forms.ModelChoiceField(label=_("人民政府"), queryset=None)
    kinds = forms.MultipleChoiceField(
        label=_("登记的事项类型"),
        choices=KeyItemKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("不选则登记全部四类"),
    )
    large_spending_threshold = forms.DecimalField(
        label=_("大额资金标准（元）"), required=False, help_text=_("留空则使用全省默认标准")
    )
    crosscheck_spending_over = forms.DecimalField(
        label=_("超过此金额的大额资金须交叉审核（元）"), required=False
    )
    crosscheck_kinds = forms.MultipleChoiceField(
        label=_("一律交叉审核的事项类型"),
        choices=KeyItemKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    crosscheck_agency = forms.ModelChoiceField(
        label=_("按规则交叉审核的单位"),
        queryset=None,
        required=False,
        help_text=_("留空则由本级政府办公厅审核"),
    )

    def __init__(self, *args, governments=None, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["government"].queryset = governments
        self.fields["crosscheck_agency"].queryset = agencies
