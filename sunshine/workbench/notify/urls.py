from django.urls import path

from . import views

urlpatterns = [
    path("", views.stats, name="notify_stats"),
    path("dead-letters/", views.dead_letter_list, name="notify_dead_letters"),
    path("dead-letters/<int:pk>/replay/", views.replay, name="notify_replay"),
    path("webhooks/", views.webhooks, name="notify_webhooks"),
]
