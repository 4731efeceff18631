"""Re-tokenise every document of the registered types (after a dictionary change), from the
modules' own data: each type registered with a `reindex` callable is rebuilt with
bulk_index(force=True)."""

from django.core.management.base import BaseCommand, CommandError

from sunshine.kernel.search.registry import doc_types, get_doc_type
from sunshine.kernel.search.services import bulk_index


class Command(BaseCommand):
    help = "按登记的检索类型重新建立检索文档（词典更新后使用）。"

    def add_arguments(self, parser):
        parser.add_argument("--type", action="append", dest="types", help="只重建这些类型")

    def handle(self, *args, types=None, **options):
        try:
            chosen = [get_doc_type(name) for name in types] if types else doc_types()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for doc_type in chosen:
            if doc_type.reindex is None:
                self.stdout.write(f"{doc_type.name}: 未提供重建函数，跳过。")
                continue
            result = bulk_index(doc_type.reindex(), force=True)
            self.stdout.write(f"{doc_type.name}: 重建 {result.written} 条。")
