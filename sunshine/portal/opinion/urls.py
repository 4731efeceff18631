from django.urls import path

from . import views

urlpatterns = [
    path("hygz/", views.response_list, name="opinion_list"),
    path("hygz/<int:pk>/", views.event_detail, name="opinion_detail"),
]
