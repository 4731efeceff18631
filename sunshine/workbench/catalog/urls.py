from django.urls import path

from . import io_views, review_views, views

urlpatterns = [
    path("", views.catalog_home, name="catalog_home"),
    path("<int:agency_id>/", views.catalog_agency, name="catalog_agency"),
    path("<int:agency_id>/create/", views.catalog_create, name="catalog_create"),
    path("<int:agency_id>/new/", views.item_create, name="catalog_item_new"),
    path("<int:agency_id>/import/", io_views.catalog_import, name="catalog_import"),
    path("<int:agency_id>/export.xlsx", io_views.catalog_export, name="catalog_export"),
    path("<int:agency_id>/review/", review_views.review_page, name="catalog_review"),
    path("<int:agency_id>/review/open/", review_views.review_open, name="catalog_review_open"),
    path(
        "<int:agency_id>/review/complete/",
        review_views.review_complete,
        name="catalog_review_complete",
    ),
    path("item/<int:pk>/", views.item_detail, name="catalog_item"),
    path("item/<int:pk>/edit/", views.item_edit, name="catalog_item_edit"),
    path("item/<int:pk>/delete/", views.item_delete, name="catalog_item_delete"),
    path("item/<int:pk>/link/", views.item_link, name="catalog_item_link"),
    path("item/<int:pk>/unlink/<int:record_pk>/", views.item_unlink, name="catalog_item_unlink"),
    path("item/<int:pk>/confirm/", review_views.review_confirm, name="catalog_review_confirm"),
]
