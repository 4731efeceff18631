"""The public comment form. It only collects input: submit_comment validates (length, markup,
sensitive words, spam) and its reasons are shown next to the field, the text kept."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.participation.consultations.comment_services import BODY_MAX


class CommentForm(forms.Form):
    clause = forms.TypedChoiceField(
        label=_("针对条款"), coerce=int, empty_value=None, required=False
    )
    body = forms.CharField(
        label=_("意见内容"),
        required=False,  # the service says "请填写意见内容" in its own words
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": BODY_MAX}),
        help_text=_("最多2000字；请使用文明用语，不要包含网址广告或HTML代码。"),
    )
    is_anonymous = forms.BooleanField(label=_("在公开页面匿名显示"), required=False)

    def __init__(self, *args, clauses=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("对征求意见稿全文"))]
        for clause in clauses:
            text = clause.text.replace("\n", " ")
            preview = text[:24] + ("…" if len(text) > 24 else "")
            choices.append((str(clause.position), f"{clause.label} {preview}"))
        self.fields["clause"].choices = choices
