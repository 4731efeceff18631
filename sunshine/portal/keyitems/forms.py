from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.governance.keyitems.choices import QUESTION_MAX


class SuperviseForm(forms.Form):
    """我要监督: the text only (the service checks length, markup and moderation)."""

    text = forms.CharField(
        label=_("监督内容"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": QUESTION_MAX}),
        help_text=_("请具体说明您关注的问题，不超过%(n)s字。") % {"n": QUESTION_MAX},
    )
