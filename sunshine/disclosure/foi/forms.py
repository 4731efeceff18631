"""The application form (申请表), shared by the portal's online form and the workbench's
registration of letters and counter applications. It only collects input; the rules are in
validation.py, whose errors are put back on these fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ApplicantType, DeliveryForm
from .validation import DESCRIPTION_MAX


class ApplicationForm(forms.Form):
    applicant_type = forms.ChoiceField(
        label=_("申请人类型"), choices=ApplicantType.choices, widget=forms.RadioSelect
    )
    applicant_name = forms.CharField(label=_("申请人姓名或名称"), max_length=100)
    id_number = forms.CharField(
        label=_("居民身份证号码"),
        max_length=18,
        required=False,
        help_text=_("自然人填写。"),
    )
    credit_code = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=18,
        required=False,
        help_text=_("法人或其他组织填写。"),
    )
    contact_person = forms.CharField(label=_("联系人"), max_length=60, required=False)
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.CharField(
        label=_("电子邮箱"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(label=_("通信地址"), max_length=200, required=False)
    description = forms.CharField(
        label=_("所需政府信息的名称、文号或者便于查询的其他特征性描述"),
        max_length=DESCRIPTION_MAX * 2,  # the service names the limit in its own words
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("不超过 %(n)s 字。") % {"n": DESCRIPTION_MAX},
    )
    delivery_form = forms.ChoiceField(
        label=_("获取信息的方式"), choices=DeliveryForm.choices, widget=forms.RadioSelect
    )
    publish_consent = forms.BooleanField(
        label=_("同意在去除个人信息后公开本申请的答复及提供的信息"),
        required=False,
        initial=False,
        help_text=_(
            "勾选后，答复内容和提供的信息将在去除姓名、证件号码、联系方式等个人信息后收入"
            "“公开答复库”，供他人查阅；不勾选不影响申请的办理。"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every rule (required fields included) is the service's: all problems are named at
        # once, in its words. The asterisks still tell which fields are needed.
        for name, field in self.fields.items():
            field.required = False
            if name in REQUIRED:
                field.widget.attrs["aria-required"] = "true"


REQUIRED = {"applicant_type", "applicant_name", "phone", "description", "delivery_form"}
