from django.urls import path

from . import feed, views

urlpatterns = [
    path("ysqgk/gkdf/", views.answer_list, name="answers_list"),
    path("ysqgk/gkdf/feed.atom", feed.answer_feed, name="answers_feed"),
    path("ysqgk/gkdf/<int:pk>/", views.answer_detail, name="answers_detail"),
    path("ysqgk/gkdf/<int:pk>/files/<int:file_pk>/", views.answer_file, name="answers_file"),
]
