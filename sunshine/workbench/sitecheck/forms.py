from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.assessment.sitecheck.services import MAX_PAGES_LIMIT


class RunForm(forms.Form):
    host = forms.ChoiceField(label=_("网站"))
    max_pages = forms.IntegerField(
        label=_("最多检查页面数"), min_value=1, max_value=MAX_PAGES_LIMIT, required=False
    )

    def __init__(self, *args, hosts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].choices = list(hosts)


class ReportForm(forms.Form):
    host = forms.ChoiceField(label=_("网站"))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)

    def __init__(self, *args, hosts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].choices = list(hosts)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("处理说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
