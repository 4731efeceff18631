from django.urls import path

from . import catalog, views

urlpatterns = [
    path("sjkf/", views.dataset_list, name="opendata_list"),
    path("sjkf/feed.atom", views.dataset_feed, name="opendata_feed"),
    path("sjkf/my/", views.my_data, name="opendata_my"),
    path("sjkf/my/grants/<int:pk>/key/", views.grant_key, name="opendata_grant_key"),
    path("sjkf/my/applications/<int:pk>/withdraw/", views.withdraw, name="opendata_withdraw"),
    path("sjkf/<slug:name>/", views.dataset_detail, name="opendata_detail"),
    path("sjkf/<slug:name>/datapackage.json", views.datapackage, name="opendata_datapackage"),
    path("sjkf/<slug:name>/apply/", views.apply, name="opendata_apply"),
    path("sjkf/<slug:name>/r/<uuid:rid>/", views.resource_page, name="opendata_resource"),
    path("sjkf/<slug:name>/r/<uuid:rid>/download/", views.download, name="opendata_download"),
    # DCAT-AP 3 (paged: ?page=N).
    path("catalog.ttl", catalog.catalog, {"fmt": "ttl"}, name="opendata_catalog_ttl"),
    path("catalog.jsonld", catalog.catalog, {"fmt": "jsonld"}, name="opendata_catalog_jsonld"),
    path("catalog.rdf", catalog.catalog, {"fmt": "rdf"}, name="opendata_catalog_rdf"),
]
