from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sunshine.participation.messages.classifier import ModelError
from sunshine.participation.messages.routing import RoutingError, route_csv


class Command(BaseCommand):
    help = "为留言 CSV（列 留言主题、留言详情）预测一级分类和建议承办单位。"

    def add_arguments(self, parser):
        parser.add_argument("input", type=Path)
        parser.add_argument("output", type=Path)

    def handle(self, *args, input, output, **options):
        try:
            count = route_csv(input, output)
        except (RoutingError, ModelError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("已分类 %(count)d 条留言，写入 %(path)s") % {"count": count, "path": output}
        )
