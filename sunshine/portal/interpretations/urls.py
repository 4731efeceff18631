from django.urls import path

from . import feeds, views

urlpatterns = [
    path("zcjd/", views.interpretation_list, name="interpretations_list"),
    path("zcjd/feed.atom", feeds.interpretation_feed, name="interpretations_feed"),
    path("zcjd/<int:pk>/", views.interpretation_detail, name="interpretations_detail"),
    path(
        "zcjd/<int:pk>/files/<int:attachment_pk>/",
        views.interpretation_file,
        name="interpretations_file",
    ),
]
