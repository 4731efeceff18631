from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "sunshine.kernel.files"
    label = "files"
    verbose_name = "附件"
