from django.urls import path

from . import views

urlpatterns = [
    path("", views.power_list, name="powers_list"),
    path("new/", views.power_create, name="powers_create"),
    path("<int:pk>/", views.power_detail, name="powers_detail"),
    path("<int:pk>/revise/", views.power_revise, name="powers_revise"),
    path("<int:pk>/repeal/", views.power_repeal, name="powers_repeal"),
    path("agency/<int:agency_id>/import/", views.power_import, name="powers_import"),
    path("agency/<int:agency_id>/export.xlsx", views.power_export, name="powers_export"),
]
