"""The filters of the 政策文件 list (/zcwj/?agency=&year=&topic=&kind=&validity=&normative=).
A value that is not one of the choices is ignored (an old or hand-made link still shows a
list), never an error page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.disclosure.records.choices import DocKind, Topic, Validity
from sunshine.disclosure.records.selectors import public_records
from sunshine.kernel.orgs.selectors import public_agencies

ALL = [("", _("全部"))]
NORMATIVE_CHOICES = [("", _("全部")), ("1", _("规范性文件")), ("0", _("非规范性文件"))]


def agencies_with_records() -> list:
    """The agencies that have public records, in tree order."""
    having = public_records().values("agency_id")
    return list(
        public_agencies()
        .filter(pk__in=having)
        .select_related(None)
        .only("pk", "name", "depth", "path")
    )


def agency_choices(agencies) -> list[tuple[str, str]]:
    """Choices indented by depth (an ideographic space per level)."""
    base = min((a.depth for a in agencies), default=0)
    return ALL + [(str(a.pk), "\u3000" * (a.depth - base) + a.name) for a in agencies]


def year_choices() -> list[tuple[str, str]]:
    years = public_records().dates("date_written", "year", order="DESC")
    return ALL + [(str(d.year), str(d.year)) for d in years]


class RecordFilterForm(forms.Form):
    agency = forms.ChoiceField(label=_("公开主体"), required=False)
    year = forms.ChoiceField(label=_("成文年份"), required=False)
    topic = forms.ChoiceField(label=_("主题分类"), required=False, choices=ALL + Topic.choices)
    kind = forms.ChoiceField(label=_("公文种类"), required=False, choices=ALL + DocKind.choices)
    validity = forms.ChoiceField(label=_("有效性"), required=False, choices=ALL + Validity.choices)
    normative = forms.ChoiceField(label=_("文件类型"), required=False, choices=NORMATIVE_CHOICES)

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.agencies = {a.pk: a for a in agencies_with_records()}
        self.fields["agency"].choices = agency_choices(list(self.agencies.values()))
        self.fields["year"].choices = year_choices()

    def valid_values(self) -> dict[str, str]:
        """Each filter's value, "" when absent or not one of the choices."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: "" if name in self.errors else cleaned.get(name, "") for name in self.fields}

    def selector_kwargs(self) -> dict:
        """Keyword arguments for public_records(); invalid values are dropped."""
        values = self.valid_values()
        kwargs: dict = {}
        if values["agency"]:
            # The agency and the agencies under it.
            kwargs["within"] = self.agencies[int(values["agency"])]
        if values["year"]:
            kwargs["year"] = int(values["year"])
        for name in ("topic", "kind", "validity"):
            if values[name]:
                kwargs[name] = values[name]
        if values["normative"]:
            kwargs["normative"] = values["normative"] == "1"
        return kwargs

    def query_string(self, **extra) -> str:
        """The active filters as a query string (for pagination links)."""
        from urllib.parse import urlencode

        pairs = [(name, value) for name, value in self.valid_values().items() if value]
        pairs.extend((k, v) for k, v in extra.items() if v)
        return urlencode(pairs)
