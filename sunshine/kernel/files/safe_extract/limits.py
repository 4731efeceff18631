"""The limits of bounded extraction, from settings.FILE_EXTRACT_LIMITS (any subset of the keys
below; the rest keep their defaults). Kept Django-free at import so the worker process can
receive them as plain JSON."""

DEFAULTS = {
    # Zip containers (DOCX, XLSX), checked on the central directory before anything is opened
    # and again on the real bytes while streaming in the worker.
    "max_unpacked_bytes": 200 * 1024 * 1024,  # total uncompressed size of all parts
    "max_parts": 1000,  # number of parts (files) in the zip
    "max_ratio": 100,  # compression ratio of one part …
    "ratio_min_bytes": 10 * 1024 * 1024,  # … counted only for parts larger than this
    "max_elements": 2_000_000,  # XML elements (tags) in all the XML parts together
    # PDF
    "max_pdf_pages": 3000,
    # Images (width × height); Pillow's own decompression-bomb check is set to this too
    "max_image_pixels": 50_000_000,
    # Text kept from one file (the rest is cut, the file is not refused)
    "max_text_chars": 5_000_000,
    # The worker process: address space, CPU time, and wall time after which it is killed
    "memory_mb": 1024,
    "cpu_seconds": 45,
    "wall_seconds": 60,
}


def current_limits(overrides: dict | None = None) -> dict:
    """DEFAULTS updated by settings.FILE_EXTRACT_LIMITS and then by `overrides`."""
    from django.conf import settings

    values = dict(DEFAULTS)
    configured = getattr(settings, "FILE_EXTRACT_LIMITS", None) or {}
    unknown = set(configured) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown FILE_EXTRACT_LIMITS keys: {sorted(unknown)}")
    values.update(configured)
    values.update(overrides or {})
    return values
