from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="workplans_index"),
    path("rounds/new/", views.round_create, name="workplans_round_new"),
    path("rounds/<int:pk>/", views.round_detail, name="workplans_round"),
    path("rounds/<int:pk>/remind/", views.round_remind, name="workplans_remind"),
    path("plans/<int:pk>/", views.plan_detail, name="workplans_plan"),
    path("plans/<int:pk>/<slug:act>/", views.plan_act, name="workplans_act"),
    path("tasks/<int:pk>/done/", views.task_done, name="workplans_task_done"),
]
