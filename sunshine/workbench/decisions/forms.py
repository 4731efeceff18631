"""Forms of the staff pages of 重大行政决策. They only collect input; the services validate
and their messages are shown next to the fields (run_action)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.governance.decisions.choices import LegalityConclusion, RiskLevel, TaskStatus
from sunshine.governance.decisions.levels import level_choices

TEXTAREA = {"rows": 4}


def _text(label, **kw):
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs=TEXTAREA), **kw)


class DecisionForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("决策机关"), queryset=None)
    lead_agency = forms.ModelChoiceField(label=_("承办单位"), queryset=None)
    title = forms.CharField(label=_("决策事项"), required=False)
    level = forms.ChoiceField(label=_("决策层级"), choices=())
    summary = _text(_("事项概要"))
    planned_date = forms.DateField(
        label=_("计划完成时间"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label=_("调整理由"),
        required=False,
        help_text=_("目录已公布时，新增事项须说明理由。"),
    )

    def __init__(self, *args, agencies=None, lead_agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["lead_agency"].queryset = lead_agencies
        self.fields["level"].choices = level_choices()


class CandidateSelect(forms.RadioSelect):
    """Radio buttons of the 公众参与 candidates; those that do not count are shown disabled
    (with the reason in their label)."""

    def __init__(self, *args, blocked=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.blocked = set(blocked)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if str(value) in self.blocked:
            option["attrs"]["disabled"] = True
        return option


class ParticipationForm(forms.Form):
    """Pick the consultation or hearing by its title (decisions.steps.participation_candidates:
    this agency's 重大决策预公开 consultations and 听证会/座谈会/咨询协商). The service checks
    again; its reasons (on consultation_id / hearing_id) show next to this field."""

    source = forms.ChoiceField(label=_("关联的征求意见或会议"), widget=CandidateSelect)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["source"]
        field.choices = [(c.value, self._label(c)) for c in candidates]
        field.widget.blocked = {c.value for c in candidates if not c.counts}
        field.error_messages["required"] = _("请选择一个征求意见或听证会、座谈会、咨询协商会。")
        if candidates:
            field.help_text = _(
                "本机关向社会公开的重大决策预公开征求意见和听证会、座谈会、咨询协商会；"
                "灰色的尚不能作为公众参与程序，其后注明原因。"
            )
        else:
            field.help_text = _(
                "本机关还没有向社会公开的重大决策预公开征求意见或听证会、座谈会、咨询协商会。"
                "请先在“征求意见”或“会议”中发布。"
            )

    @staticmethod
    def _label(candidate) -> str:
        kind = _("征求意见") if candidate.kind == "consultation" else _("会议")
        text = f"{kind}：{candidate.title}（{candidate.when}）"
        if candidate.problems:
            text += _("——不计入：%(why)s") % {"why": "；".join(candidate.problems)}
        return text

    def clean(self):
        kind, _sep, pk = (self.cleaned_data.get("source") or "").partition(":")
        if not pk.isdigit():
            return {}
        return {
            "consultation_id": int(pk) if kind == "consultation" else None,
            "hearing_id": int(pk) if kind == "hearing" else None,
        }


# The service names the id it refused; the form shows it beside the picker.
PARTICIPATION_ALIASES = {"consultation_id": "source", "hearing_id": "source"}


class ExpertForm(forms.Form):
    experts = _text(_("论证专家（每行一位）"))
    report = _text(_("专家书面论证意见"))


class RiskForm(forms.Form):
    risk_level = forms.ChoiceField(
        label=_("风险等级"), choices=[("", "---")] + RiskLevel.choices, required=False
    )
    report = _text(_("风险评估报告"))


class LegalityRequestForm(forms.Form):
    legal_office = forms.ModelChoiceField(label=_("合法性审查机构"), queryset=None, required=False)

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_office"].queryset = offices


class LegalityOpinionForm(forms.Form):
    conclusion = forms.ChoiceField(
        label=_("审查结论"), choices=[("", "---")] + LegalityConclusion.choices, required=False
    )
    report = _text(_("合法性审查意见"))


class CollectiveForm(forms.Form):
    meeting_name = forms.CharField(label=_("会议名称"), required=False)
    meeting_date = forms.DateField(
        label=_("会议日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    attendees = _text(_("出席人员"))
    report = _text(_("会议纪要"))
    head_spoke_last = forms.BooleanField(label=_("行政首长最后发表意见"), required=False)
    dissent = _text(_("不同意见（如实载明）"))
    head_against_majority = forms.BooleanField(
        label=_("行政首长拟作出的决定与多数人意见不一致"), required=False
    )
    head_reason = _text(_("行政首长在会上说明的理由"))


class DecideForm(forms.Form):
    decision_text = _text(_("决定内容"))
    override_reason = _text(
        _("未完成程序即决定的理由"), help_text=_("仅在法定程序未完成、由行政首长决定时填写。")
    )


class PublishForm(forms.Form):
    record_url = forms.CharField(label=_("决策文件链接"), required=False)
    interpretation = _text(_("政策解读"))
    interpretation_url = forms.CharField(label=_("解读链接"), required=False)


class WithdrawForm(forms.Form):
    comment = forms.CharField(label=_("终止理由"), required=False)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("任务"), required=False)
    agency = forms.ModelChoiceField(label=_("执行单位"), queryset=None, required=False)
    due_date = forms.DateField(
        label=_("完成时限"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class ProgressForm(forms.Form):
    percent = forms.IntegerField(label=_("完成进度（%）"), min_value=0, max_value=100)
    status = forms.ChoiceField(label=_("状态"), choices=TaskStatus.choices)
    note = _text(_("进展情况"))
    evidence = _text(_("佐证材料"))


class EvaluationForm(forms.Form):
    report = _text(_("决策后评估报告"))


class AdjustForm(forms.Form):
    """目录调整: the entry's fields; once the catalog is public the reason is required."""

    title = forms.CharField(label=_("决策事项"), required=False)
    lead_agency = forms.ModelChoiceField(label=_("承办单位"), queryset=None)
    level = forms.ChoiceField(label=_("决策层级"), choices=())
    summary = _text(_("事项概要"))
    planned_date = forms.DateField(
        label=_("计划完成时间"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("调整理由"), required=False)

    def __init__(self, *args, lead_agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_agency"].queryset = lead_agencies
        self.fields["level"].choices = level_choices()


class RemoveForm(forms.Form):
    reason = forms.CharField(label=_("移出目录的理由"), required=False)
