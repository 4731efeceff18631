from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("column/<slug:slug>/", views.column, name="column"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("accessibility/elder/", views.elder_mode, name="elder"),
]
