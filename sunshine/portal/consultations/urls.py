from django.urls import path

from . import views

urlpatterns = [
    path("zjyj/", views.consultation_list, name="consultation_list"),
    path("zjyj/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("zjyj/<int:pk>/comment/", views.comment_form, name="consultation_comment"),
    path("zjyj/<int:pk>/comments/", views.comment_list, name="consultation_comments"),
    path("zjyj/<int:pk>/results/", views.results, name="consultation_results"),
    path("zjyj/<int:pk>/analytics/", views.analytics, name="consultation_analytics"),
    path(
        "zjyj/<int:pk>/files/<int:attachment_pk>/",
        views.attachment_file,
        name="consultation_file",
    ),
]
