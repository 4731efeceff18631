"""The seed notice (广东省人民政府办公厅, 2016-12-12) as text from a PDF, and the same notice laid
out again as a PDF and a DOCX."""

from pathlib import Path

from sunshine.kernel.files.testing import make_docx, make_pdf, wrap_paragraphs

SEED_PATH = Path(__file__).parent / "data" / "notice-2016-12-12.txt"
SEED_TEXT = SEED_PATH.read_text(encoding="utf-8")
TITLE = "广东省人民政府办公厅关于推进阳光政务建设工作的通知"
RECIPIENTS = "各地级以上市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构"
SIGNATURE, DATE = "省府办公厅", "2016年12月12日"


def seed_pdf(body: list[str], *, lines_per_page: int = 22) -> bytes:
    """Title over two lines, recipients and paragraphs wrapped at 26 characters (first lines
    indented), signature and date; "— N —" at the foot of every page."""
    recipients = RECIPIENTS + "："
    lines = ["广东省人民政府办公厅关于推进", "阳光政务建设工作的通知", ""]
    lines += [recipients[i : i + 26] for i in range(0, len(recipients), 26)]
    lines += wrap_paragraphs(body) + ["", SIGNATURE, DATE]
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    return make_pdf(pages, footers=[f"— {n} —" for n in range(1, len(pages) + 1)])


def seed_docx(body: list[str]) -> bytes:
    return make_docx([TITLE, "", RECIPIENTS + "：", *body, "", SIGNATURE, DATE])
