"""Forms of the opinion pages. They only collect input: the services validate and their
ValidationErrors are shown next to the fields (attach_errors). Each form on the event page
has its own prefix, so the fields' ids stay unique."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.orgs.models import Agency
from sunshine.participation.opinion.choices import (
    COORDINATION_HOURS_MAX,
    COORDINATION_HOURS_MIN,
    EvaluationScore,
    OpinionLevel,
    ResponseChannel,
    ResponseKind,
    ResponseMethod,
    SourceChannel,
    Trend,
)

MOMENT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]


def moment_field(label, *, required=True, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=MOMENT_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=help_text,
        error_messages={"invalid": _("请按“年-月-日 时:分”填写时间。")},
    )


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return "　" * obj.depth + obj.name


class EventForm(forms.Form):
    title = forms.CharField(label=_("事件名称"), max_length=200)
    involved_agency = AgencyChoiceField(
        label=_("涉事单位"),
        queryset=Agency.objects.none(),
        help_text=_("涉事单位首先负责回应（首接负责）。"),
    )
    level = forms.ChoiceField(
        label=_("舆情级别"),
        choices=OpinionLevel.choices,
        help_text=_(
            "重大突发事件：5小时内发布权威信息、24小时内举行新闻发布会；其他：48小时内回应。"
        ),
    )
    source = forms.ChoiceField(label=_("来源渠道"), choices=SourceChannel.choices)
    source_url = forms.CharField(label=_("来源网址"), required=False, max_length=500)
    first_seen_at = moment_field(_("首次发现时间"), help_text=_("时限从此刻起按小时计算。"))
    summary = forms.CharField(
        label=_("舆情概要"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["involved_agency"].queryset = (
            agencies if agencies is not None else Agency.objects.none()
        )


class ResponseForm(forms.Form):
    prefix = "resp"
    kind = forms.ChoiceField(label=_("回应类型"), choices=ResponseKind.choices)
    channel = forms.ChoiceField(label=_("回应渠道"), choices=ResponseChannel.choices)
    responded_at = moment_field(
        _("回应时间"), required=False, help_text=_("不填即为现在；已发布的可补记发布时间。")
    )
    text = forms.CharField(label=_("回应内容"), widget=forms.Textarea(attrs={"rows": 5}))
    url = forms.CharField(label=_("原文网址"), required=False, max_length=500)
    publish = forms.BooleanField(label=_("在门户“回应关切”栏目公开"), required=False, initial=True)


class LevelForm(forms.Form):
    prefix = "level"
    level = forms.ChoiceField(label=_("新的舆情级别"), choices=OpinionLevel.choices)
    reason = forms.CharField(label=_("调整理由"), widget=forms.Textarea(attrs={"rows": 2}))


class ReassignForm(forms.Form):
    prefix = "reassign"
    agency = AgencyChoiceField(
        label=_("新的责任单位"),
        queryset=Agency.objects.filter(is_active=True)
        .only("id", "name", "depth", "path")
        .order_by("path"),
    )
    reason = forms.CharField(label=_("变更理由"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    prefix = "close"
    evaluation_score = forms.TypedChoiceField(
        label=_("效果评估"), choices=EvaluationScore.choices, coerce=int
    )
    evaluation_text = forms.CharField(label=_("评估意见"), widget=forms.Textarea(attrs={"rows": 3}))


class ItemForm(forms.Form):
    prefix = "item"
    text = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 3}))
    source = forms.ChoiceField(label=_("来源渠道"), choices=SourceChannel.choices)
    url = forms.CharField(label=_("网址"), required=False, max_length=500)
    author_label = forms.CharField(label=_("发布者"), required=False, max_length=100)
    captured_at = moment_field(_("采集时间"))


# --- 研判 and 会商 -------------------------------------------------------------------------


class AnalysisForm(forms.Form):
    prefix = "an"
    level = forms.ChoiceField(
        label=_("研判级别"),
        choices=OpinionLevel.choices,
        help_text=_("与当前级别不同时，事件级别及回应时限随之调整（需有调整级别的权限）。"),
    )
    level_reason = forms.CharField(
        label=_("调整级别理由"),
        required=False,
        max_length=500,
        help_text=_("研判级别与当前级别不同时必填。"),
    )
    trend = forms.ChoiceField(label=_("舆情走势"), choices=Trend.choices)
    concerns = forms.CharField(label=_("主要关切"), widget=forms.Textarea(attrs={"rows": 3}))
    method = forms.ChoiceField(label=_("建议回应方式"), choices=ResponseMethod.choices)
    talking_points = forms.CharField(
        label=_("回应口径"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    coordination = forms.TypedChoiceField(
        label=_("依据的会商"), required=False, coerce=int, empty_value=None, choices=()
    )

    def __init__(self, *args, coordinations=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(c.pk, c.topic) for c in coordinations]
        if choices:
            self.fields["coordination"].choices = [("", _("（不依据会商）")), *choices]
        else:
            del self.fields["coordination"]


class CoordinationForm(forms.Form):
    """Open a 会商 with its first invited agency (more are invited on its page)."""

    topic = forms.CharField(label=_("会商议题"), max_length=200)
    brief = forms.CharField(
        label=_("情况通报"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("受邀单位可见：事件情况和需要各单位配合的事项。"),
    )
    hours = forms.IntegerField(
        label=_("答复时限（小时）"),
        min_value=COORDINATION_HOURS_MIN,
        max_value=COORDINATION_HOURS_MAX,
        help_text=_("从邀请时起按小时计算（含夜间和节假日）。"),
    )
    agency = AgencyChoiceField(
        label=_("受邀单位"),
        queryset=Agency.objects.filter(is_active=True)
        .only("id", "name", "depth", "path")
        .order_by("path"),
    )
    question = forms.CharField(
        label=_("请该单位答复的问题"), widget=forms.Textarea(attrs={"rows": 3})
    )


class InviteForm(forms.Form):
    prefix = "inv"
    agency = AgencyChoiceField(
        label=_("受邀单位"),
        queryset=Agency.objects.filter(is_active=True)
        .only("id", "name", "depth", "path")
        .order_by("path"),
    )
    question = forms.CharField(
        label=_("请该单位答复的问题"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    prefix = "ans"
    answer = forms.CharField(label=_("答复意见"), widget=forms.Textarea(attrs={"rows": 6}))


class ConcludeForm(forms.Form):
    prefix = "jr"
    joint_response = forms.CharField(
        label=_("联合回应（统一口径）"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("形成后，尚未答复的单位视为未答复；发布前可修改。"),
    )


class PublishJointForm(forms.Form):
    prefix = "pub"
    kind = forms.ChoiceField(label=_("回应类型"), choices=ResponseKind.choices)
    channel = forms.ChoiceField(label=_("回应渠道"), choices=ResponseChannel.choices)
    url = forms.CharField(label=_("原文网址"), required=False, max_length=500)
    responded_at = moment_field(
        _("回应时间"), required=False, help_text=_("不填即为现在；已发布的可补记发布时间。")
    )
