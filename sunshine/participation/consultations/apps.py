from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "sunshine.participation.consultations"
    label = "consultations"
    verbose_name = "征求意见"
