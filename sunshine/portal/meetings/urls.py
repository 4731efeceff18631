from django.urls import path

from . import views

urlpatterns = [
    path("hygk/", views.meeting_list, name="meetings_list"),
    path("hygk/<int:pk>/", views.meeting_detail, name="meetings_detail"),
    path("hygk/<int:pk>/draw/", views.meeting_draw, name="meetings_draw"),
    path("hygk/<int:pk>/apply/", views.meeting_apply, name="meetings_apply"),
]
