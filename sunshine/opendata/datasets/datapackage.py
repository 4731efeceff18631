"""Frictionless Data Package (`datapackage.json`, Data Package v1 with the tabular profiles) of a
published dataset: its metadata, license, keywords and publisher, and one tabular data resource
per file (CSV, XLSX, JSON) with the dataset's 字段说明 as the Table Schema (name, title, type,
description; the unit as a `unit` property beside them). API links are listed under
`sunshine:apis` — a Data Package resource must be a file a reader can open as a table.

The paths are the portal's download URLs, given by the caller (`url_of(resource)`), so the
package is the same whatever host serves it. A 有条件开放 dataset's files need a grant's key
(the package says so in `sunshine:access`); a 不予开放 entry has no data and so no package."""

import re

from .choices import FORMAT_MEDIA_TYPES, LICENSE_URLS, FieldType, License, OpenClass

PROFILE = "tabular-data-package"
RESOURCE_PROFILE = "tabular-data-resource"
# Booleans as the datastore accepts them (services.BOOLEAN_TEXT), Chinese included.
TRUE_VALUES = ["true", "True", "TRUE", "1", "是"]
FALSE_VALUES = ["false", "False", "FALSE", "0", "否"]
FORMATS = {"CSV": "csv", "XLSX": "xlsx", "JSON": "json"}
SPDX_LICENSES = {"CC-BY-4.0": "CC-BY-4.0", "CC0-1.0": "CC0-1.0"}


def _slug(text: str, fallback: str) -> str:
    """A Data Package name: lower-case letters, digits, '-', '_', '.'."""
    slug = re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-._")
    return slug[:100] or fallback


def _time(value) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def table_schema(fields) -> dict:
    """The Table Schema of the dataset's 字段说明 (DatasetField rows, in order)."""
    out = []
    for f in fields:
        field = {"name": f.name, "type": f.type}
        if f.title:
            field["title"] = f.title
        if f.description:
            field["description"] = f.description
        if f.unit:
            field["unit"] = f.unit
        if f.type == FieldType.BOOLEAN:
            field["trueValues"] = TRUE_VALUES
            field["falseValues"] = FALSE_VALUES
        elif f.type == FieldType.DATETIME:
            # "2026-01-01T08:00:00", "2026-01-01 08:00", with or without a zone: any ISO form.
            field["format"] = "any"
        out.append(field)
    return {"fields": out, "missingValues": [""]}


def license_of(license_id: str) -> dict:
    label = str(dict(License.choices).get(license_id, license_id))
    data = {"path": LICENSE_URLS.get(license_id, ""), "title": label}
    if license_id in SPDX_LICENSES:
        data["name"] = SPDX_LICENSES[license_id]
    return data


def has_package(dataset, resources) -> bool:
    """Whether the dataset gets a datapackage.json: published, not 不予开放, with a file."""
    return dataset.open_class != OpenClass.CLOSED and any(r.format in FORMATS for r in resources)


def build(dataset, fields, resources, *, url_of, homepage: str = "") -> dict:
    """The datapackage.json of `dataset` (its `fields` and `resources` passed in, read once)."""
    schema = table_schema(fields)
    license_ = license_of(dataset.license_id)
    names: set[str] = set()
    data_resources, apis = [], []
    for resource in resources:
        if resource.format not in FORMATS:
            apis.append({"title": resource.name, "path": resource.url})
            continue
        name = _slug(resource.filename.rsplit(".", 1)[0] or resource.name, "resource")
        if name in names:
            name = f"{name}-{resource.position}"
        names.add(name)
        item = {
            "name": name,
            "title": resource.name,
            "path": url_of(resource),
            "profile": RESOURCE_PROFILE,
            "format": FORMATS[resource.format],
            "mediatype": FORMAT_MEDIA_TYPES[resource.format],
            "schema": schema,
            "licenses": [license_],
        }
        if resource.format == "CSV":
            item["encoding"] = "utf-8"
        if resource.description:
            item["description"] = resource.description
        if resource.format != "XLSX":
            # Readers check these against the stream they read; a workbook is read as a file
            # whose byte count a reader does not report, so it goes without them.
            if resource.size:
                item["bytes"] = resource.size
            if resource.sha256:
                item["hash"] = f"sha256:{resource.sha256}"
        data_resources.append(item)
    package = {
        "profile": PROFILE,
        "name": _slug(dataset.name, "dataset"),
        "id": str(dataset.uuid),
        "title": dataset.title,
        "description": dataset.notes,
        "version": f"{max(dataset.version, 1)}.0.0",
        "created": _time(dataset.published_at),
        "keywords": list(dataset.tags),
        "licenses": [license_],
        "contributors": [{"title": dataset.agency.name, "role": "publisher"}],
        "resources": data_resources,
        "sunshine:open_class": dataset.open_class,
        "sunshine:update_frequency": dataset.update_frequency,
        "sunshine:data_updated": _time(dataset.data_updated_at),
    }
    if homepage:
        package["homepage"] = homepage
    if dataset.contact_email:
        package["contributors"].append(
            {
                "title": dataset.contact_name or dataset.agency.name,
                "email": dataset.contact_email,
                "role": "maintainer",
            }
        )
    if dataset.open_class == OpenClass.CONDITIONAL:
        package["sunshine:access"] = dataset.open_conditions
    if apis:
        package["sunshine:apis"] = apis
    return {k: v for k, v in package.items() if v not in (None, "")}
