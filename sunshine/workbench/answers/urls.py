from django.urls import path

from . import views

urlpatterns = [
    path("requests/<int:pk>/publish/", views.publish, name="answers_publish"),
    path("requests/<int:pk>/propose/", views.propose, name="answers_propose"),
    path("<int:pk>/withdraw/", views.withdraw, name="answers_withdraw"),
    path("proposals/", views.proposals, name="answers_proposals"),
    path("proposals/<int:pk>/draft/", views.draft, name="answers_draft"),
]
