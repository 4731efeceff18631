"""The citizen's rating form (好差评), reusable by the modules that own the rated things:

    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rating = save_form(form, lambda **data: rate(obj=item, rater=request.user, **data))

and in the template: {% include "ratings/_rating_form.html" with form=rating_form action=url %}.
The comment keeps the citizen's text when refused (length, markup)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import RatingLevel
from .text import COMMENT_MAX, contains_markup


class RatingForm(forms.Form):
    level = forms.ChoiceField(
        label=_("您对办理结果的评价"),
        choices=RatingLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择评价等级。"), "invalid_choice": _("请选择评价等级。")},
    )
    comment = forms.CharField(
        label=_("评价意见"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX}),
        help_text=_(
            "选填，不超过 500 字；选择“不满意”或“非常不满意”时请写明原因，我们会回访核实。"
        ),
        error_messages={
            "max_length": _("评价意见不能超过 %(limit_value)d 个字（现有 %(show_value)d 个字）。")
        },
    )

    def clean_comment(self):
        text = (self.cleaned_data.get("comment") or "").strip()
        if contains_markup(text):
            raise forms.ValidationError(_("评价意见请使用纯文字，不能包含网页代码或标记。"))
        return text
