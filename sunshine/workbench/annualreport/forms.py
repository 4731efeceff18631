from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.disclosure.annualreport.choices import TEXT_MAX

ROW_LABELS = {"licensing": _("行政许可"), "penalty": _("行政处罚"), "coercion": _("行政强制")}


class ReportForm(forms.Form):
    """Sections 一, 五, 六; the 本年处理决定数量 of the rows no module records; the roll-up."""

    section_one = forms.CharField(
        label=_("一、总体情况"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("可点击下方“插入”把系统统计的数据插入正文，再修改润色。"),
    )
    section_five = forms.CharField(
        label=_("五、存在的主要问题及改进情况"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    section_six = forms.CharField(
        label=_("六、其他需要报告的事项"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, manual_rows=(), government=False, **kwargs):
        super().__init__(*args, **kwargs)
        for row in manual_rows:
            self.fields[f"manual_{row}"] = forms.IntegerField(
                label=_("%(row)s：本年处理决定数量（人工填报）") % {"row": ROW_LABELS[row]},
                required=False,
                min_value=0,
                max_value=10_000_000,
            )
        if government:
            self.fields["rollup"] = forms.BooleanField(
                label=_("汇总所属部门的数据（本级政府年度报告）"), required=False
            )

    def texts(self) -> dict:
        d = self.cleaned_data
        return {"一": d["section_one"], "五": d["section_five"], "六": d["section_six"]}

    def manual(self) -> dict:
        return {
            name.removeprefix("manual_"): ("" if value is None else value)
            for name, value in self.cleaned_data.items()
            if name.startswith("manual_")
        }
