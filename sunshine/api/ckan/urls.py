"""Mounted at /api/ by config/urls.py (before the JSON 404 of other API versions): CKAN's
Action API under its versioned path and the unversioned one that CKAN clients (ckanapi)
call by default."""

from django.urls import path

from . import views

urlpatterns = [
    path("3/action/<str:name>", views.action, name="ckan_action"),
    path("action/<str:name>", views.action, name="ckan_action_unversioned"),
]
