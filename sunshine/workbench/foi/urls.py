from django.urls import path

from . import annual_views, views

urlpatterns = [
    path("", views.request_list, name="foi_list"),
    path("new/", views.receive, name="foi_receive"),
    path("<int:pk>/", views.detail, name="foi_detail"),
    path("<int:pk>/do/<slug:act>/", views.act, name="foi_act"),
    path("<int:pk>/letter.<str:kind>", views.letter, name="foi_letter"),
    path("annual/", annual_views.annual, name="foi_annual"),
    path("annual.<str:fmt>", annual_views.annual_export, name="foi_annual_export"),
]
