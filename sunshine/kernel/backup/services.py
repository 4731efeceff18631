"""备份与恢复: one directory holds the database, the uploaded files and a manifest.

    DIR/manifest.json        format, time, database vendor, sha256 of every file below,
                             row count and hash of every table (checksums.py)
    DIR/database.sqlite3     SQLite: online backup API copy      } database.py
    DIR/database.pgdump      PostgreSQL: pg_dump -Fc             }
    DIR/files/<root>/...     every file under each file root: "media" = MEDIA_ROOT (uploads,
                             generated PDFs/DOCX) and "publish" = PUBLISH_ROOT if set

`create_backup` writes into DIR.partial and renames it to DIR at the end, so a directory
named DIR always holds a complete backup. `restore_backup` verifies every hash of the
manifest first and refuses a backup that does not verify, refuses a non-empty target
unless `force`, restores, clears the cache, and then checks every table of the restored
database against the manifest. Stop the workers and the scheduler (and the app servers, or
put them in maintenance) while restoring; a backup, on the other hand, may run at any time."""

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone
from django.utils.translation import gettext as _

from . import database
from .checksums import compare_tables
from .errors import BackupError

FORMAT = "sunshine-backup/1"
MANIFEST = "manifest.json"
FILES_DIR = "files"
CHUNK = 1024 * 1024


def file_roots() -> dict[str, Path]:
    """The directories a backup holds, by name. There is no separate publish root today
    (generated files live under MEDIA_ROOT); settings.PUBLISH_ROOT adds one if set."""
    roots = {"media": Path(settings.MEDIA_ROOT)}
    publish = getattr(settings, "PUBLISH_ROOT", None)
    if publish:
        roots["publish"] = Path(publish)
    return roots


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _files_under(root: Path) -> list[Path]:
    """Regular files under `root`, sorted (symbolic links are not followed nor kept)."""
    if not root.is_dir():
        return []
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                found.append(path)
    return found


def _copy_tree(source: Path, target: Path) -> dict[str, dict]:
    """Copy every file; hash the copy (what the backup holds, even if the source changes)."""
    listing = {}
    for path in _files_under(source):
        relative = path.relative_to(source).as_posix()
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        listing[relative] = {"size": destination.stat().st_size, "sha256": sha256_of(destination)}
    return listing


@dataclass
class BackupSummary:
    path: Path
    vendor: str
    tables: int
    rows: int
    files: int
    bytes: int
    seconds: float
    problems: list[str] = field(default_factory=list)


def _summary(path: Path, manifest: dict, started: float) -> BackupSummary:
    tables = manifest["database"]["tables"]
    files = [item for listing in manifest["files"].values() for item in listing.values()]
    return BackupSummary(
        path=path,
        vendor=manifest["vendor"],
        tables=len(tables),
        rows=sum(t["rows"] for t in tables.values()),
        files=len(files),
        bytes=sum(item["size"] for item in files) + manifest["database"]["size"],
        seconds=round(time.monotonic() - started, 2),
    )


def _is_empty_dir(path: Path) -> bool:
    return path.is_dir() and not any(path.iterdir())


def create_backup(target: Path | str, *, using: str = DEFAULT_DB_ALIAS) -> BackupSummary:
    """Back up the database and the file roots into the new directory `target`."""
    started = time.monotonic()
    target = Path(target).resolve()
    if target.exists() and not _is_empty_dir(target):
        raise BackupError(
            _("备份目录 %(path)s 已存在且不为空；请指定一个新目录。") % {"path": target}
        )
    partial = target.with_name(target.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True)
    try:
        vendor = database.vendor(using)
        db_file = partial / database.database_file_name(vendor)
        if vendor == "sqlite":
            checksums = database.sqlite_dump(db_file, using)
        else:
            checksums = database.postgres_dump(db_file, using)
        files = {
            name: _copy_tree(root, partial / FILES_DIR / name)
            for name, root in file_roots().items()
        }
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "vendor": vendor,
            "database": {
                "file": db_file.name,
                "size": db_file.stat().st_size,
                "sha256": sha256_of(db_file),
                **checksums,
            },
            "files": files,
        }
        (partial / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
        )
        if target.exists():
            target.rmdir()  # empty, checked above
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return _summary(target, manifest, started)


def read_manifest(source: Path | str) -> dict:
    path = Path(source) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(
            _("%(path)s 不是完整的备份：缺少 %(manifest)s。")
            % {"path": source, "manifest": MANIFEST}
        ) from None
    except (OSError, ValueError) as exc:
        raise BackupError(
            _("无法读取备份清单 %(path)s：%(error)s") % {"path": path, "error": exc}
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(
            _("%(path)s 不是本系统可识别的备份（格式应为 %(format)s）。")
            % {"path": path, "format": FORMAT}
        )
    return manifest


def _check_file(path: Path, expected: dict, label: str, problems: list[str]) -> None:
    if not path.is_file():
        problems.append(_("缺少文件：%(name)s") % {"name": label})
    elif path.stat().st_size != expected.get("size") or sha256_of(path) != expected.get("sha256"):
        problems.append(_("文件内容与清单不符：%(name)s") % {"name": label})


def verify_backup(source: Path | str) -> dict:
    """Check every hash of the manifest against the files; return the manifest or raise
    BackupError listing what does not verify (missing, changed or unlisted files)."""
    source = Path(source)
    manifest = read_manifest(source)
    problems: list[str] = []
    try:
        db = manifest["database"]
        _check_file(source / db["file"], db, db["file"], problems)
        for name, listing in manifest["files"].items():
            root = source / FILES_DIR / name
            for relative, expected in listing.items():
                _check_file(root / relative, expected, f"{FILES_DIR}/{name}/{relative}", problems)
            for path in _files_under(root):
                if path.relative_to(root).as_posix() not in listing:
                    problems.append(
                        _("清单中没有的文件：%(name)s")
                        % {"name": f"{FILES_DIR}/{name}/{path.relative_to(root).as_posix()}"}
                    )
    except (KeyError, TypeError, AttributeError):
        raise BackupError(_("备份清单 %(path)s 不完整或已损坏。") % {"path": source}) from None
    if problems:
        raise BackupError(
            _("备份 %(path)s 校验失败（%(count)d 处）：%(problems)s")
            % {"path": source, "count": len(problems), "problems": "；".join(problems[:20])}
        )
    return manifest


def _restore_tree(source: Path, root: Path, listing: dict, *, wipe: bool) -> None:
    root.mkdir(parents=True, exist_ok=True)
    if wipe:
        for child in root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    for relative, expected in listing.items():
        destination = root / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / relative, destination)
        if sha256_of(destination) != expected["sha256"]:
            raise BackupError(_("恢复后的文件与清单不符：%(name)s") % {"name": relative})


def restore_backup(
    source: Path | str, *, force: bool = False, using: str = DEFAULT_DB_ALIAS
) -> BackupSummary:
    """Restore the backup in `source` into the configured database and file roots."""
    started = time.monotonic()
    source = Path(source).resolve()
    manifest = verify_backup(source)
    vendor = database.vendor(using)
    if manifest["vendor"] != vendor:
        raise BackupError(
            _("这是 %(backup)s 数据库的备份，不能恢复到 %(current)s 数据库。")
            % {"backup": manifest["vendor"], "current": vendor}
        )
    roots = file_roots()
    unknown = sorted(set(manifest["files"]) - set(roots))
    if unknown:
        raise BackupError(
            _("备份包含本机未配置的文件目录：%(names)s。") % {"names": ", ".join(unknown)}
        )
    occupied = [] if database.database_is_empty(using) else [_("数据库已有数据表")]
    occupied += [str(roots[name]) for name in manifest["files"] if _files_under(roots[name])]
    if occupied and not force:
        raise BackupError(
            _("恢复目标不为空（%(what)s）；确认要覆盖时请加 --force。")
            % {"what": "；".join(occupied)}
        )
    db_file = source / manifest["database"]["file"]
    if vendor == "sqlite":
        database.sqlite_restore(db_file, using)
    else:
        database.postgres_restore(db_file, wipe=bool(occupied), using=using)
    for name, listing in manifest["files"].items():
        _restore_tree(source / FILES_DIR / name, roots[name], listing, wipe=force)
    # Cached pages, site settings and counters describe the database before the restore.
    caches["default"].clear()
    summary = _summary(source, manifest, started)
    summary.problems = check_restored(manifest, using=using)
    if summary.problems:
        raise BackupError(
            _("数据库已恢复，但与备份清单不一致：%(problems)s")
            % {"problems": "；".join(summary.problems[:20])}
        )
    return summary


def check_restored(manifest: dict, *, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Compare the live database with the manifest, table by table; on PostgreSQL also check
    that every sequence is ahead of its column. Empty when all is well."""
    live = database.live_checksums(using)
    return compare_tables(manifest["database"]["tables"], live["tables"]) + live.get(
        "sequence_problems", []
    )
