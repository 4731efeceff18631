from django import forms
from django.utils.translation import gettext_lazy as _

MAX_FILE_BYTES = 512 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("节假日安排文件（JSON）"),
        help_text=_("格式同随系统发布的文件：year、papers、days（name、date、isOffDay）。"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("文件过大（最大 512 KB）。"))
        return upload


class DayForm(forms.Form):
    KIND_CHOICES = [("off", _("休息日（放假）")), ("work", _("调休工作日"))]

    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("类型"), choices=KIND_CHOICES, widget=forms.RadioSelect)
    name = forms.CharField(label=_("名称"), max_length=40, required=False)
    notice_year = forms.IntegerField(
        label=_("所属通知年度"),
        required=False,
        min_value=2007,
        max_value=2100,
        help_text=_("留空则为日期所在年度；年底的调休可能属于下一年度的通知。"),
    )


class WorkdaysForm(forms.Form):
    start = forms.DateField(label=_("起算日"), widget=forms.DateInput(attrs={"type": "date"}))
    n = forms.IntegerField(label=_("工作日数"), min_value=0, max_value=1000)
