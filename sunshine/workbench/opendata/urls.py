from django.urls import path

from . import harvest_views, views

urlpatterns = [
    path("", views.dataset_list, name="opendata_list"),
    path("new/", views.dataset_create, name="opendata_create"),
    path("new/generated/", views.dataset_generate, name="opendata_generate"),
    path("<int:pk>/", views.dataset_detail, name="opendata_detail"),
    path("<int:pk>/edit/", views.dataset_edit, name="opendata_edit"),
    path("<int:pk>/schema/", views.dataset_schema, name="opendata_schema"),
    path("<int:pk>/resources/", views.resource_add, name="opendata_resource_add"),
    path(
        "<int:pk>/resources/<int:resource_pk>/delete/",
        views.resource_delete,
        name="opendata_resource_delete",
    ),
    path("<int:pk>/refresh/", views.dataset_refresh, name="opendata_refresh"),
    path("<int:pk>/publish/", views.dataset_publish, name="opendata_publish"),
    path("<int:pk>/withdraw/", views.dataset_withdraw, name="opendata_withdraw"),
    path("applications/", views.application_list, name="opendata_applications"),
    path("applications/<int:pk>/", views.application_detail, name="opendata_application"),
    path("grants/", views.grant_list, name="opendata_grants"),
    path("grants/<int:pk>/revoke/", views.grant_revoke, name="opendata_grant_revoke"),
    path("reviews/", views.review_list, name="opendata_reviews"),
    path("reviews/<int:pk>/", views.review_detail, name="opendata_review"),
    path("harvest/", harvest_views.source_list, name="opendata_harvest"),
    path("harvest/new/", harvest_views.source_create, name="opendata_harvest_create"),
    path("harvest/<int:pk>/", harvest_views.source_detail, name="opendata_harvest_source"),
    path("harvest/<int:pk>/run/", harvest_views.source_run, name="opendata_harvest_run_now"),
    path(
        "harvest/<int:pk>/runs/<int:run_pk>/",
        harvest_views.run_detail,
        name="opendata_harvest_run",
    ),
]
