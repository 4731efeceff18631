"""Forms of the staff 政务公开培训 pages; the services validate (messages next to the fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.assessment.training.choices import AttendanceStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CourseForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("主办机关"), queryset=None)
    title = forms.CharField(label=_("课程名称"), required=False)
    provider = forms.CharField(label=_("授课单位"), required=False)
    topic = forms.CharField(
        label=_("专题"), required=False, help_text=_("如：依申请公开、政策解读")
    )
    hours = forms.CharField(label=_("学时"), required=False)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class SessionForm(forms.Form):
    course = forms.ModelChoiceField(label=_("课程"), queryset=None)
    organizer = forms.ModelChoiceField(label=_("举办机关"), queryset=None)
    agency = forms.ModelChoiceField(
        label=_("参训机关"),
        queryset=None,
        required=False,
        empty_label=_("全省范围"),
        help_text=_("全省范围的班次由省政府办公厅设立"),
    )
    date = forms.CharField(label=_("培训日期"), required=False, widget=DATE)
    online = forms.BooleanField(label=_("线上培训"), required=False)
    place = forms.CharField(label=_("培训地点"), required=False)
    hours = forms.CharField(label=_("学时"), required=False, help_text=_("不填则按课程学时"))

    def __init__(self, *args, courses=None, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses
        self.fields["organizer"].queryset = agencies
        self.fields["agency"].queryset = agencies


class AttendanceForm(forms.Form):
    person = forms.ModelChoiceField(label=_("参训人员"), queryset=None)
    status = forms.ChoiceField(label=_("状态"), choices=AttendanceStatus.choices)
    hours = forms.CharField(label=_("认定学时"), required=False, help_text=_("不填则按班次学时"))
    certificate = forms.CharField(label=_("证书编号"), required=False)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda u: (
            f"{u.display_name or u.email}（{u.agency}）"
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("签到表（CSV）"),
        help_text=_("第一行为表头：邮箱（必填）、姓名、状态（参训/缺席）、学时、证书编号"),
    )
