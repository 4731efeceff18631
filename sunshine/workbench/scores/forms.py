"""The scheme form: the scheme's values and one row per indicator (the existing ones and a
few blank rows for new indicators; a blank row is left out). Field names follow
services.clean_scheme's error keys (weight_2 …), so a refusal lands beside its field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.assessment.scores.choices import FormulaKind
from sunshine.assessment.scores.providers import choices as source_choices

ROW_FIELDS = ("code", "name", "provider", "weight", "kind", "target", "per_item")
BLANK_ROWS = 3


class SchemeForm(forms.Form):
    year = forms.IntegerField(label=_("考核年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("方案名称"), max_length=200)
    disclosure_share = forms.CharField(
        label=_("政务公开占绩效考核的分值权重（%）"),
        max_length=12,
        help_text=_("不得低于4%（《关于推进阳光政务建设的通知》）。"),
    )

    def __init__(self, *args, agency_choices=None, rows: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        if agency_choices is not None:
            self.fields["agency"] = forms.ModelChoiceField(
                label=_("组织机关"), queryset=agency_choices
            )
            self.order_fields(["agency"])
        self.count = rows
        providers = [("", "—")] + [(k, str(v)) for k, v in source_choices()]
        kinds = [("", "—")] + list(FormulaKind.choices)
        for n in range(rows):
            self.fields[f"code_{n}"] = forms.CharField(
                label=_("代码"), max_length=60, required=False
            )
            self.fields[f"name_{n}"] = forms.CharField(
                label=_("指标名称"), max_length=100, required=False
            )
            self.fields[f"provider_{n}"] = forms.ChoiceField(
                label=_("数据来源"), choices=providers, required=False
            )
            self.fields[f"weight_{n}"] = forms.CharField(
                label=_("分值"), max_length=12, required=False
            )
            self.fields[f"kind_{n}"] = forms.ChoiceField(
                label=_("计分方式"), choices=kinds, required=False
            )
            self.fields[f"target_{n}"] = forms.CharField(
                label=_("达标值"), max_length=12, required=False
            )
            self.fields[f"per_item_{n}"] = forms.CharField(
                label=_("每项扣分"), max_length=12, required=False
            )

    @property
    def table(self) -> list[dict]:
        return [{f: self[f"{f}_{n}"] for f in ROW_FIELDS} for n in range(self.count)]

    def rows(self) -> tuple[list[dict], dict[str, str]]:
        """The filled rows for the service, and the aliases from the service's row numbers
        (over filled rows) to the form's (over all rows)."""
        rows, aliases = [], {}
        for n in range(self.count):
            row = {f: self.cleaned_data.get(f"{f}_{n}") or "" for f in ROW_FIELDS}
            if not any(str(v).strip() for v in row.values()):
                continue
            for f in ROW_FIELDS:
                aliases[f"{f}_{len(rows)}"] = f"{f}_{n}"
            rows.append(row)
        return rows, aliases


def plain(value) -> str:
    return f"{value.normalize():f}"


def initial_rows(indicators) -> dict:
    data = {}
    for n, i in enumerate(indicators):
        data.update(
            {
                f"code_{n}": i.code,
                f"name_{n}": i.name,
                f"provider_{n}": i.provider,
                f"weight_{n}": plain(i.weight),
                f"kind_{n}": i.kind,
                f"target_{n}": "" if i.target is None else plain(i.target),
                f"per_item_{n}": "" if i.per_item is None else plain(i.per_item),
            }
        )
    return data


class RunForm(forms.Form):
    period_end = forms.DateField(
        label=_("统计截止日"),
        required=False,
        help_text=_("留空：考核年度末或今天（取较早者）。"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
