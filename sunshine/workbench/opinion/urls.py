from django.urls import path

from . import views

urlpatterns = [
    path("", views.event_list, name="opinion_list"),
    path("new/", views.create, name="opinion_create"),
    path("<int:pk>/", views.detail, name="opinion_detail"),
    path("<int:pk>/respond/", views.respond, name="opinion_respond"),
    path("<int:pk>/level/", views.change_level, name="opinion_level"),
    path("<int:pk>/reassign/", views.reassign, name="opinion_reassign"),
    path("<int:pk>/close/", views.close, name="opinion_close"),
    path("<int:pk>/items/", views.capture, name="opinion_capture"),
]
