"""/workbench/foi/<request>/files/…: the files provided to an applicant (部分公开 redaction)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/files/", views.file_list, name="foi_files"),
    path("<int:pk>/files/<int:file_pk>/", views.redact, name="foi_file_redact"),
    path("<int:pk>/files/<int:file_pk>/text/", views.add_text, name="foi_file_add_text"),
    path("<int:pk>/files/<int:file_pk>/box/", views.add_box, name="foi_file_add_box"),
    path(
        "<int:pk>/files/<int:file_pk>/remove/<int:redaction_pk>/",
        views.remove,
        name="foi_file_remove",
    ),
    path(
        "<int:pk>/files/<int:file_pk>/page-<int:page>.png", views.page_image, name="foi_file_page"
    ),
    path("<int:pk>/files/<int:file_pk>/preview/", views.preview, name="foi_file_preview"),
    path("<int:pk>/files/<int:file_pk>/release/", views.release, name="foi_file_release"),
    path("<int:pk>/files/<int:file_pk>/discard/", views.discard, name="foi_file_discard"),
    path("<int:pk>/files/<int:file_pk>/download/", views.download, name="foi_file_download"),
]
