"""CKAN's dictionaries (package, resource, organization, group, tag) of our entries, in the
shape of CKAN 2.10's `package_show` and friends, read from the domain's selectors."""

import datetime as dt

from django.urls import reverse

from sunshine.opendata.datasets import datapackage, selectors
from sunshine.opendata.datasets.choices import (
    FORMAT_MEDIA_TYPES,
    LICENSE_URLS,
    OPEN_LICENSES,
    Frequency,
    Industry,
    License,
    OpenClass,
    Topic,
)


def ckan_time(value: dt.datetime | None) -> str | None:
    """CKAN writes times as naive UTC ISO 8601 with microseconds."""
    if value is None:
        return None
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def organization_dict(request, agency, count: int | None = None) -> dict:
    data = {
        "id": selectors.org_slug(agency),
        "name": selectors.org_slug(agency),
        "title": agency.name,
        "display_name": agency.name,
        "description": "",
        "type": "organization",
        "is_organization": True,
        "approval_status": "approved",
        "state": "active",
        "image_url": "",
        "image_display_url": "",
        "created": None,
    }
    if count is not None:
        data["package_count"] = count
    return data


def group_dict(request, topic: str, count: int | None = None) -> dict:
    title = str(dict(Topic.choices).get(topic, topic))
    data = {
        "id": topic,
        "name": topic,
        "title": title,
        "display_name": title,
        "description": "",
        "type": "group",
        "is_organization": False,
        "approval_status": "approved",
        "state": "active",
        "image_url": "",
        "image_display_url": "",
    }
    if count is not None:
        data["package_count"] = count
    return data


def tag_dict(name: str) -> dict:
    return {
        "id": name,
        "name": name,
        "display_name": name,
        "state": "active",
        "vocabulary_id": None,
    }


def resource_dict(request, dataset, resource) -> dict:
    if resource.url:
        url = resource.url
    else:
        url = request.build_absolute_uri(
            reverse("portal:opendata_download", args=[dataset.name, resource.uuid])
        )
    return {
        "id": str(resource.uuid),
        "package_id": str(dataset.uuid),
        "name": resource.name,
        "description": resource.description,
        "format": resource.format,
        "mimetype": FORMAT_MEDIA_TYPES.get(resource.format),
        "url": url,
        "url_type": None if resource.url else "upload",
        "size": resource.size,
        "hash": f"sha256:{resource.sha256}" if resource.sha256 else "",
        "position": resource.position,
        "created": ckan_time(resource.created_at),
        "last_modified": ckan_time(resource.modified_at),
        "metadata_modified": ckan_time(resource.modified_at),
        "datastore_active": resource.datastore_active,
        "row_count": resource.row_count,
        "download_count": resource.download_count,
        "state": "active",
        "cache_url": None,
        "resource_type": "api" if resource.url else "file.upload",
    }


def package_dict(request, dataset) -> dict:
    resources = list(dataset.resources.all())
    fields = list(dataset.fields.all())
    license_label = str(dict(License.choices).get(dataset.license_id, dataset.license_id))
    extras = {
        "open_class": dataset.open_class,
        "open_class_label": str(dict(OpenClass.choices).get(dataset.open_class)),
        "open_conditions": dataset.open_conditions,
        "closed_reason": dataset.closed_reason,
        "closed_basis": dataset.closed_basis,
        "update_frequency": dataset.update_frequency,
        "update_frequency_label": str(dict(Frequency.choices).get(dataset.update_frequency)),
        "industry": dataset.industry,
        "industry_label": str(dict(Industry.choices).get(dataset.industry)),
        "topic": dataset.topic,
        "spatial_text": dataset.spatial,
        "published": ckan_time(dataset.published_at),
        "data_updated": ckan_time(dataset.data_updated_at),
        "quality_score": str(dataset.quality_score),
        "download_count": str(dataset.download_count),
        # The Frictionless Data Package of the dataset (portal/opendata/datapackage), if any.
        "datapackage_url": request.build_absolute_uri(
            reverse("portal:opendata_datapackage", args=[dataset.name])
        )
        if datapackage.has_package(dataset, resources)
        else "",
    }
    return {
        "id": str(dataset.uuid),
        "name": dataset.name,
        "title": dataset.title,
        "notes": dataset.notes,
        "type": "dataset",
        "state": "active",
        "private": False,
        "version": str(dataset.version),
        "url": request.build_absolute_uri(reverse("portal:opendata_detail", args=[dataset.name])),
        "author": dataset.agency.name,
        "author_email": None,
        "maintainer": dataset.contact_name or None,
        "maintainer_email": dataset.contact_email or None,
        "license_id": dataset.license_id,
        "license_title": license_label,
        "license_url": LICENSE_URLS.get(dataset.license_id),
        "isopen": dataset.license_id in OPEN_LICENSES
        and dataset.open_class == OpenClass.UNCONDITIONAL,
        "metadata_created": ckan_time(dataset.created_at),
        "metadata_modified": ckan_time(dataset.modified_at),
        "owner_org": selectors.org_slug(dataset.agency),
        "organization": organization_dict(request, dataset.agency),
        "groups": [group_dict(request, dataset.topic)],
        "tags": [tag_dict(t) for t in dataset.tags],
        "num_tags": len(dataset.tags),
        "resources": [resource_dict(request, dataset, r) for r in resources],
        "num_resources": len(resources),
        "extras": [{"key": k, "value": v or ""} for k, v in extras.items()],
        "schema": [
            {
                "id": f.name,
                "title": f.title,
                "type": f.type,
                "unit": f.unit,
                "description": f.description,
            }
            for f in fields
        ],
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }
