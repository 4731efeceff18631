from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="training_index"),
    path("agencies/<int:pk>/", views.agency_coverage, name="training_coverage"),
    path("people/<int:pk>/", views.person, name="training_person"),
    path("courses/", views.course_list, name="training_courses"),
    path("courses/new/", views.course_create, name="training_course_new"),
    path("sessions/new/", views.session_create, name="training_session_new"),
    path("sessions/<int:pk>/", views.session_detail, name="training_session"),
    path("sessions/<int:pk>/record/", views.session_record, name="training_record"),
    path("sessions/<int:pk>/import/", views.session_import, name="training_import"),
]
