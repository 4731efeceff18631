from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/unlock/", views.unlock_request, name="unlock_request"),
    path("login/unlock/<str:token>/", views.unlock_login, name="unlock"),
    path("logout/", views.logout_view, name="logout"),
    path("register/", views.register_citizen, name="register_citizen"),
    path("register/enterprise/", views.register_enterprise, name="register_enterprise"),
    path("me/", views.me, name="me"),
    path("me/export/", views.export_data, name="export"),
    path("me/delete/", views.delete_account, name="delete"),
]
