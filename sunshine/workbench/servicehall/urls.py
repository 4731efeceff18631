from django.urls import path

from . import application_views as apps
from . import item_views as items

urlpatterns = [
    path("", apps.queue, name="service_queue"),
    path("bulk/", apps.bulk, name="service_bulk"),
    path("<int:pk>/", apps.detail, name="service_application_detail"),
    path("<int:pk>/step/<str:name>/", apps.step, name="service_step"),
    path("<int:pk>/assign/", apps.assign, name="service_assign"),
    path("<int:pk>/files/<int:attachment_pk>/", apps.material_file, name="service_file"),
    path("items/", items.item_list, name="service_items"),
    path("items/new/", items.item_create, name="service_item_create"),
    path("items/<int:pk>/", items.item_detail, name="service_item"),
    path("items/<int:pk>/materials/", items.add_material, name="service_item_material"),
    path(
        "items/<int:pk>/materials/<int:material_pk>/remove/",
        items.remove_material,
        name="service_item_material_remove",
    ),
    path("items/<int:pk>/<str:name>/", items.item_act, name="service_item_act"),
]
