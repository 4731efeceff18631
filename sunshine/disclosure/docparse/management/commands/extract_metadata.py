"""`manage.py extract_metadata FILE [--json]`: title, issuer, 文号, recipients, 成文日期 and body
of a TXT, PDF or DOCX government document (the type is decided by content)."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sunshine.kernel.files.extract import ExtractionError, read_document

from ...parse import parse_document

SUPPORTED = {"txt", "pdf", "docx"}
LABELS = {
    "title": "标题",
    "issuer": "发文机关",
    "doc_number": "发文字号",
    "recipients": "主送机关",
    "date_written": "成文日期",
    "body": "正文",
}


class Command(BaseCommand):
    help = _("从 TXT、PDF 或 DOCX 公文中提取标题、发文机关、文号、主送机关、成文日期和正文。")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("公文文件路径"))
        parser.add_argument("--json", action="store_true", help=_("以 JSON 输出"))

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("找不到文件：%(path)s") % {"path": path})
        try:
            with path.open("rb") as fh:
                kind, text = read_document(fh)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        except ExtractionError as exc:
            raise CommandError(str(exc)) from exc
        if kind not in SUPPORTED:
            raise CommandError(_("只支持 TXT、PDF 和 DOCX 公文。"))
        result = parse_document(text)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        for key, label in LABELS.items():
            value = result[key]
            if key == "body" and value:
                value = "\n" + value
            self.stdout.write(f"{label}：{value if value is not None else '—'}")
