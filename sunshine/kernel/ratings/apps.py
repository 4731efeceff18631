from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "sunshine.kernel.ratings"
    label = "ratings"
    verbose_name = "好差评"
