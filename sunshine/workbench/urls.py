from django.urls import path

from . import user_views, views

app_name = "workbench"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("users/", user_views.user_list, name="users"),
    path("users/new/", user_views.user_create, name="user_create"),
    path("users/<int:pk>/", user_views.user_detail, name="user_detail"),
    path("users/<int:pk>/active/", user_views.user_set_active, name="user_set_active"),
    path(
        "users/<int:pk>/grants/<int:grant_pk>/revoke/",
        user_views.grant_revoke,
        name="grant_revoke",
    ),
]
