"""Forms of the online service hall. They only collect input; the rules (file types, required
materials, plain text, audience) live in services.applications.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.ratings.forms import RatingForm
from sunshine.servicehall.applications.choices import ApplicantKind

ACCEPT = ".pdf,.docx,.xlsx,.txt,.png,.jpg,.jpeg,.gif,.webp"
FILE_HELP = _("支持 PDF、Word（DOCX）、Excel（XLSX）、文本和图片，单个文件不超过 50 MB。")


class ApplicationForm(forms.Form):
    applicant_kind = forms.ChoiceField(
        label=_("申请人类型"), choices=ApplicantKind.choices, widget=forms.RadioSelect
    )
    applicant_name = forms.CharField(
        label=_("申请人名称（姓名或单位名称）"),
        max_length=200,
        error_messages={"max_length": _("申请人名称不能超过 %(limit_value)d 个字。")},
    )
    contact_phone = forms.CharField(label=_("联系电话"), max_length=30)
    description = forms.CharField(
        label=_("申请事项说明"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
        help_text=_("选填，不超过 2000 字。"),
        error_messages={"max_length": _("申请事项说明不能超过 %(limit_value)d 个字。")},
    )

    def __init__(self, *args, materials=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.materials = list(materials)
        for material in self.materials:
            label = material.name + ("" if material.required else _("（选交）"))
            self.fields[f"material_{material.pk}"] = forms.FileField(
                label=label,
                required=False,
                help_text=material.description or FILE_HELP,
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
            )

    def files_given(self) -> list:
        pairs = []
        for material in self.materials:
            upload = self.cleaned_data.get(f"material_{material.pk}")
            if upload:
                pairs.append((material, upload))
        return pairs


class CorrectionForm(forms.Form):
    note = forms.CharField(
        label=_("补正说明"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
    )
    file1 = forms.FileField(
        label=_("补正材料"), required=False, help_text=FILE_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )  # fmt: skip
    file2 = forms.FileField(
        label=_("补正材料（第二份，选填）"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )  # fmt: skip

    def files_given(self) -> list:
        return [
            (None, f) for f in (self.cleaned_data.get("file1"), self.cleaned_data.get("file2")) if f
        ]


STEP_LABELS = {
    "": _("整个办件"),
    "accept": _("受理环节"),
    "review": _("审查环节"),
    "decide": _("决定环节"),
    "deliver": _("送达环节"),
}


class ApplicationRatingForm(RatingForm):
    """好差评 of the whole application, or (optionally) of one step not rated yet."""

    step = forms.ChoiceField(label=_("评价对象"), required=False)

    def __init__(self, *args, steps=("",), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(s, STEP_LABELS[s]) for s in steps]
        self.order_fields(["step", "level", "comment"])
