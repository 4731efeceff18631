"""Forms of the staff spot-check pages; the services validate (messages next to the fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.governance.spotchecks.choices import Outcome


class PlanForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("机关"), queryset=None)
    title = forms.CharField(label=_("计划名称"), required=False)
    check_item_id = forms.TypedChoiceField(
        label=_("抽查事项（行政检查）"), coerce=int, required=False, empty_value=None
    )
    ratio = forms.DecimalField(
        label=_("抽查比例（%）"), required=False, help_text=_("与抽查数量二者填一项")
    )
    count = forms.IntegerField(label=_("抽查数量（户）"), required=False)
    inspectors_per_target = forms.IntegerField(label=_("每户检查人员数"), initial=2)
    announced_number = forms.CharField(
        label=_("预先公布的数字"),
        required=False,
        help_text=_("随计划公布，参与生成随机种子；留空由系统随机生成"),
    )

    def __init__(self, *args, agencies=None, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["check_item_id"].choices = [("", "—")] + list(items)


class ResultForm(forms.Form):
    target_id = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label=_("检查结果"), choices=Outcome.choices)
    note = forms.CharField(label=_("处理情况"), required=False)
    checked_on = forms.DateField(
        label=_("检查日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX文件"))
