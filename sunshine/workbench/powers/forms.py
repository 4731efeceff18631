"""Forms of the staff 权力清单 pages; the services validate (messages next to the fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.governance.powers.choices import PowerKind


class DateInput(forms.DateInput):
    input_type = "date"


class _Content(forms.Form):
    kind = forms.ChoiceField(label=_("事项类型"), choices=PowerKind.choices)
    name = forms.CharField(label=_("事项名称"), required=False)
    basis = forms.CharField(
        label=_("设定依据"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("法律、法规、规章名称及条款，如《中华人民共和国食品安全法》第三十五条"),
    )
    subject = forms.CharField(label=_("实施主体"), required=False)
    process = forms.CharField(
        label=_("运行流程"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    responsibility = forms.CharField(
        label=_("责任事项"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    accountability = forms.CharField(
        label=_("追责情形及依据"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    service_code = forms.CharField(
        label=_("关联政务服务事项编码"),
        required=False,
        help_text=_("仅行政许可事项填写：网上办事大厅中该事项的事项编码"),
    )
    effective_from = forms.DateField(label=_("生效日期"), required=False, widget=DateInput)


class PowerItemForm(_Content):
    agency = forms.ModelChoiceField(label=_("机关"), queryset=None)
    code = forms.CharField(label=_("事项编码"), required=False)
    field_order = ["agency", "code", "kind", "name"]

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class ReviseForm(_Content):
    note = forms.CharField(
        label=_("修订说明"),
        required=False,
        help_text=_("依据哪项法规或文件调整"),
    )


class RepealForm(forms.Form):
    on = forms.DateField(label=_("废止日期"), required=False, widget=DateInput)
    note = forms.CharField(label=_("废止依据"), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX文件"))
