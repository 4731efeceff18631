from django.urls import path

from . import views

urlpatterns = [
    path("sjgk/", views.plan_list, name="spotchecks_list"),
    path("sjgk/<int:pk>/", views.plan_detail, name="spotchecks_detail"),
]
