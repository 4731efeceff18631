from django.urls import path

from . import views

urlpatterns = [
    path("", views.order_list, name="oversight_list"),
    path("new/", views.issue, name="oversight_new"),
    path("<int:pk>/", views.order_detail, name="oversight_detail"),
    path("<int:pk>/do/<slug:act>/", views.order_detail, name="oversight_act"),
]
