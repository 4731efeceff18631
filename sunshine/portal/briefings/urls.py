from django.urls import path

from . import views

urlpatterns = [
    path("xwfbh/", views.briefing_list, name="briefings_list"),
    path("xwfbh/<int:pk>/", views.briefing_detail, name="briefings_detail"),
    path(
        "xwfbh/<int:pk>/files/<int:attachment_pk>/",
        views.briefing_file,
        name="briefings_file",
    ),
]
