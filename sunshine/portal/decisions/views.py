"""重大行政决策 on the portal: the published 决策事项目录 (per government and year, with its
adjustments and an XLSX export) and each decision's whole dossier on one page — draft →
预公开 → 采纳情况 → decision → 解读 → execution → evaluation. Thin: reads through the
decisions selectors (only published catalogs; a decision's text, 解读 and execution once it is
published)."""

from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.governance.decisions import exports, selectors
from sunshine.governance.decisions.choices import DecisionState, StepKind
from sunshine.governance.decisions.levels import level_label

COLUMN = {
    "current_column": "zdjc",
    "column_name": gettext_lazy("重大行政决策"),
    "column_type": gettext_lazy("决策公开"),
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def catalog_list(request):
    context = {
        **COLUMN,
        "article_title": _("重大行政决策事项目录"),
        "catalogs": selectors.public_catalogs(),
    }
    return render(request, "portal/decisions/catalogs.html", context)


def _catalog(agency_id, year):
    found = selectors.public_catalog(agency_id, year)
    if found is None:
        raise Http404(_("该决策事项目录不存在或尚未公布。"))
    return found


def catalog(request, agency_id, year):
    found = _catalog(agency_id, year)
    entries = list(selectors.catalog_entries(found))
    for d in entries:
        d.level_name = level_label(d.level)
    context = {
        **COLUMN,
        "article_title": _("%(agency)s%(year)s年度重大行政决策事项目录")
        % {"agency": found.agency.name, "year": found.year},
        "catalog": found,
        "entries": entries,
        "adjustments": selectors.catalog_adjustments(found),
    }
    return render(request, "portal/decisions/catalog.html", context)


def catalog_xlsx(request, agency_id, year):
    found = _catalog(agency_id, year)
    response = HttpResponse(exports.catalog_xlsx(found), content_type=XLSX)
    name = quote(exports.catalog_filename(found))
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


def decision_detail(request, pk):
    decision = selectors.decision_for_public(pk)
    if decision is None:
        raise Http404(_("该决策事项不存在或尚未公布。"))
    dossier = selectors.dossier(decision)
    context = {
        **COLUMN,
        "article_title": decision.title,
        "decision": decision,
        "dossier": dossier,
        "participation": next((v for v in dossier.steps if v.kind == StepKind.PARTICIPATION), None),
        "level_name": level_label(decision.level),
        "published": decision.state == DecisionState.PUBLISHED,
        "content_source": decision.agency.name,
    }
    return render(request, "portal/decisions/detail.html", context)
