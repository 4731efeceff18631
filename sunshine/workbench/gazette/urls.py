from django.urls import path

from . import article_views, views

urlpatterns = [
    path("", views.issue_list, name="gazette_list"),
    path("new/", views.issue_create, name="gazette_create"),
    path("<int:pk>/", views.issue_detail, name="gazette_detail"),
    path("<int:pk>/edit/", views.issue_edit, name="gazette_edit"),
    path("<int:pk>/delete/", views.issue_delete, name="gazette_delete"),
    path("<int:pk>/do/<slug:name>/", views.issue_act, name="gazette_act"),
    path("<int:pk>/records/", views.add_record, name="gazette_add_record"),
    path("<int:pk>/pdf/", views.issue_pdf, name="gazette_pdf"),
    path("<int:pk>/pdf/generate/", views.request_pdf, name="gazette_request_pdf"),
    path("<int:pk>/upload/", views.upload, name="gazette_upload"),
    path("<int:pk>/reprocess/", views.reprocess, name="gazette_reprocess"),
    path("<int:pk>/pages/", views.pages, name="gazette_pages"),
    path("<int:pk>/articles/new/", article_views.article_new, name="gazette_article_new"),
    path("<int:pk>/articles/<int:article_pk>/", article_views.article_edit, name="gazette_article"),
    path(
        "<int:pk>/articles/<int:article_pk>/move/",
        article_views.move,
        name="gazette_article_move",
    ),
    path(
        "<int:pk>/articles/<int:article_pk>/remove/",
        article_views.remove,
        name="gazette_article_remove",
    ),
    path(
        "<int:pk>/articles/<int:article_pk>/section/",
        article_views.set_section,
        name="gazette_article_section",
    ),
    path(
        "<int:pk>/articles/<int:article_pk>/split/",
        article_views.split,
        name="gazette_article_split",
    ),
    path(
        "<int:pk>/articles/<int:article_pk>/merge/",
        article_views.merge,
        name="gazette_article_merge",
    ),
    path(
        "<int:pk>/articles/<int:article_pk>/shift/",
        article_views.shift,
        name="gazette_article_shift",
    ),
]
