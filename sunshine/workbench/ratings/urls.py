from django.urls import path

from . import views

urlpatterns = [
    path("", views.case_list, name="ratings_list"),
    path("summary/", views.summary, name="ratings_summary"),
    path("<int:pk>/", views.case_detail, name="ratings_case"),
    path("<int:pk>/do/<slug:step>/", views.case_detail, name="ratings_case_step"),
]
