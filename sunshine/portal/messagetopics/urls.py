from django.urls import path

from . import views

urlpatterns = [
    path("hdjl/rd/", views.hot_topics, name="messagetopics_hot"),
    path("hdjl/rd/<int:pk>/", views.hot_topic_detail, name="messagetopics_detail"),
    path("hdjl/tj/", views.statistics, name="messagetopics_stats"),
]
