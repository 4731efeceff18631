from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/", views.job_detail, name="filejob"),
    path("<int:pk>/result/", views.job_result, name="filejob_result"),
]
