from django.urls import path

from . import views

# The sitemap section is registered by sunshine.portal's AppConfig (providers.py).
urlpatterns = [
    path("qlqd/", views.power_list, name="powers_list"),
    path("qlqd/export.xlsx", views.power_export, name="powers_export"),
    path("qlqd/zrqd/", views.responsibility_list, name="powers_responsibility"),
    path(
        "qlqd/zrqd/export.xlsx",
        views.responsibility_export,
        name="powers_responsibility_export",
    ),
    path("qlqd/<int:pk>/", views.power_detail, name="powers_detail"),
]
