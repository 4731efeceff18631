from django.urls import path

from . import views

# The sitemap section is registered by sunshine.portal's AppConfig (providers.py).
urlpatterns = [
    path("qlqd/", views.power_list, name="powers_list"),
    path("qlqd/zrqd/", views.responsibility_list, name="powers_responsibility"),
    path("qlqd/<int:pk>/", views.power_detail, name="powers_detail"),
]
