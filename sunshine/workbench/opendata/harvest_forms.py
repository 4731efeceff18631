"""Forms of the 采集 pages (harvest sources); the harvest services validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.opendata.datasets.choices import Industry, License, Topic
from sunshine.opendata.datasets.harvest_choices import HarvestKind, HarvestSchedule, ResourceMode


class HarvestSourceForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("目标机关"), queryset=None)
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=HarvestKind.choices)
    url = forms.URLField(
        label=_("地址"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "CKAN：网站地址（如 https://data.example.gov.cn）；DCAT：文件地址"
            "（.ttl、.rdf、.jsonld）。只从这个地址采集。"
        ),
    )
    file = forms.FileField(
        label=_("或上传 DCAT 文件"),
        required=False,
        help_text=_("Turtle、RDF/XML 或 JSON-LD 文件；上传的文件只保留数据文件的链接。"),
    )
    organization = forms.CharField(
        label=_("只采集该组织"),
        required=False,
        max_length=100,
        help_text=_("CKAN 的组织标识（organization 的 name），留空采集全部。"),
    )
    schedule = forms.ChoiceField(label=_("定期采集"), choices=HarvestSchedule.choices)
    resource_mode = forms.ChoiceField(label=_("数据文件"), choices=ResourceMode.choices)
    publish = forms.BooleanField(label=_("采集后直接发布"), required=False, initial=True)
    topic = forms.ChoiceField(label=_("默认主题"), choices=Topic.choices, initial="other")
    industry = forms.ChoiceField(label=_("默认行业"), choices=Industry.choices, initial="S")
    license_id = forms.ChoiceField(label=_("默认许可"), choices=License.choices)
    active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, agencies, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if editing:
            self.fields["agency"].disabled = True
            self.fields["kind"].disabled = True
