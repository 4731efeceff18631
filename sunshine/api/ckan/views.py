"""CKAN's Action API (read actions) over the 数据资源目录, for existing CKAN clients and
harvesters: `GET /api/3/action/<action>?…` or `POST` with a JSON body (what ckanapi sends),
answered in CKAN's envelope

    {"help": "<url of help_show>", "success": true, "result": …}
    {"help": …, "success": false, "error": {"__type": "Not Found Error", "message": "…"}}

with CKAN's statuses (404 Not Found Error, 409 Validation Error, 400 Search Query Error,
403 Authorization Error). Only published entries are visible. The datastore of a 有条件开放
dataset answers to an API key of a valid grant (`Authorization` or `X-CKAN-API-Key` header),
as CKAN takes its keys.

Actions: package_list, package_search, package_show, organization_list, organization_show,
group_list, group_show, tag_list, resource_show, datastore_search, help_show, site_read,
status_show. The parameters are CKAN's (see each function)."""

import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from sunshine.opendata.datasets import selectors, services
from sunshine.opendata.datasets.choices import (
    DATASTORE_LIMIT_DEFAULT,
    OpenClass,
    Topic,
)
from sunshine.opendata.datasets.datastore import DatastoreError

from .dicts import group_dict, organization_dict, package_dict, resource_dict, tag_dict

API_VERSION = 3
MAX_ROWS = 1000  # CKAN's ckan.search.rows_max default


class ActionError(Exception):
    status = 400
    type = "Bad request"

    def __init__(self, message: str = "", **fields):
        super().__init__(message)
        self.message = message
        self.fields = fields

    def error(self) -> dict:
        body = {"__type": self.type}
        if self.message:
            body["message"] = self.message
        body.update(self.fields)
        return body


class NotFound(ActionError):
    status, type = 404, "Not Found Error"


class Invalid(ActionError):
    status, type = 409, "Validation Error"


class SearchQueryError(ActionError):
    status, type = 400, "Search Query Error"


class NotAuthorized(ActionError):
    status, type = 403, "Authorization Error"


# --- Parameters ---------------------------------------------------------------------------


def _params(request) -> dict:
    if request.method == "POST":
        if request.content_type == "application/json":
            try:
                body = json.loads(request.body or b"{}")
            except ValueError:
                raise ActionError(
                    "Bad request - JSON Error: Could not parse request body"
                ) from None
            if not isinstance(body, dict):
                raise ActionError("Bad request - JSON Error: Request data must be an object")
            return body
        return {key: request.POST.get(key) for key in request.POST}
    return {key: request.GET.get(key) for key in request.GET}


def _int(data: dict, key: str, default: int, *, maximum: int | None = None) -> int:
    value = data.get(key)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Invalid(**{key: ["Invalid integer"]}) from None
    if number < 0:
        raise Invalid(**{key: ["Must be a natural number"]})
    return min(number, maximum) if maximum is not None else number


def _bool(data: dict, key: str, default: bool = False) -> bool:
    value = data.get(key)
    if value in (None, ""):
        return default
    if isinstance(value, bool):
        return value
    return str(value).lower() in ("true", "1", "yes", "on")


def _json(data: dict, key: str, default):
    value = data.get(key)
    if value in (None, ""):
        return default
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise Invalid(**{key: ["Cannot parse JSON"]}) from None
    return value


def _required(data: dict, key: str) -> str:
    value = data.get(key)
    if value in (None, ""):
        raise Invalid(**{key: ["Missing value"]})
    return str(value)


def _api_key(request) -> str:
    return request.headers.get("Authorization") or request.headers.get("X-CKAN-API-Key") or ""


# --- Actions ------------------------------------------------------------------------------


def package_list(request, data):
    """Names of all published datasets, by name. limit, offset."""
    names = selectors.published().order_by("name").values_list("name", flat=True)
    offset = _int(data, "offset", 0)
    limit = data.get("limit")
    if limit not in (None, ""):
        return list(names[offset : offset + _int(data, "limit", 0)])
    return list(names[offset:])


def package_search(request, data):
    """q, fq, rows (≤ 1000), start, sort ("metadata_modified desc", "name asc", …),
    facet ("true"), facet.field (JSON list), facet.limit (-1: all)."""
    rows = _int(data, "rows", 10, maximum=MAX_ROWS)
    start = _int(data, "start", 0)
    facet_fields = _json(data, "facet.field", [])
    if isinstance(facet_fields, str):
        facet_fields = [facet_fields]
    if not isinstance(facet_fields, list):
        raise Invalid(**{"facet.field": ["Must be a list"]})
    if not _bool(data, "facet", True):
        facet_fields = []
    try:
        facet_limit = int(data.get("facet.limit") or 50)
    except (TypeError, ValueError):
        raise Invalid(**{"facet.limit": ["Invalid integer"]}) from None
    if facet_limit < 0:
        facet_limit = 10_000
    try:
        found = selectors.search(
            q=str(data.get("q") or ""),
            fq=str(data.get("fq") or ""),
            sort=str(data.get("sort") or ""),
            rows=rows,
            start=start,
            facet_fields=tuple(str(f) for f in facet_fields),
            facet_limit=facet_limit,
        )
    except selectors.SearchQueryError as exc:
        raise SearchQueryError(f"Search Query is invalid: {exc}") from None
    selectors.with_details(found.results)
    return {
        "count": found.count,
        "sort": data.get("sort") or "score desc, metadata_modified desc",
        "results": [package_dict(request, d) for d in found.results],
        "facets": {name: {v: n for v, _d, n in items} for name, items in found.facets.items()},
        "search_facets": {
            name: {
                "title": name,
                "items": [{"name": v, "display_name": d, "count": n} for v, d, n in items],
            }
            for name, items in found.facets.items()
        },
    }


def package_show(request, data):
    """id: the dataset's name or id."""
    dataset = selectors.public_dataset(_required(data, "id"))
    if dataset is None:
        raise NotFound("Not found")
    return package_dict(request, dataset)


def resource_show(request, data):
    """id: the resource's id."""
    resource = selectors.public_resource(_required(data, "id"))
    if resource is None:
        raise NotFound("Not found")
    return resource_dict(request, resource.dataset, resource)


def organization_list(request, data):
    """all_fields, sort ("name asc", "package_count desc", "title asc"), limit, offset."""
    orgs = selectors.organizations()
    sort = str(data.get("sort") or "name asc")
    key, _sp, direction = sort.partition(" ")
    if key == "package_count":
        orgs.sort(key=lambda pair: pair[1], reverse=direction.strip() != "asc")
    elif key in ("name", "title", "display_name"):
        index = (
            (lambda pair: selectors.org_slug(pair[0]))
            if key == "name"
            else (lambda pair: pair[0].name)
        )
        orgs.sort(key=index, reverse=direction.strip() == "desc")
    else:
        raise Invalid(sort=[f"Cannot sort by field `{key}`"])
    wanted = _json(data, "organizations", None)
    if wanted:
        orgs = [pair for pair in orgs if selectors.org_slug(pair[0]) in wanted]
    offset = _int(data, "offset", 0)
    limit = _int(data, "limit", 1000, maximum=1000)
    orgs = orgs[offset : offset + limit]
    if _bool(data, "all_fields"):
        return [organization_dict(request, a, n) for a, n in orgs]
    return [selectors.org_slug(a) for a, _n in orgs]


def organization_show(request, data):
    """id: the organization's name or id; include_datasets (up to 10, as CKAN)."""
    found = selectors.organization(_required(data, "id"))
    if found is None:
        raise NotFound("Not found")
    agency, count = found
    result = organization_dict(request, agency, count)
    result["users"] = []
    result["extras"] = []
    result["tags"] = []
    result["groups"] = []
    if _bool(data, "include_datasets"):
        page = selectors.search(filters={"organization": selectors.org_slug(agency)}, rows=10)
        selectors.with_details(page.results)
        result["packages"] = [package_dict(request, d) for d in page.results]
    return result


def group_list(request, data):
    """The topics (主题分类) that have published datasets. all_fields, sort, limit, offset."""
    counts = selectors.topic_counts()
    topics = [t for t in Topic.values if counts.get(t)]
    if str(data.get("sort") or "").startswith("package_count"):
        topics.sort(key=lambda t: -counts[t])
    offset = _int(data, "offset", 0)
    limit = _int(data, "limit", 1000, maximum=1000)
    topics = topics[offset : offset + limit]
    if _bool(data, "all_fields"):
        return [group_dict(request, t, counts[t]) for t in topics]
    return topics


def group_show(request, data):
    topic = _required(data, "id")
    counts = selectors.topic_counts()
    if not counts.get(topic):
        raise NotFound("Not found")
    return group_dict(request, topic, counts[topic])


def tag_list(request, data):
    """Tags of published datasets; query (part of the name), all_fields."""
    names = selectors.tag_names(str(data.get("query") or ""))
    if _bool(data, "all_fields"):
        return [tag_dict(n) for n in names]
    return names


FIELD_TYPES = {
    "string": "text",
    "integer": "int",
    "number": "numeric",
    "date": "date",
    "datetime": "timestamp",
    "boolean": "bool",
}


def datastore_search(request, data):
    """resource_id, q (words anywhere in the row), filters ({field: value or [values]}),
    limit (default 100, ≤ 32000), offset, include_total, total_estimation_threshold (CKAN
    2.9: above it the total may be an estimate, then total_was_estimated is true)."""
    resource = selectors.public_resource(_required(data, "resource_id"))
    if resource is None or not resource.datastore_active:
        raise NotFound(f'Resource "{data.get("resource_id")}" was not found.')
    dataset = resource.dataset
    if dataset.open_class == OpenClass.CONDITIONAL:
        key = _api_key(request)
        allowed = (key and services.use_key(key, dataset) is not None) or (
            selectors.grant_of_user(request.user, dataset) is not None
        )
        if not allowed:
            raise NotAuthorized("Access denied: 有条件开放数据，请先申请并使用授权的 API 密钥。")
    filters = _json(data, "filters", {})
    if not isinstance(filters, dict):
        raise Invalid(filters=["Must be a dict"])
    q = data.get("q") or ""
    if isinstance(q, dict):
        raise Invalid(q=["Per-field full text search is not supported"])
    limit = _int(data, "limit", DATASTORE_LIMIT_DEFAULT)
    offset = _int(data, "offset", 0)
    threshold = None
    if data.get("total_estimation_threshold") not in (None, "", "null"):
        threshold = _int(data, "total_estimation_threshold", 0)
    try:
        records, total, estimated = selectors.datastore_search(
            resource,
            q=str(q),
            filters=filters,
            limit=limit,
            offset=offset,
            include_total=_bool(data, "include_total", True),
            total_estimation_threshold=threshold,
        )
    except DatastoreError as exc:
        raise Invalid(message=str(exc)) from None
    fields = [{"id": "_id", "type": "int"}]
    for f in dataset.fields.all():
        fields.append(
            {
                "id": f.name,
                "type": FIELD_TYPES.get(f.type, "text"),
                "info": {"label": f.title, "notes": f.description, "unit": f.unit},
            }
        )
    base = request.path
    start = f"{base}?resource_id={resource.uuid}"
    result = {
        "resource_id": str(resource.uuid),
        "fields": fields,
        "records": records,
        "records_format": "objects",
        "limit": min(limit, 32_000),
        "offset": offset,
        "include_total": total is not None,
        "total_estimation_threshold": threshold,
        "total_was_estimated": estimated,
        "_links": {"start": start, "next": f"{start}&offset={offset + limit}"},
    }
    if q:
        result["q"] = q
    if filters:
        result["filters"] = filters
    if total is not None:
        result["total"] = total
    return result


def site_read(request, data):
    return True


def status_show(request, data):
    return {
        "site_title": "广东省公共数据开放",
        "site_url": request.build_absolute_uri("/"),
        "ckan_version": "2.10.0",
        "api_version": API_VERSION,
        "locale_default": "zh_Hans_CN",
        "extensions": ["datastore", "dcat"],
    }


def help_show(request, data):
    name = _required(data, "name")
    function = ACTIONS.get(name)
    if function is None:
        raise NotFound(f"Action function not found: {name}")
    return (function.__doc__ or "").strip()


ACTIONS = {
    function.__name__: function
    for function in (
        package_list,
        package_search,
        package_show,
        resource_show,
        organization_list,
        organization_show,
        group_list,
        group_show,
        tag_list,
        datastore_search,
        site_read,
        status_show,
        help_show,
    )
}


@csrf_exempt  # read-only actions; no session write
def action(request, name: str):
    help_url = request.build_absolute_uri(f"/api/{API_VERSION}/action/help_show?name={name}")
    if request.method not in ("GET", "POST", "HEAD"):
        response = JsonResponse(
            {"help": help_url, "success": False, "error": {"__type": "Bad request"}},
            status=405,
        )
        response["Allow"] = "GET, POST"
        return response
    function = ACTIONS.get(name)
    try:
        if function is None:
            raise ActionError(f"Bad request - Action name not known: {name}")
        result = function(request, _params(request))
    except ActionError as exc:
        return JsonResponse(
            {"help": help_url, "success": False, "error": exc.error()},
            status=exc.status,
            json_dumps_params={"ensure_ascii": False},
        )
    response = JsonResponse(
        {"help": help_url, "success": True, "result": result},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
