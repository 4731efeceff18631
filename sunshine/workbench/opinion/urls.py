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
    path("<int:pk>/analyses/", views.analyse, name="opinion_analyse"),
    path("<int:pk>/coordinations/new/", views.coordination_create, name="opinion_coordinate"),
    path("coordinations/<int:pk>/", views.coordination_detail, name="opinion_coordination"),
    path(
        "coordinations/<int:pk>/invite/",
        views.coordination_invite,
        name="opinion_coordination_invite",
    ),
    path(
        "coordinations/<int:pk>/conclude/",
        views.coordination_conclude,
        name="opinion_coordination_conclude",
    ),
    path(
        "coordinations/<int:pk>/publish/",
        views.coordination_publish,
        name="opinion_coordination_publish",
    ),
    path("parts/", views.part_list, name="opinion_parts"),
    path("parts/<int:pk>/", views.part_detail, name="opinion_part"),
]
