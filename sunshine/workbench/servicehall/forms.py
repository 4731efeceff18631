"""Staff forms for service items and application steps (input only; rules in services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.servicehall.applications.choices import Decision, DeliveryMethod


def _text(label, *, rows=3, max_length=5000, required=False):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": max_length}),
    )


class ItemForm(forms.Form):
    code = forms.CharField(label=_("事项编码"), max_length=40)
    name = forms.CharField(label=_("事项名称"), max_length=200)
    summary = forms.CharField(label=_("事项简介"), max_length=500, required=False)
    basis = _text(_("设定依据"))
    conditions = _text(_("申请条件"), rows=4)
    location = _text(_("办理地点"), rows=2, max_length=1000)
    handling_unit = forms.CharField(label=_("办理机构"), max_length=200, required=False)
    fee_standard = _text(_("收费标准"), rows=2, max_length=2000)
    is_free = forms.BooleanField(label=_("不收费"), required=False)
    fee_basis = forms.CharField(label=_("收费依据"), max_length=300, required=False)
    office_hours = forms.CharField(label=_("办理时间"), max_length=300, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=100, required=False)
    procedure = _text(_("办理流程（每行一步）"), rows=4)
    promised_days = forms.IntegerField(label=_("承诺时限（工作日）"), required=False, min_value=1)
    statutory_days = forms.IntegerField(label=_("法定时限（工作日）"), required=False, min_value=1)
    online = forms.BooleanField(label=_("网上办理"), required=False)
    offline = forms.BooleanField(label=_("窗口办理"), required=False)
    for_persons = forms.BooleanField(label=_("面向个人"), required=False)
    for_enterprises = forms.BooleanField(label=_("面向法人"), required=False)
    themes = forms.ModelMultipleChoiceField(
        label=_("主题"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    agency = forms.ModelChoiceField(label=_("实施机关"), queryset=None)

    def __init__(self, *args, agencies=None, themes=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes
        self.fields["agency"].queryset = agencies
        if editing:
            del self.fields["agency"]
            self.fields["code"].disabled = True


class MaterialForm(forms.Form):
    name = forms.CharField(label=_("材料名称"), max_length=200)
    required = forms.BooleanField(label=_("必交"), required=False, initial=True)
    copies = forms.IntegerField(label=_("份数"), min_value=1, max_value=99, initial=1)
    description = forms.CharField(label=_("说明"), max_length=500, required=False)
    template = forms.FileField(label=_("空白表格/样表（选填）"), required=False)


class StepForm(forms.Form):
    """One form for every step button; the view passes only what the step needs."""

    comment = _text(_("意见 / 理由"), rows=3, max_length=5000)
    missing = _text(_("需补正的材料或内容（每行一项）"), rows=3, max_length=3000)
    decision = forms.ChoiceField(label=_("决定结果"), choices=Decision.choices, required=False)
    delivery_method = forms.ChoiceField(
        label=_("送达方式"), choices=DeliveryMethod.choices, required=False
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("承办人"), queryset=None, required=False)

    def __init__(self, *args, handlers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = handlers
