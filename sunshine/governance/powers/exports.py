"""The public 权力清单 / 责任清单 as an XLSX download, with the filters of the portal page.

The list is written as a stream (kernel/files/xlsx_stream): rows are read from the database a
thousand at a time while the file goes out, so the whole province's list starts downloading at
once and is never held in memory. Typed text that would start a formula is quoted
(tables.safe_cell), as the 决策事项目录 export does."""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.files.tables import Column
from sunshine.kernel.files.xlsx_stream import stream_table

from .choices import PowerKind
from .selectors import public_list

CHUNK = 1000


def columns(*, responsibility: bool) -> tuple[Column, ...]:
    first = (
        Column("code", _("事项编码"), width=18),
        Column("name", _("事项名称"), width=30),
        Column("kind", _("事项类型"), width=10),
    )
    if responsibility:
        rest = (
            Column("subject", _("实施主体"), width=18),
            Column("responsibility", _("责任事项"), width=40),
            Column("accountability", _("追责情形及依据"), width=40),
            Column("agency", _("机关"), width=20),
        )
    else:
        rest = (
            Column("basis", _("设定依据"), width=40),
            Column("subject", _("实施主体"), width=18),
            Column("process", _("运行流程"), width=30),
            Column("service_code", _("关联政务服务事项编码"), width=18),
            Column("effective_from", _("生效日期"), width=12),
            Column("agency", _("机关"), width=20),
        )
    return first + rest


def _rows(versions, *, responsibility: bool) -> Iterator[list]:
    kinds = dict(PowerKind.choices)
    for v in versions.iterator(chunk_size=CHUNK):
        first = [v.item.code, v.name, str(kinds.get(v.item.kind, v.item.kind))]
        if responsibility:
            yield first + [v.subject, v.responsibility, v.accountability, v.item.agency.name]
        else:
            yield first + [
                v.basis,
                v.subject,
                v.process,
                v.service_code,
                v.effective_from.isoformat(),
                v.item.agency.name,
            ]


def file_name(*, responsibility: bool) -> str:
    title = _("责任清单") if responsibility else _("权力清单")
    return f"{title}-{clock.today():%Y%m%d}.xlsx"


def stream_public_list(
    *, q: str = "", kind: str = "", agency_id: int | None = None, responsibility: bool = False
) -> Iterator[bytes]:
    """The bytes of the XLSX file of the public list (in force today) with these filters."""
    versions = public_list(q=q, kind=kind, agency_id=agency_id)
    title = _("责任清单") if responsibility else _("权力清单")
    cols = columns(responsibility=responsibility)
    return stream_table(title, cols, _rows(versions, responsibility=responsibility))
