from django.urls import path

from . import views

urlpatterns = [
    path("", views.project_list, name="trading_list"),
    path("<int:pk>/", views.project_detail, name="trading_detail"),
    path("import/", views.import_page, name="trading_import"),
    path("sources/", views.source_create, name="trading_source_create"),
    path("sources/<int:pk>/pull/", views.source_pull, name="trading_source_pull"),
    path("complaints/", views.complaint_list, name="trading_complaints"),
    path("complaints/<int:pk>/", views.complaint_detail, name="trading_complaint"),
    path(
        "complaints/<int:pk>/files/<int:file_pk>/",
        views.complaint_file,
        name="trading_complaint_file",
    ),
    path("complaints/<int:pk>/<slug:act>/", views.complaint_act, name="trading_complaint_act"),
    path("blacklist/", views.blacklist, name="trading_blacklist"),
    path("blacklist/<int:pk>/<slug:act>/", views.blacklist_act, name="trading_blacklist_act"),
]
