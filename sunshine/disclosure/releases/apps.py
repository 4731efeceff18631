"""依申请公开 released files: the files given to an applicant, redacted for 部分公开."""

from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "sunshine.disclosure.releases"
    label = "foi_releases"
    verbose_name = "依申请公开·提供的信息"
