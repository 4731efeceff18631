from django.urls import path

from . import views

urlpatterns = [
    path("", views.record_list, name="records_list"),
    path("new/", views.record_create, name="records_create"),
    path("<int:pk>/", views.record_detail, name="records_detail"),
    path("<int:pk>/edit/", views.record_edit, name="records_edit"),
    path("<int:pk>/revise/", views.record_revise, name="records_revise"),
    path("<int:pk>/do/<slug:name>/", views.record_act, name="records_act"),
    path("<int:pk>/files/", views.record_attach, name="records_attach"),
    path("<int:pk>/files/<int:attachment_pk>/", views.record_file, name="records_file"),
]
