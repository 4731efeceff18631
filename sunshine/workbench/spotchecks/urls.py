from django.urls import path

from . import views

urlpatterns = [
    path("", views.plan_list, name="spotchecks_list"),
    path("new/", views.plan_create, name="spotchecks_create"),
    path("<int:pk>/", views.plan_detail, name="spotchecks_detail"),
    path("<int:pk>/draw/", views.plan_draw, name="spotchecks_draw"),
    path("<int:pk>/result/", views.plan_result, name="spotchecks_result"),
    path("<int:pk>/publish/", views.plan_publish, name="spotchecks_publish"),
    path(
        "library/<int:agency_id>/<str:kind>/",
        views.library_import,
        name="spotchecks_library",
    ),
]
