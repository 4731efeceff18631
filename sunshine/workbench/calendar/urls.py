from django.urls import path

from . import views

app_name = "workcalendar"
urlpatterns = [
    path("", views.calendar_home, name="home"),
    path("import/", views.calendar_import, name="import"),
    path("days/", views.calendar_day_set, name="day_set"),
    path("days/<str:date>/delete/", views.calendar_day_delete, name="day_delete"),
    path("<int:year>/", views.calendar_year, name="year"),
    path("<int:year>/loaded/", views.calendar_year_loaded, name="year_loaded"),
]
