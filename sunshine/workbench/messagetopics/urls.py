from django.urls import path

from . import views

urlpatterns = [
    path("", views.statistics, name="messagetopics_stats"),
    path("export.<str:fmt>", views.export, name="messagetopics_export"),
    path("groups/", views.group_list, name="messagetopics_groups"),
    path("groups/merge/", views.group_merge, name="messagetopics_merge"),
    path("groups/refresh/", views.group_refresh, name="messagetopics_refresh"),
    path("groups/<int:pk>/", views.group_detail, name="messagetopics_group"),
    path("groups/<int:pk>/split/", views.group_split, name="messagetopics_split"),
]
