from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="scores_home"),
    path("schemes/new/", views.scheme_create, name="scores_scheme_create"),
    path("schemes/<int:pk>/", views.scheme_detail, name="scores_scheme"),
    path("schemes/<int:pk>/edit/", views.scheme_edit, name="scores_scheme_edit"),
    path("schemes/<int:pk>/compute/", views.scheme_compute, name="scores_compute"),
    path("runs/<int:pk>/", views.run_detail, name="scores_run"),
    path("runs/<int:pk>/export.xlsx", views.run_export, name="scores_export"),
    path("runs/<int:pk>/agencies/<int:agency_id>/", views.agency_detail, name="scores_agency"),
    path(
        "runs/<int:pk>/agencies/<int:agency_id>/<str:code>/",
        views.evidence,
        name="scores_evidence",
    ),
]
