from django.urls import path

from . import views

urlpatterns = [
    path("", views.report_list, name="annualreport_list"),
    path("<int:agency_id>/<int:year>/", views.report_detail, name="annualreport_detail"),
    path("<int:agency_id>/<int:year>/publish/", views.report_publish, name="annualreport_publish"),
    path(
        "<int:agency_id>/<int:year>/download.<str:fmt>",
        views.report_download,
        name="annualreport_download",
    ),
]
