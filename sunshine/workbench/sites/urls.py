from django.urls import path

from . import views

urlpatterns = [
    path("", views.site_list, name="sites_list"),
    path("<int:pk>/", views.site_edit, name="sites_edit"),
    path("<int:pk>/columns/", views.site_columns, name="sites_columns"),
    path("<int:pk>/push/", views.site_push, name="sites_push"),
    path("shared/<int:pk>/withdraw/", views.shared_withdraw, name="sites_withdraw"),
]
