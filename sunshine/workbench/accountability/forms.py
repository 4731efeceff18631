"""Forms of the 问责 staff pages. They only collect input; the services validate and their
messages are shown next to the fields (run_action)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.governance.accountability.choices import CaseState, Outcome, SourceKind

TEXTAREA = {"rows": 4}


def _text(label, **kw):
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs=TEXTAREA), **kw)


class OpenCaseForm(forms.Form):
    """立案, pre-filled from the source (agency, title); the user confirms."""

    agency = forms.ModelChoiceField(label=_("问责对象单位"), queryset=None, required=False)
    title = forms.CharField(label=_("问责事项"), required=False)
    facts = _text(_("问题线索"), help_text=_("立案事由：发现的问题、涉及的事项和时间。"))
    responsible_persons = _text(_("责任人员"), help_text=_("可在处理决定时补充。"))
    source_title = forms.CharField(
        label=_("线索来源"), required=False, help_text=_("如：第三方评估、审计、信访。")
    )
    source_kind = forms.CharField(widget=forms.HiddenInput, required=False)
    source_id = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, agencies=None, with_source=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if with_source:
            del self.fields["source_title"]


class InvestigateForm(forms.Form):
    findings = _text(_("调查核实情况"))


class DecideForm(forms.Form):
    outcomes = forms.MultipleChoiceField(
        label=_("问责方式"),
        choices=Outcome.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("可以单独使用，也可以合并使用；“不予问责”须单独选择。"),
    )
    text = _text(_("处理决定"))
    responsible_persons = _text(_("责任人员"))


class CloseForm(forms.Form):
    text = _text(_("结案情况"), help_text=_("处理决定的执行和整改落实情况。"))


class StatementForm(forms.Form):
    text = _text(_("情况说明"))


class PublishForm(forms.Form):
    summary = _text(_("通报内容"), help_text=_("公开前自动隐去手机号、身份证号等个人信息。"))


class FilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("", _("全部")), ("open", _("办理中"))] + CaseState.choices,
    )
    agency = forms.TypedChoiceField(label=_("问责对象单位"), required=False, coerce=int)
    source = forms.ChoiceField(
        label=_("线索来源"), required=False, choices=[("", _("全部"))] + SourceKind.choices
    )
    outcome = forms.ChoiceField(
        label=_("问责方式"), required=False, choices=[("", _("全部"))] + Outcome.choices
    )
    q = forms.CharField(label=_("搜索"), required=False)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", _("全部"))] + [(a.pk, a.name) for a in agencies]


class PeriodForm(forms.Form):
    since = forms.DateField(
        label=_("立案日期自"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("至"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
