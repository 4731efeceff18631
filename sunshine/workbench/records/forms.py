"""Forms of the records pages. They only read the input (types, dates, which records the
related-file lines name); every rule of a record — required fields, the 公开属性 reason and
ground, the 文号 — is checked by the records services, whose errors are put next to the fields
(by workbench.actions.run_action)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.disclosure.records.choices import DisclosureMode, DocKind, Topic, WithheldGround
from sunshine.disclosure.records.selectors import public_records, staff_records
from sunshine.disclosure.records.validation import FIXED_ONCE_PUBLISHED
from sunshine.disclosure.records.workflow import RecordState
from sunshine.kernel.access.policy import agencies_for
from sunshine.kernel.orgs.selectors import agency_choices

BLANK = [("", "——")]


def _mark_required(*fields) -> None:
    """Shown with an asterisk and aria-required, checked by the service (not the form)."""
    for field in fields:
        field.marked_required = True
        field.widget.attrs["aria-required"] = "true"


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return "\u3000" * max(obj.depth - 1, 0) + obj.name


class RecordFieldsForm(forms.Form):
    """The fields a drafter edits (validation.EDITABLE_FIELDS)."""

    title = forms.CharField(label=gettext_lazy("标题"), max_length=300, required=False)
    doc_number = forms.CharField(
        label=gettext_lazy("文号"),
        max_length=60,
        required=False,
        help_text=gettext_lazy(
            "如：粤府办〔2016〕1号（也可输入 [2016]、(2016)，保存时统一格式）；没有文号可不填。"
        ),
    )
    issuer = AgencyChoiceField(
        label=gettext_lazy("发文机关"),
        queryset=agency_choices().order_by("path"),
        required=False,
        empty_label=None,
    )
    recipients = forms.CharField(label=gettext_lazy("主送机关"), max_length=500, required=False)
    date_written = forms.DateField(
        label=gettext_lazy("成文日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    topic = forms.ChoiceField(
        label=gettext_lazy("主题分类"), choices=BLANK + Topic.choices, required=False
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("公文种类"), choices=BLANK + DocKind.choices, required=False
    )
    normative = forms.BooleanField(label=gettext_lazy("规范性文件"), required=False)
    keywords = forms.CharField(label=gettext_lazy("主题词"), max_length=200, required=False)
    disclosure_mode = forms.ChoiceField(
        label=gettext_lazy("公开属性"),
        choices=DisclosureMode.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("起草时必须确定公开属性（国办发〔2016〕80号）。"),
    )
    withheld_ground = forms.ChoiceField(
        label=gettext_lazy("不予主动公开的依据"),
        choices=BLANK + WithheldGround.choices,
        required=False,
        help_text=gettext_lazy("仅依申请公开、不予公开时填写。"),
    )
    withheld_reason = forms.CharField(
        label=gettext_lazy("不予主动公开的理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("仅依申请公开、不予公开时填写。"),
    )
    body = forms.CharField(
        label=gettext_lazy("正文"), required=False, widget=forms.Textarea(attrs={"rows": 16})
    )
    needs_interpretation = forms.BooleanField(label=gettext_lazy("需要政策解读"), required=False)
    related = forms.CharField(
        label=gettext_lazy("相关文件"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("每行一个索引号或文号。"),
    )

    # The service's names for the fields (the form uses the same ones).
    service_fields = (
        "title",
        "doc_number",
        "issuer",
        "recipients",
        "date_written",
        "topic",
        "kind",
        "normative",
        "keywords",
        "disclosure_mode",
        "withheld_ground",
        "withheld_reason",
        "body",
        "needs_interpretation",
        "related",
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        present = [self.fields[n] for n in ("title", "date_written", "topic", "kind")]
        present += [self.fields[n] for n in ("disclosure_mode", "issuer") if n in self.fields]
        _mark_required(*present)

    def clean_body(self) -> str:
        return self.cleaned_data["body"].replace("\r\n", "\n")

    def clean_related(self) -> list:
        """The records the lines name: the user's own agencies' records or public ones."""
        lines = [line.strip() for line in self.cleaned_data["related"].splitlines()]
        tokens = list(dict.fromkeys(t for t in lines if t))
        if not tokens:
            return []
        match = Q(index_number__in=tokens) | Q(doc_number__in=tokens)
        found = list(staff_records(self.user).filter(match)) + list(public_records().filter(match))
        by_token = {}
        for record in found:
            by_token.setdefault(record.index_number, record)
            if record.doc_number:
                by_token.setdefault(record.doc_number, record)
        missing = [t for t in tokens if t not in by_token]
        if missing:
            raise ValidationError(
                _("找不到以下索引号或文号的政府信息：%(list)s") % {"list": "、".join(missing)}
            )
        return list({by_token[t].pk: by_token[t] for t in tokens}.values())

    GROUPS = [
        (
            gettext_lazy("文件信息"),
            ["agency", "title", "doc_number", "issuer", "recipients", "date_written"]
            + ["topic", "kind", "keywords", "normative"],
        ),
        (
            gettext_lazy("公开与解读"),
            ["disclosure_mode", "withheld_ground", "withheld_reason", "needs_interpretation"],
        ),
        (gettext_lazy("正文与相关文件"), ["body", "related"]),
        (gettext_lazy("修订"), ["change_note"]),
    ]

    WIDE = ["title", "recipients", "disclosure_mode", "withheld_reason", "body", "related"]
    WIDE += ["change_note"]
    WITHHELD = ["withheld_ground", "withheld_reason"]

    def groups(self) -> list:
        """(legend, bound fields) for the template, skipping fields this form has not."""
        result = []
        for legend, names in self.GROUPS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                result.append((legend, fields))
        return result

    def values(self) -> dict:
        """The cleaned values under the service's keyword names."""
        return {
            name: self.cleaned_data.get(name) for name in self.service_fields if name in self.fields
        }

    @staticmethod
    def initial_for(record) -> dict:
        initial = {name: getattr(record, name) for name in RecordFieldsForm.service_fields}
        initial["issuer"] = record.issuer_id
        initial["related"] = "\n".join(r.index_number for r in record.related.all())
        return initial


class RecordCreateForm(RecordFieldsForm):
    """A new draft: the 公开主体 is one of the agencies the user may draft for."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        agencies = agencies_for(user, "record.draft").order_by("path")
        self.fields = {
            "agency": AgencyChoiceField(
                label=gettext_lazy("公开主体（起草机关）"),
                queryset=agencies,
                empty_label=None,
                help_text=gettext_lazy("索引号按该机关和成文年份自动编排。"),
            ),
            **self.fields,
        }
        _mark_required(self.fields["agency"])
        self.fields["issuer"].help_text = gettext_lazy("默认与公开主体相同。")
        if user.agency_id and "agency" not in self.initial:
            self.initial["agency"] = user.agency_id
            self.initial.setdefault("issuer", user.agency_id)


class ReviseForm(RecordFieldsForm):
    """A published record's revision: what changed, and why (修订说明)."""

    change_note = forms.CharField(
        label=gettext_lazy("修订说明"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("说明修改了什么、为什么修改；将随新版本公开。"),
    )

    def __init__(self, *args, user, record, **kwargs):
        self.record = record
        super().__init__(*args, user=user, **kwargs)
        for name in FIXED_ONCE_PUBLISHED:
            del self.fields[name]  # not offered: services.revise refuses them
        _mark_required(self.fields["change_note"])

    def changes(self) -> dict:
        """Only the fields whose value differs from the published one."""
        current = RecordFieldsForm.initial_for(self.record)
        changes = {}
        for name, value in self.values().items():
            if name == "related":
                if {r.pk for r in value} != {r.pk for r in self.record.related.all()}:
                    changes[name] = value
            elif name == "issuer":
                if getattr(value, "pk", None) != current["issuer"]:
                    changes[name] = value
            elif (value or "") != (current[name] or ""):
                changes[name] = value
        return changes


class RecordListFilter(forms.Form):
    q = forms.CharField(label=gettext_lazy("搜索"), required=False)
    state = forms.ChoiceField(
        label=gettext_lazy("状态"),
        required=False,
        choices=[("", gettext_lazy("全部状态"))] + RecordState.choices,
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("公开属性"),
        required=False,
        choices=[("", gettext_lazy("全部"))] + DisclosureMode.choices,
    )

    def value(self, name: str) -> str:
        self.is_valid()
        return "" if name in self.errors else getattr(self, "cleaned_data", {}).get(name, "")


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("上传附件"),
        help_text=gettext_lazy("PDF、DOCX、XLSX、TXT 或图片。"),
    )
