"""Forms of the FOI workbench pages (input only; the services hold the rules)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.disclosure.foi.choices import (
    OUTCOME_CHOICE_TREE,
    CaseResult,
    Channel,
    ConsultationOpinion,
    DeliveryMethod,
    FeeMethod,
    LawsuitKind,
    Outcome,
    OutcomeGroup,
)
from sunshine.disclosure.foi.forms import ApplicationForm  # noqa: F401 (staff entry)


def outcome_choices():
    """Grouped like table three: (group label, [(leaf, label), …])."""
    return [("", _("请选择"))] + [
        (OutcomeGroup(group).label, [(leaf, Outcome(leaf).label) for leaf in leaves])
        for group, leaves in OUTCOME_CHOICE_TREE
    ]


class ReceiveForm(forms.Form):
    channel = forms.ChoiceField(label=_("申请渠道"), choices=Channel.choices)
    received_on = forms.DateField(
        label=_("收到申请日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("当面提交为提交之日；邮寄为签收之日（条例第三十一条）。"),
    )


class CorrectionForm(forms.Form):
    items = forms.CharField(
        label=_("需要补正的事项（一次性告知）"), widget=forms.Textarea(attrs={"rows": 3})
    )


class SupplyForm(forms.Form):
    text = forms.CharField(label=_("补正内容"), widget=forms.Textarea(attrs={"rows": 3}))
    received_on = forms.DateField(
        label=_("收到补正申请日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("答复期限自收到补正申请之日起重新计算（条例第三十条）；不填为今天。"),
    )


class ThirdPartyForm(forms.Form):
    third_party = forms.CharField(label=_("第三方名称"), max_length=100)
    contact = forms.CharField(label=_("联系方式"), max_length=200, required=False)


class OpinionForm(forms.Form):
    opinion = forms.ChoiceField(
        label=_("第三方意见"),
        choices=[c for c in ConsultationOpinion.choices if c[0] != ConsultationOpinion.PENDING],
    )
    note = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    answered_on = forms.DateField(
        label=_("收到第三方意见日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("不填为今天。第三方15个工作日内未提出意见的，期满自动恢复计时。"),
    )


class ExtensionForm(forms.Form):
    approver = forms.ModelChoiceField(label=_("批准人"), queryset=None)
    days = forms.IntegerField(label=_("延长工作日"), min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label=_("延期理由"), max_length=300)

    def __init__(self, *args, approvers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approver"].queryset = approvers


class FeeForm(forms.Form):
    method = forms.ChoiceField(label=_("收费方式"), choices=FeeMethod.choices)
    pages = forms.IntegerField(
        label=_("页数（按量计收时填写）"), min_value=0, initial=0, required=False
    )
    handed_over = forms.BooleanField(
        label=_("收费通知今天已当面送达申请人"),
        required=False,
        help_text=_(
            "网上申请的通知即时送达；邮寄的请在签收后登记送达日期。缴费期限自申请人收到通知之日起"
            "20个工作日。"
        ),
    )


class FeeReceivedForm(forms.Form):
    received_on = forms.DateField(
        label=_("申请人收到收费通知日期"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(label=_("办理结果"), choices=outcome_choices)
    reasons = forms.CharField(
        label=_("答复理由和说明"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    referred_agency = forms.ModelChoiceField(
        label=_("负责公开的机关（不属于本机关负责公开时）"),
        queryset=None,
        required=False,
        help_text=_("可从本平台的机关中选择，或在下方填写名称。"),
    )
    referred_agency_name = forms.CharField(
        label=_("负责公开的机关名称"), max_length=100, required=False
    )
    referred_agency_contact = forms.CharField(
        label=_("负责公开的机关联系方式"),
        max_length=200,
        required=False,
        help_text=_("条例第三十六条第（五）项：告知申请人该机关的名称、联系方式。"),
    )

    def __init__(self, *args, **kwargs):
        from sunshine.kernel.orgs.selectors import public_agencies

        super().__init__(*args, **kwargs)
        self.fields["referred_agency"].queryset = public_agencies().order_by("path")


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(label=_("送达方式"), choices=DeliveryMethod.choices)
    delivered_on = forms.DateField(
        label=_("送达日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    proof = forms.CharField(label=_("送达凭证"), max_length=200, required=False)


class ReviewCaseForm(forms.Form):
    review_body = forms.CharField(label=_("复议机关"), max_length=100)
    filed_on = forms.DateField(label=_("立案日期"), widget=forms.DateInput(attrs={"type": "date"}))
    case_number = forms.CharField(label=_("案号"), max_length=60, required=False)


class LawsuitForm(forms.Form):
    kind = forms.ChoiceField(label=_("起诉方式"), choices=LawsuitKind.choices)
    court = forms.CharField(label=_("受理法院"), max_length=100)
    filed_on = forms.DateField(label=_("立案日期"), widget=forms.DateInput(attrs={"type": "date"}))
    case_number = forms.CharField(label=_("案号"), max_length=60, required=False)


class CaseResultForm(forms.Form):
    result = forms.ChoiceField(
        label=_("审结结果"), choices=[c for c in CaseResult.choices if c[0] != CaseResult.PENDING]
    )
    decided_on = forms.DateField(
        label=_("审结日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("说明"), required=False)
