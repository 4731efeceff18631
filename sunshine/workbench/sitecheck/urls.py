from django.urls import path

from . import views

urlpatterns = [
    path("", views.run_list, name="sitecheck_runs"),
    path("runs/<int:pk>/", views.run_detail, name="sitecheck_run"),
    path("reports/", views.report_list, name="sitecheck_reports"),
    path("reports/<int:pk>/", views.report_detail, name="sitecheck_report"),
    path("reports/<int:pk>/<str:act>/", views.report_act, name="sitecheck_report_act"),
    path("errors/", views.errorreport_list, name="errorreport_list"),
    path("errors/<int:pk>/", views.errorreport_detail, name="errorreport_detail"),
    path("errors/<int:pk>/<str:act>/", views.errorreport_act, name="errorreport_act"),
]
