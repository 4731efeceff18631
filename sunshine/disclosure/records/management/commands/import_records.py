"""`manage.py import_records PATH`: import existing government documents as published 主动公开
records. PATH is a folder of TXT / PDF / DOCX documents or a CSV of metadata in the format of
policy-docs/metadata.csv. Prints a progress bar (stderr), a summary, and the refused rows
with their reasons (stderr, or a CSV file with --report). Re-running adds nothing twice."""

import csv
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sunshine.disclosure.records.importing import import_csv, import_folder
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency

IGNORED_SHOWN = 15  # governments named in the summary; a malformed CSV can hold hundreds


class ProgressBar:
    """A one-line progress bar on the command's stderr, redrawn at most every 0.2 s."""

    def __init__(self, stream, width: int = 30):
        self.stream, self.width, self.last = stream, width, 0.0

    def _write(self, text: str) -> None:
        self.stream.write(text, ending="")
        self.stream.flush()

    def __call__(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self.last < 0.2 and done != total:
            return
        self.last = now
        if total:
            filled = int(self.width * done / total)
            bar = "#" * filled + "-" * (self.width - filled)
            self._write(f"\r{_('导入')} [{bar}] {done}/{total}")
        else:
            self._write(f"\r{_('导入')} {done}")

    def close(self) -> None:
        self._write("\n")


class Command(BaseCommand):
    help = _("导入存量政府信息（TXT/PDF/DOCX 文件夹或元数据 CSV），作为已发布的主动公开信息。")

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("文件夹或 CSV 文件"))
        parser.add_argument(
            "--agency", help=_("公开主体（机关全称）；不指定时按 CSV 的政府或公文的发文机关")
        )
        parser.add_argument("--actor", help=_("以该工作人员（邮箱）的名义导入；默认为系统"))
        parser.add_argument("--report", help=_("把被拒绝的行写入该 CSV 文件"))
        parser.add_argument("--no-index", action="store_true", help=_("导入后不更新全文检索"))
        parser.add_argument("--batch", type=int, default=200, help=_("每个事务的行数"))

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(_("找不到：%(path)s") % {"path": path})
        agency = actor = None
        if options["agency"]:
            agency = Agency.objects.filter(name=options["agency"].strip()).first()
            if agency is None:
                raise CommandError(_("没有名为“%(name)s”的机关。") % {"name": options["agency"]})
        if options["actor"]:
            actor = User.objects.filter(email=options["actor"].strip()).first()
            if actor is None:
                raise CommandError(_("没有该工作人员：%(email)s") % {"email": options["actor"]})
        progress = ProgressBar(self.stderr)
        kwargs = {
            "actor": actor,
            "agency": agency,
            "index": not options["no_index"],
            "batch": max(1, options["batch"]),
            "progress": progress,
        }
        try:
            if path.is_dir():
                report = import_folder(path, **kwargs)
            else:
                report = import_csv(path, **kwargs)
        except (ValueError, UnicodeDecodeError, csv.Error) as exc:
            raise CommandError(str(exc)) from exc
        finally:
            progress.close()
        self._summary(report, options["report"])

    def _summary(self, report, report_path):
        self.stdout.write(
            _("新建 %(created)s 条，重复跳过 %(duplicates)s 条，拒绝 %(refused)s 条。")
            % {
                "created": len(report.created),
                "duplicates": report.duplicates,
                "refused": len(report.refused),
            }
        )
        ignored = report.ignored.most_common()
        for government, count in ignored[:IGNORED_SHOWN]:
            self.stdout.write(
                _(
                    "未导入 %(count)s 行：“%(government)s”在本平台没有对应机关（可用 --agency 指定）。"
                )
                % {"count": count, "government": government}
            )
        if len(ignored) > IGNORED_SHOWN:
            rest = ignored[IGNORED_SHOWN:]
            self.stdout.write(
                _("另有 %(rows)s 行（%(kinds)s 种政府名称）未导入。")
                % {"rows": sum(c for _g, c in rest), "kinds": len(rest)}
            )
        if not report.refused:
            return
        if report_path:
            with open(report_path, "w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow([_("位置"), _("标题"), _("原因")])
                writer.writerows(report.refused)
            self.stdout.write(_("被拒绝的行已写入 %(path)s。") % {"path": report_path})
            return
        self.stderr.write(_("被拒绝的行："))
        for label, title, reason in report.refused:
            self.stderr.write(f"  {label}  {title or '—'}：{reason}")
