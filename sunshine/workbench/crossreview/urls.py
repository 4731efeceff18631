from django.urls import path

from . import views

urlpatterns = [
    path("", views.round_list, name="crossreview_list"),
    path("new/", views.round_create, name="crossreview_create"),
    path("<int:pk>/", views.round_detail, name="crossreview_detail"),
    path("<int:pk>/edit/", views.round_edit, name="crossreview_edit"),
    path("<int:pk>/indicators/", views.round_indicators, name="crossreview_indicators"),
    path("<int:pk>/participants/", views.round_participants, name="crossreview_participants"),
    path("<int:pk>/auto-assign/", views.round_auto_assign, name="crossreview_auto_assign"),
    path("<int:pk>/assign/", views.round_assign, name="crossreview_assign"),
    path(
        "<int:pk>/assignments/<int:assignment_pk>/remove/",
        views.assignment_remove,
        name="crossreview_unassign",
    ),
    path(
        "<int:pk>/assignments/<int:assignment_pk>/return/",
        views.assignment_return,
        name="crossreview_return",
    ),
    path("<int:pk>/start/", views.round_start, name="crossreview_start"),
    path("<int:pk>/publish/", views.round_publish, name="crossreview_publish"),
    path("<int:pk>/results/", views.round_results, name="crossreview_results"),
    path("<int:pk>/results/<int:agency_id>/", views.agency_result, name="crossreview_result"),
    path("sheets/<int:pk>/", views.sheet, name="crossreview_sheet"),
]
