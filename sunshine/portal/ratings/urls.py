from django.urls import path

from . import views

urlpatterns = [
    path("hcp/", views.hcp, name="ratings_hcp"),
    path("hcp/<int:pk>/", views.hcp_case, name="ratings_hcp_case"),
]
