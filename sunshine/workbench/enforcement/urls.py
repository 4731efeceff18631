from django.urls import path

from . import views

urlpatterns = [
    path("", views.decision_list, name="enforcement_list"),
    path("new/", views.decision_create, name="enforcement_create"),
    path("timeliness/", views.timeliness, name="enforcement_timeliness"),
    path("<int:pk>/", views.decision_detail, name="enforcement_detail"),
    path("<int:pk>/edit/", views.decision_edit, name="enforcement_edit"),
    path("<int:pk>/act/<str:act>/", views.decision_act, name="enforcement_act"),
]
