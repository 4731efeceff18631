from django.urls import path

from . import views

urlpatterns = [
    path("", views.meeting_list, name="meetings_list"),
    path("new/", views.create, name="meetings_create"),
    path("<int:pk>/", views.detail, name="meetings_detail"),
    path("<int:pk>/edit/", views.edit, name="meetings_edit"),
    path("<int:pk>/seats/", views.seats, name="meetings_seats"),
    path("<int:pk>/open/", views.open_applications, name="meetings_open"),
    path("<int:pk>/draw/", views.draw, name="meetings_draw"),
    path("<int:pk>/held/", views.held, name="meetings_held"),
    path("<int:pk>/results/", views.results, name="meetings_results"),
]
