from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="supervision_dashboard"),
    path("agency/<int:pk>/", views.agency_page, name="supervision_agency"),
    path("overdue/", views.overdue, name="supervision_overdue"),
    path("export.xlsx", views.export_xlsx, name="supervision_export"),
]
