from django.apps import AppConfig


class SentimentConfig(AppConfig):
    name = "sunshine.participation.sentiment"
    label = "sentiment"
    verbose_name = "情感分析"
