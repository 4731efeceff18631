from django.urls import path

from . import views

urlpatterns = [
    path("", views.run_list, name="sitecheck_runs"),
    path("errors/", views.errorreport_list, name="errorreport_list"),
    path("errors/<int:pk>/", views.errorreport_detail, name="errorreport_detail"),
]
