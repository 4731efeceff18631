from django.urls import path

from . import views

# /bsfw/ 办事服务: gr = 个人办事, fr = 法人办事, sx = 事项, wdbj = 我的办件.
urlpatterns = [
    path("bsfw/", views.hall, name="service_hall"),
    path("bsfw/search/", views.item_search, name="service_search"),
    path("bsfw/gr/", views.audience_items, {"audience": "person"}, name="service_persons"),
    path("bsfw/fr/", views.audience_items, {"audience": "enterprise"}, name="service_enterprises"),
    path(
        "bsfw/gr/<slug:theme>/",
        views.audience_items,
        {"audience": "person"},
        name="service_persons_theme",
    ),
    path(
        "bsfw/fr/<slug:theme>/",
        views.audience_items,
        {"audience": "enterprise"},
        name="service_enterprises_theme",
    ),
    path("bsfw/sx/<str:code>/", views.item_detail, name="service_item_detail"),
    path(
        "bsfw/sx/<str:code>/cl/<int:material_pk>/<int:attachment_pk>/",
        views.template_download,
        name="service_template",
    ),
    path("bsfw/sx/<str:code>/apply/", views.apply, name="service_apply"),
    path("bsfw/wdbj/", views.my_applications, name="service_my_applications"),
    path("bsfw/wdbj/<str:number>/", views.my_application, name="service_my_application"),
    path("bsfw/wdbj/<str:number>/resubmit/", views.resubmit, name="service_resubmit"),
    path("bsfw/wdbj/<str:number>/rate/", views.rate, name="service_rate"),
    path(
        "bsfw/wdbj/<str:number>/files/<int:attachment_pk>/",
        views.my_file,
        name="service_my_file",
    ),
]
