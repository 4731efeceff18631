"""Forms of the staff 工作计划 pages; the services validate (messages next to the fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoundForm(forms.Form):
    year = forms.CharField(label=_("年度"), required=False)
    title = forms.CharField(
        label=_("名称"), required=False, help_text=_("不填则为“某年度政务公开工作计划”")
    )
    due_date = forms.CharField(
        label=_("报送截止日期"),
        required=False,
        widget=DATE,
        help_text=_("截止日为节假日的，顺延至其后第一个工作日"),
    )
    note = forms.CharField(
        label=_("报送要求"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("报送机关"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies


class DocumentForm(forms.Form):
    document = forms.FileField(label=_("计划文件"), help_text=_("PDF、Word（DOCX）等"))


class TaskForm(forms.Form):
    title = forms.CharField(label=_("任务"), required=False)
    owner = forms.ModelChoiceField(label=_("责任人"), queryset=None)
    due_date = forms.CharField(label=_("完成期限"), required=False, widget=DATE)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["owner"].label_from_instance = lambda u: u.display_name or u.email


class SubmitForm(forms.Form):
    summary = forms.CharField(
        label=_("计划要点"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DoneForm(forms.Form):
    result = forms.CharField(
        label=_("完成情况"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
