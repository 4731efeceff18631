from django.urls import path

from . import views

app_name = "deadlines"
urlpatterns = [
    path("", views.clock_list, name="list"),
    path("<int:pk>/", views.clock_detail, name="detail"),
    path("<int:pk>/pause/", views.clock_pause, name="pause"),
    path("<int:pk>/resume/", views.clock_resume, name="resume"),
    path("<int:pk>/extend/", views.clock_extend, name="extend"),
    path("<int:pk>/alerts/<int:alert_pk>/ack/", views.alert_acknowledge, name="alert_ack"),
]
