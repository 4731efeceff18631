"""The public subscription links from e-mails and the 关注 button. No namespace of their own:
they are included by `sunshine/workbench/inbox/urls.py`, inside its "notify" namespace, under
/workbench/inbox/."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "subscriptions/confirm/<str:token>/",
        views.subscription_confirm,
        name="subscription_confirm",
    ),
    path(
        "subscriptions/unsubscribe/<str:token>/",
        views.subscription_unsubscribe,
        name="subscription_unsubscribe",
    ),
    path("follow/", views.follow, name="follow"),
]
