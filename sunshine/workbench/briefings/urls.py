from django.urls import path

from . import views

urlpatterns = [
    path("", views.briefing_list, name="briefings_list"),
    path("new/", views.create, name="briefings_create"),
    path("coverage/", views.coverage_page, name="briefings_coverage"),
    path("<int:pk>/", views.detail, name="briefings_detail"),
    path("<int:pk>/edit/", views.edit, name="briefings_edit"),
    path("<int:pk>/speakers/", views.speakers, name="briefings_speakers"),
    path("<int:pk>/policies/", views.policies, name="briefings_policies"),
    path("<int:pk>/held/", views.held, name="briefings_held"),
    path("<int:pk>/record/", views.record, name="briefings_record"),
    path("<int:pk>/publish/", views.publish, name="briefings_publish"),
    path("<int:pk>/files/", views.attach, name="briefings_attach"),
    path("<int:pk>/files/<int:attachment_pk>/delete/", views.detach, name="briefings_detach"),
]
