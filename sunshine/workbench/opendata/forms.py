"""Forms of the staff 数据开放 pages; the services validate (messages next to the fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.opendata.datasets.choices import (
    FieldType,
    Frequency,
    Industry,
    License,
    OpenClass,
    ResourceFormat,
    Topic,
)


class DateInput(forms.DateInput):
    input_type = "date"


class DatasetForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=200)
    name = forms.SlugField(
        label=_("标识名"),
        max_length=100,
        required=False,
        help_text=_("接口和网址中使用的英文标识，如 holidays-2026；留空自动生成，发布后不再修改。"),
    )
    notes = forms.CharField(label=_("摘要"), widget=forms.Textarea(attrs={"rows": 4}))
    topic = forms.ChoiceField(label=_("主题分类"), choices=Topic.choices)
    industry = forms.ChoiceField(label=_("行业分类"), choices=Industry.choices)
    open_class = forms.ChoiceField(label=_("开放属性"), choices=OpenClass.choices)
    open_conditions = forms.CharField(
        label=_("开放条件"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    closed_reason = forms.CharField(
        label=_("不予开放理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    closed_basis = forms.CharField(label=_("不予开放依据"), required=False, max_length=300)
    update_frequency = forms.ChoiceField(label=_("更新频率"), choices=Frequency.choices)
    license_id = forms.ChoiceField(label=_("许可"), choices=License.choices)
    tags = forms.CharField(label=_("关键词"), required=False, help_text=_("用逗号分隔"))
    contact_name = forms.CharField(label=_("联系人"), required=False, max_length=60)
    contact_email = forms.EmailField(label=_("联系邮箱"), required=False)
    spatial = forms.CharField(label=_("空间范围"), required=False, max_length=100)


class NewDatasetForm(DatasetForm):
    agency = forms.ModelChoiceField(label=_("提供方"), queryset=None)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.order_fields(["agency"])


SCHEMA_HELP = _(
    "每行一个字段：字段名|中文名称|类型|单位|说明。类型为 string（文本）、integer（整数）、"
    "number（数值）、date（日期）、datetime（日期时间）、boolean（布尔）。"
)


class SchemaForm(forms.Form):
    schema = forms.CharField(
        label=_("字段说明"), widget=forms.Textarea(attrs={"rows": 8}), help_text=SCHEMA_HELP
    )

    def clean_schema(self):
        fields = []
        for number, line in enumerate(self.cleaned_data["schema"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + [""] * 5
            name, title, type_, unit, description = parts[:5]
            if type_ and type_ not in FieldType.values:
                raise forms.ValidationError(
                    _("第 %(n)s 行：类型“%(t)s”无效。") % {"n": number, "t": type_}
                )
            fields.append(
                {
                    "name": name,
                    "title": title,
                    "type": type_ or "string",
                    "unit": unit,
                    "description": description,
                }
            )
        return fields


class ResourceForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=200)
    format = forms.ChoiceField(label=_("格式"), choices=ResourceFormat.choices)
    file = forms.FileField(label=_("数据文件"), required=False)
    url = forms.URLField(label=_("接口地址"), required=False, assume_scheme="https")
    description = forms.CharField(label=_("说明"), required=False)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("版本说明"), required=False, max_length=300)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=300)


class ApproveForm(forms.Form):
    terms = forms.CharField(label=_("使用条件"), widget=forms.Textarea(attrs={"rows": 3}))
    expires_on = forms.DateField(label=_("有效期至"), required=False, widget=DateInput)


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("审核说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class GeneratedDatasetForm(forms.Form):
    """An entry whose files are generated from the platform's own public data (a source)."""

    agency = forms.ModelChoiceField(label=_("提供方"), queryset=None)
    source = forms.ChoiceField(label=_("数据来源"), choices=())
    name = forms.SlugField(
        label=_("标识名"),
        max_length=100,
        required=False,
        help_text=_("接口和网址中使用的英文标识；留空自动生成。"),
    )
    title = forms.CharField(
        label=_("名称"), max_length=200, required=False, help_text=_("留空使用建议的名称。")
    )

    def __init__(self, *args, agencies, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["source"].choices = sources
