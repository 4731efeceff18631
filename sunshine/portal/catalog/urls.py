from django.urls import path

from . import views

# The column provider and sitemap section are registered by sunshine.portal's AppConfig
# (it discovers providers.py in each feature package).
urlpatterns = [
    path("gkml/", views.catalog_list, name="catalog_list"),
    path("gkml/<int:agency_id>/", views.catalog_detail, name="catalog_detail"),
    path("gkml/<int:agency_id>/catalog.xlsx", views.catalog_download, name="catalog_download"),
]
