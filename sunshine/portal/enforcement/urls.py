from django.urls import path

from . import views

urlpatterns = [
    path("xzzf/", views.decision_list, name="enforcement_list"),
    path("xzzf/feed.atom", views.decision_feed, name="enforcement_feed"),
    path("xzzf/<int:pk>/", views.decision_detail, name="enforcement_detail"),
]
