from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.sites.models import Site


class SiteIdentityForm(forms.ModelForm):
    """A site's identity, as its footer and page metadata show it."""

    class Meta:
        model = Site
        fields = ["name", "id_code", "sponsor", "contact", "icp", "psb"]


class ColumnForm(forms.Form):
    slug = forms.SlugField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("栏目名称"), max_length=40)
    sort = forms.IntegerField(label=_("导航排序"), min_value=0, max_value=999)
    on_home = forms.BooleanField(label=_("在首页显示"), required=False)
    home_sort = forms.IntegerField(label=_("首页排序"), min_value=0, max_value=999)


ColumnFormSet = forms.formset_factory(ColumnForm, extra=0)


class PushForm(forms.Form):
    """推送到子站: one published record of this site to columns of other sites."""

    record = forms.TypedChoiceField(label=_("政策文件"), coerce=int)
    sites = forms.ModelMultipleChoiceField(
        label=_("推送到"), queryset=Site.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    column = forms.ChoiceField(label=_("子站栏目"))

    def __init__(self, *args, records, sites, columns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record"].choices = [("", _("请选择"))] + [
            (pk, f"{title}（{agency}，{day:%Y-%m-%d}）") for pk, title, agency, day in records
        ]
        self.fields["sites"].queryset = sites
        self.fields["column"].choices = columns
