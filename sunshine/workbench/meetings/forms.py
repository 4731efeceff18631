"""Forms of the staff meeting pages. They only collect input; the services validate and their
messages are shown next to the fields (save_form / attach_errors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.participation.meetings.choices import (
    PUBLISH_MODES,
    Category,
    MeetingKind,
    MeetingOpenness,
)

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class LocalDateTimeField(forms.DateTimeField):
    """A datetime-local input, Asia/Shanghai wall time."""

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATETIME_FORMATS)
        kwargs.setdefault(
            "widget",
            forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        )
        super().__init__(**kwargs)


class MeetingForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("召开单位"), queryset=None)
    title = forms.CharField(label=_("会议名称"), required=False)
    # 听证会 / 座谈会 / 咨询协商 can be linked as a major decision's 公众参与 step.
    kind = forms.ChoiceField(
        label=_("会议类型"),
        choices=MeetingKind.choices,
        initial=MeetingKind.MEETING,
        required=False,
    )
    description = forms.CharField(
        label=_("会议议题"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_at = LocalDateTimeField(label=_("召开时间"))
    place = forms.CharField(label=_("地点"), required=False)
    openness = forms.ChoiceField(
        label=_("公开属性"), choices=MeetingOpenness.choices, widget=forms.RadioSelect
    )
    publish_modes = forms.MultipleChoiceField(
        label=_("公开方式"),
        choices=PUBLISH_MODES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    applications_close_at = LocalDateTimeField(
        label=_("列席报名截止时间"),
        required=False,
        help_text=_("到时系统自动截止报名并抽签；须早于召开时间。"),
    )
    live_url = forms.CharField(
        label=_("直播地址"),
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    def clean_kind(self):
        # Not sent (an older page or client): keep what the meeting has.
        return self.cleaned_data.get("kind") or self.initial.get("kind") or MeetingKind.MEETING

    def __init__(self, *args, agencies=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["agency"]
        else:
            self.fields["agency"].queryset = agencies


class SeatsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for c in Category:
            self.fields[c.value] = forms.IntegerField(
                label=c.label, min_value=0, max_value=500, required=False
            )

    def seats(self) -> dict[str, int]:
        return {c.value: self.cleaned_data.get(c.value) or 0 for c in Category}


class OpenForm(forms.Form):
    announced_number = forms.CharField(
        label=_("预先公布的数字"),
        max_length=64,
        help_text=_("开放报名时公布，报名截止后与报名名单一起决定随机种子；例如当日某公开数据。"),
    )


class ResultsForm(forms.Form):
    minutes = forms.CharField(
        label=_("会议纪要或摘要"), widget=forms.Textarea(attrs={"rows": 10}), required=False
    )
    decisions = forms.CharField(
        label=_("会议决定"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
