from django.urls import path

from . import views

urlpatterns = [
    path("", views.case_list, name="accountability_list"),
    path("new/", views.open_case, name="accountability_new"),
    path("statistics/", views.statistics, name="accountability_statistics"),
    path("<int:pk>/", views.detail, name="accountability_detail"),
    path("<int:pk>/act/<str:name>/", views.act, name="accountability_act"),
]
