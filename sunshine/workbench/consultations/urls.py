from django.urls import path

from . import comment_views, views

urlpatterns = [
    path("", views.consultation_list, name="consultation_list"),
    path("new/", views.create, name="consultation_create"),
    path("<int:pk>/", views.detail, name="consultation_detail"),
    path("<int:pk>/edit/", views.edit, name="consultation_edit"),
    path("<int:pk>/do/<slug:name>/", views.act, name="consultation_act"),
    path("<int:pk>/short-period/", views.short_period, name="consultation_short_period"),
    path("<int:pk>/files/", views.attach, name="consultation_attach"),
    path("<int:pk>/files/<int:attachment_pk>/", views.attachment_file, name="consultation_file"),
    path("<int:pk>/files/<int:attachment_pk>/delete/", views.detach, name="consultation_detach"),
    path("<int:pk>/links/", views.add_link, name="consultation_add_link"),
    path(
        "<int:pk>/links/<int:link_pk>/delete/", views.remove_link, name="consultation_remove_link"
    ),
    path("<int:pk>/comments/", comment_views.comments, name="consultation_comments"),
    path("<int:pk>/comments/group/", comment_views.group, name="consultation_group"),
    path(
        "<int:pk>/comments/adopt-group/",
        comment_views.adopt_group,
        name="consultation_adopt_group",
    ),
    path("<int:pk>/feedback/", comment_views.feedback, name="consultation_feedback"),
    path("<int:pk>/analytics/", comment_views.analytics, name="consultation_staff_analytics"),
    path("<int:pk>/export.<str:fmt>", comment_views.export, name="consultation_export"),
    path("comment/<int:pk>/approve/", comment_views.approve, name="consultation_approve"),
    path("comment/<int:pk>/hide/", comment_views.hide, name="consultation_hide"),
    path("comment/<int:pk>/adopt/", comment_views.adopt, name="consultation_adopt"),
]
