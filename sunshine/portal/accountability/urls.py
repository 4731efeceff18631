from django.urls import path

from . import views

urlpatterns = [
    path("wztb/", views.notice_list, name="accountability_list"),
    path("wztb/<int:pk>/", views.notice_detail, name="accountability_detail"),
]
