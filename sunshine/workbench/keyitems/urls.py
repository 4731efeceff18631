from django.urls import path

from . import supervision_views as sv
from . import views

urlpatterns = [
    path("", views.item_list, name="keyitems_list"),
    path("new/", views.item_create, name="keyitems_create"),
    path("dashboard/", sv.dashboard, name="keyitems_dashboard"),
    path("experts/", sv.expert_library, name="keyitems_experts"),
    path("settings/", sv.settings_page, name="keyitems_settings"),
    path("questions/", sv.question_list, name="keyitems_questions"),
    path("questions/<int:pk>/", sv.question_detail, name="keyitems_question"),
    path("questions/<int:pk>/answer/", sv.question_answer, name="keyitems_question_answer"),
    path("questions/<int:pk>/duban/", sv.question_duban, name="keyitems_question_duban"),
    path(
        "questions/<int:pk>/accountability/",
        sv.question_accountability,
        name="keyitems_question_accountability",
    ),
    path("<int:pk>/", views.item_detail, name="keyitems_detail"),
    path("<int:pk>/edit/", views.item_edit, name="keyitems_edit"),
    path("<int:pk>/submit/", views.item_submit, name="keyitems_submit"),
    path("<int:pk>/complete/", views.item_complete, name="keyitems_complete"),
    path("<int:pk>/publish/", views.item_publish, name="keyitems_publish"),
    path("<int:pk>/stages/", views.stage_add, name="keyitems_stage_add"),
    path("<int:pk>/stages/<int:stage_id>/", views.stage_state, name="keyitems_stage_state"),
    path("<int:pk>/milestones/", views.milestone_add, name="keyitems_milestone_add"),
    path(
        "<int:pk>/milestones/<int:milestone_id>/",
        views.milestone_reach,
        name="keyitems_milestone_reach",
    ),
    path("<int:pk>/spending/", views.spending_add, name="keyitems_spending_add"),
    path("<int:pk>/approvals/", views.approval_add, name="keyitems_approval_add"),
    path("<int:pk>/crosscheck/assign/", views.crosscheck_assign, name="keyitems_assign"),
    path("<int:pk>/crosscheck/decide/", views.crosscheck_decide, name="keyitems_decide"),
    path("<int:pk>/experts/", views.group_form, name="keyitems_group"),
    path("<int:pk>/experts/member/", views.group_member, name="keyitems_member"),
    path("<int:pk>/experts/request/", views.group_request, name="keyitems_request"),
    path(
        "<int:pk>/experts/reviews/<int:review_id>/",
        views.review_opinion,
        name="keyitems_opinion",
    ),
    path("<int:pk>/experts/final/", views.group_final, name="keyitems_final"),
]
