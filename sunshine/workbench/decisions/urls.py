from django.urls import path

from . import views

urlpatterns = [
    path("", views.decision_list, name="decisions_list"),
    path("new/", views.create, name="decisions_create"),
    path("catalogs/", views.catalogs, name="decisions_catalogs"),
    path("catalogs/<int:pk>/xlsx/", views.catalog_xlsx, name="decisions_catalog_xlsx"),
    path("catalogs/<int:pk>/publish/", views.catalog_publish, name="decisions_catalog_publish"),
    path("<int:pk>/", views.detail, name="decisions_detail"),
    path("<int:pk>/steps/<str:kind>/", views.step, name="decisions_step"),
    path("<int:pk>/transition/<str:name>/", views.transition, name="decisions_transition"),
    path("<int:pk>/tasks/", views.add_task, name="decisions_add_task"),
    path("tasks/<int:task_pk>/progress/", views.progress, name="decisions_progress"),
    path("<int:pk>/evaluation/", views.evaluate, name="decisions_evaluate"),
    path("<int:pk>/adjust/", views.adjust, name="decisions_adjust"),
    path("<int:pk>/remove/", views.remove, name="decisions_remove"),
    path("<int:pk>/catalog/publish/", views.publish_catalog, name="decisions_publish_catalog"),
]
