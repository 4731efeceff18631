"""Forms of the catalog pages. They only collect input: the services validate, and their
ValidationErrors are shown next to the fields (attach_errors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.disclosure.catalog.choices import Audience, Channel, Level, Mode


class ItemForm(forms.Form):
    number = forms.CharField(label=_("序号"), required=False, max_length=20)
    category = forms.CharField(
        label=_("一级事项"), max_length=100, help_text=_("例如：重大建设项目、财政预决算。")
    )
    subcategory = forms.CharField(label=_("二级事项"), required=False, max_length=200)
    content = forms.CharField(label=_("公开内容(要素)"), widget=forms.Textarea(attrs={"rows": 4}))
    basis = forms.CharField(
        label=_("公开依据"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("法律法规、规章和规范性文件的名称及条款。"),
    )
    time_limit = forms.CharField(
        label=_("公开时限"),
        required=False,
        max_length=200,
        help_text=_(
            "按标准目录的写法填写，例如“信息形成或变更之日起20个工作日内”“每年3月底前”"
            "“每季度结束后15日内”“实时”。系统据此判断事项是否过期未公开。"
        ),
    )
    subject = forms.CharField(
        label=_("公开主体"), required=False, max_length=200, help_text=_("负责公开的机关或单位。")
    )
    channels = forms.MultipleChoiceField(
        label=_("公开渠道和载体"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,  # the service says so, with its own message
        help_text=_("可多选，至少选择一项。"),
    )
    audience = forms.ChoiceField(
        label=_("公开对象"), choices=Audience.choices, widget=forms.RadioSelect, initial="public"
    )
    mode = forms.ChoiceField(
        label=_("公开方式"), choices=Mode.choices, widget=forms.RadioSelect, initial="proactive"
    )
    levels = forms.MultipleChoiceField(
        label=_("公开层级"),
        choices=Level.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("可多选。"),
    )


class EditItemForm(ItemForm):
    active = forms.BooleanField(
        label=_("有效（取消勾选即停用该事项，停用的事项不在公开目录中显示）"), required=False
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("目录文件（XLSX）"),
        help_text=_(
            "第一行为表头：序号、一级事项、二级事项、公开内容(要素)、公开依据、公开时限、公开主体、"
            "公开渠道和载体、公开对象、公开方式、公开层级。可先导出现有目录作为模板。"
        ),
    )
