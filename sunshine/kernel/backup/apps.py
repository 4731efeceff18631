from django.apps import AppConfig


class BackupConfig(AppConfig):
    """备份与恢复: `manage.py backup DIR` and `manage.py restore DIR` (no models)."""

    name = "sunshine.kernel.backup"
    label = "backup"
    verbose_name = "备份与恢复"
