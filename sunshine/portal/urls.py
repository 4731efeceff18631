from django.urls import include, path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("column/<slug:slug>/", views.column, name="column"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("accessibility/elder/", views.elder_mode, name="elder"),
    # 信息公开 pages, one package per feature (names stay in the "portal" namespace).
    path("", include("sunshine.portal.records.urls")),
    path("", include("sunshine.portal.interpretations.urls")),
    path("", include("sunshine.portal.catalog.urls")),
    path("", include("sunshine.portal.gazette.urls")),
    path("", include("sunshine.portal.search.urls")),
]
