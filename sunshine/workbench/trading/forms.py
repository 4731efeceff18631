from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.opendata.trading.choices import ComplaintOutcome, FeedFormat


class ImportForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("导入到（监管部门范围）"), queryset=None, empty_label=None
    )
    platform = forms.CharField(
        label=_("交易平台标识"), initial="gdggzy", max_length=40, required=False
    )
    fmt = forms.ChoiceField(label=_("文件格式"), choices=FeedFormat.choices)
    file = forms.FileField(label=_("数据文件"), required=False,
                           help_text=_("CSV（UTF-8，首行为列名）或 JSON，格式见 docs/trading.md。"))  # fmt: skip

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class FeedSourceForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("所属机关"), queryset=None, empty_label=None)
    name = forms.CharField(label=_("数据源名称"), max_length=100, required=False)
    platform = forms.CharField(
        label=_("交易平台标识"), initial="gdggzy", max_length=40, required=False
    )
    url = forms.CharField(label=_("数据地址"), max_length=500, required=False)
    fmt = forms.ChoiceField(label=_("格式"), choices=FeedFormat.choices)
    cron = forms.CharField(label=_("采集时间（cron）"), initial="0 * * * *", max_length=60, required=False,
                           help_text=_("5段 cron 表达式（北京时间），例如“0 * * * *”为每小时整点。"))  # fmt: skip

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("不予受理理由"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CorrectionRequestForm(forms.Form):
    """补正通知 (94号令 Art. 21 (一)): the items and a reasonable time, told once."""

    items = forms.CharField(
        label=_("需要补正的事项"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("一次性写明全部需要补正的事项。"),
    )  # fmt: skip
    due = forms.CharField(
        label=_("补正期限"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("应当晚于今天；补正期间审查期限暂停计算。"),
    )  # fmt: skip


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("处理结果"), choices=[("", "—"), *ComplaintOutcome.choices], required=False
    )
    decision = forms.CharField(
        label=_("处理决定"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class PauseForm(forms.Form):
    reason = forms.CharField(label=_("暂停原因"), required=False, max_length=300,
                             help_text=_("检验、检测、鉴定、专家评审或补正材料的时间不计入处理期限。"))  # fmt: skip


class BlacklistForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("认定机关"), queryset=None, empty_label=None)
    entity_name = forms.CharField(label=_("主体名称"), max_length=200, required=False)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False)
    reason = forms.CharField(
        label=_("失信行为"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    basis = forms.CharField(
        label=_("认定依据"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    valid_from = forms.CharField(
        label=_("公布期限自"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_to = forms.CharField(
        label=_("公布期限至"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("撤销理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
