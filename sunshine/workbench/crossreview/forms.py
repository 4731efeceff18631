"""Forms of the 交叉互评 staff pages. They collect what was typed; the services validate and
name the fields (the sheet's score_<id>/comment_<id>, the scheme's weight_<row>), so a refused
form comes back with every value the user typed and the reasons beside the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.governance.crossreview.choices import NAME_MAX, SUBMIT_DAYS_MAX
from sunshine.governance.crossreview.results import plain


class RoundForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("组织机关"), queryset=None)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("名称"), max_length=NAME_MAX)
    description = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea)
    submit_days = forms.IntegerField(
        label=_("评分期限（工作日）"),
        required=False,
        min_value=1,
        max_value=SUBMIT_DAYS_MAX,
        help_text=_("留空按平台默认（10个工作日），自开始评审之日的次日起算"),
    )

    def __init__(self, *args, agencies=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["agency"], self.fields["year"]
        else:
            self.fields["agency"].queryset = agencies


class ParticipantsForm(forms.Form):
    agencies = forms.ModelMultipleChoiceField(
        label=_("参评单位"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = candidates


class AutoAssignForm(forms.Form):
    per_agency = forms.IntegerField(
        label=_("每个单位由几个单位评审"), initial=2, min_value=1, max_value=10
    )
    announced_number = forms.CharField(
        label=_("随机数字"),
        required=False,
        max_length=32,
        help_text=_("与参评单位一起决定随机顺序；留空由系统生成"),
    )


class AssignForm(forms.Form):
    reviewed_agency = forms.ModelChoiceField(label=_("被评单位"), queryset=None)
    reviewer_agency = forms.ModelChoiceField(label=_("评审单位"), queryset=None)
    reviewer = forms.ModelChoiceField(
        label=_("评审人"),
        queryset=None,
        required=False,
        help_text=_("留空则评审单位有评分权限的工作人员均可填写"),
    )

    def __init__(self, *args, candidates=None, reviewers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewed_agency"].queryset = candidates
        self.fields["reviewer_agency"].queryset = candidates
        self.fields["reviewer"].queryset = reviewers
        self.fields["reviewer"].label_from_instance = lambda u: (
            f"{u.display_name}（{u.agency.name if u.agency_id else ''}）"
        )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤销理由"), max_length=500)


class SheetForm(forms.Form):
    """One score and one comment per indicator (score_<id>, comment_<id>) and the overall
    comment. The numbers are checked by the service (0 to the indicator's max): a draft may
    leave scores blank, a submission may not."""

    comment = forms.CharField(
        label=_("总体评价"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, rows=(), disabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for row in rows:
            i = row.indicator
            score = forms.CharField(
                label=_("得分（满分%(max)s）") % {"max": plain(i.max_score)},
                required=False,
                initial="" if row.value is None else plain(row.value),
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "size": 6, "autocomplete": "off"}
                ),
            )
            note = forms.CharField(
                label=_("评分说明"),
                required=False,
                initial=row.comment,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            score.disabled = note.disabled = disabled
            self.fields[f"score_{i.pk}"] = score
            self.fields[f"comment_{i.pk}"] = note
            self.rows.append((i, f"score_{i.pk}", f"comment_{i.pk}"))
        self.fields["comment"].disabled = disabled
        self.order_fields([*(f for _i, s, c in self.rows for f in (s, c)), "comment"])

    def bound_rows(self):
        return [(i, self[s], self[c]) for i, s, c in self.rows]

    def values(self) -> tuple[dict, dict, str]:
        data = self.cleaned_data
        scores = {i.pk: data.get(s, "") for i, s, _c in self.rows}
        comments = {i.pk: data.get(c, "") for i, _s, c in self.rows}
        return scores, comments, data.get("comment", "")


ROW_FIELDS = ("group", "name", "code", "criteria", "weight", "max_score")


class IndicatorsForm(forms.Form):
    """The whole scheme as rows (group_<n>, name_<n>, …, delete_<n>, id_<n>); `extra` blank
    rows for new indicators. Field names follow scheme.replace_indicators's error keys."""

    def __init__(self, *args, indicators=(), extra=3, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = int(self.data.get("rows", 0) or 0) if self.is_bound else 0
        if not self.is_bound:
            self.count = len(indicators) + extra
        self.count = max(0, min(self.count, 80))
        existing = list(indicators)
        for n in range(self.count):
            i = existing[n] if n < len(existing) else None
            self.fields[f"id_{n}"] = forms.IntegerField(
                required=False, widget=forms.HiddenInput, initial=i.pk if i else None
            )
            self.fields[f"group_{n}"] = forms.CharField(
                label=_("一级指标"), required=False, initial=i.group if i else ""
            )
            self.fields[f"name_{n}"] = forms.CharField(
                label=_("二级指标"), required=False, initial=i.name if i else ""
            )
            self.fields[f"code_{n}"] = forms.CharField(
                label=_("代码"), required=False, initial=i.code if i else ""
            )
            self.fields[f"criteria_{n}"] = forms.CharField(
                label=_("评分标准"),
                required=False,
                initial=i.criteria if i else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"weight_{n}"] = forms.CharField(
                label=_("权重（%）"),
                required=False,
                initial=plain(i.weight) if i else "",
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
            )
            self.fields[f"max_score_{n}"] = forms.CharField(
                label=_("满分"),
                required=False,
                initial=plain(i.max_score) if i else "",
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
            )
            self.fields[f"delete_{n}"] = forms.BooleanField(label=_("删除"), required=False)

    def table(self):
        return [
            {
                "n": n,
                "id": self[f"id_{n}"],
                "delete": self[f"delete_{n}"],
                **{name: self[f"{name}_{n}"] for name in ROW_FIELDS},
            }
            for n in range(self.count)
        ]

    def rows(self) -> tuple[list[dict], list[int]]:
        """The rows to save (blank new rows and deleted rows left out) and, for each, the
        form row it came from (to put the service's row errors back on the right row)."""
        data, rows, origin = self.cleaned_data, [], []
        for n in range(self.count):
            if data.get(f"delete_{n}"):
                continue
            values = {name: (data.get(f"{name}_{n}") or "").strip() for name in ROW_FIELDS}
            if data.get(f"id_{n}") is None and not any(values.values()):
                continue
            rows.append({"id": data.get(f"id_{n}"), **values})
            origin.append(n)
        return rows, origin
