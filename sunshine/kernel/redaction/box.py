"""A rectangle to paint on a PDF page (Django-free: the worker process uses it too)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """A rectangle on a PDF page (1-based) in PDF points, origin at the top-left corner of the
    page's crop box, unrotated (as pdfplumber gives x0, top, x1, bottom)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def normalised(self) -> "Box":
        return Box(
            self.page,
            min(self.x0, self.x1),
            min(self.y0, self.y1),
            max(self.x0, self.x1),
            max(self.y0, self.y1),
        )
