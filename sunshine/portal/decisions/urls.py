from django.urls import path

from . import views

urlpatterns = [
    path("zdjc/", views.catalog_list, name="decisions_catalogs"),
    path("zdjc/<int:agency_id>/<int:year>/", views.catalog, name="decisions_catalog"),
    path(
        "zdjc/<int:agency_id>/<int:year>/xlsx/", views.catalog_xlsx, name="decisions_catalog_xlsx"
    ),
    path("zdjc/item/<int:pk>/", views.decision_detail, name="decisions_detail"),
]
