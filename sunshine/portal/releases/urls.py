from django.urls import path

from . import views

urlpatterns = [
    path("ysqgk/my/<int:pk>/files/<int:file_pk>/", views.my_file, name="foi_my_file"),
]
