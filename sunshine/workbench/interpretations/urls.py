from django.urls import path

from . import coverage_views, views

urlpatterns = [
    path("", views.interpretation_list, name="interpretations_list"),
    path("pending/", views.pending, name="interpretations_pending"),
    path("coverage/", coverage_views.coverage, name="interpretations_coverage"),
    path("coverage.csv", coverage_views.coverage_csv, name="interpretations_coverage_csv"),
    path("record/<int:record_pk>/", views.record_page, name="interpretations_record"),
    path("record/<int:record_pk>/new/", views.create, name="interpretations_create"),
    path("record/<int:record_pk>/override/", views.override, name="interpretations_override"),
    path("<int:pk>/", views.detail, name="interpretations_detail"),
    path("<int:pk>/edit/", views.edit, name="interpretations_edit"),
    path("<int:pk>/do/<slug:name>/", views.act, name="interpretations_act"),
    path("<int:pk>/files/", views.attach, name="interpretations_attach"),
    path("<int:pk>/files/<int:attachment_pk>/", views.attachment_file, name="interpretations_file"),
    path(
        "<int:pk>/files/<int:attachment_pk>/delete/",
        views.detach,
        name="interpretations_detach",
    ),
]
