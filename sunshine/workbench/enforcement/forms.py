"""Forms of the staff 行政执法公示 pages; the services validate (messages next to the fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.governance.enforcement.choices import (
    DecisionKind,
    PartyKind,
    PenaltyCategory,
    RecordStage,
    ReviewOutcome,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DecisionForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("决定机关"), queryset=None)
    kind = forms.ChoiceField(label=_("决定类别"), choices=DecisionKind.choices)
    doc_number = forms.CharField(label=_("决定文书号"), required=False)
    title = forms.CharField(
        label=_("决定名称"), required=False, help_text=_("如：食品经营许可；未按规定公示信息案")
    )
    power_code = forms.CharField(
        label=_("权力事项编码"), required=False, help_text=_("本机关权力清单中的事项编码（可不填）")
    )
    party_kind = forms.ChoiceField(label=_("行政相对人类别"), choices=PartyKind.choices)
    party_name = forms.CharField(label=_("行政相对人名称"), required=False)
    credit_code = forms.CharField(
        label=_("统一社会信用代码"), required=False, help_text=_("自然人不填")
    )
    legal_rep = forms.CharField(label=_("法定代表人"), required=False)
    id_number = forms.CharField(
        label=_("身份证号码"), required=False, help_text=_("仅自然人填写；不予公示")
    )
    basis = forms.CharField(
        label=_("依据"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    content = forms.CharField(
        label=_("决定内容"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    facts = forms.CharField(
        label=_("违法事实（行政处罚）"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    penalty_categories = forms.MultipleChoiceField(
        label=_("处罚类别（行政处罚）"),
        choices=PenaltyCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    fine_amount = forms.CharField(label=_("罚款金额（万元）"), required=False)
    confiscated_amount = forms.CharField(label=_("没收金额（万元）"), required=False)
    license_number = forms.CharField(label=_("许可证书编号（行政许可）"), required=False)
    valid_from = forms.CharField(label=_("有效期自"), required=False, widget=DATE)
    valid_to = forms.CharField(label=_("有效期至"), required=False, widget=DATE)
    is_major = forms.BooleanField(label=_("重大执法决定（须经法制审核）"), required=False)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class DecideForm(forms.Form):
    decided_on = forms.CharField(label=_("决定日期"), widget=DATE)


class ReviewRequestForm(forms.Form):
    note = forms.CharField(
        label=_("送审说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(label=_("审核结果"), choices=ReviewOutcome.choices)
    opinion = forms.CharField(
        label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class WithdrawForm(forms.Form):
    revoked_on = forms.CharField(label=_("决定被变更或撤销的日期"), widget=DATE)
    reason = forms.CharField(
        label=_("撤回理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("将向社会公开，如：经行政复议被撤销"),
    )


class RecordForm(forms.Form):
    stage = forms.ChoiceField(label=_("环节"), choices=RecordStage.choices)
    text = forms.CharField(label=_("记录内容"), widget=forms.Textarea(attrs={"rows": 3}))
    files = forms.FileField(label=_("附件"), required=False)
