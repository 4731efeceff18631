from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "sunshine.kernel.notify"
    label = "notify"
    verbose_name = "通知"
