"""Bounded extraction: reading untrusted files (DOCX, XLSX, PDF, images) without letting a
decompression bomb take the memory or the time of the web or task worker.

Two steps, every time:

1. In this process, before anything is opened: a zip container's central directory is
   checked (part count, total uncompressed size, compression ratio of large parts) —
   zipcheck.check_directory. No decompression happens.
2. The parse runs in a separate Python process (`python -m
   sunshine.kernel.files.safe_extract.worker`) that first lowers its own limits with
   setrlimit (RLIMIT_AS address space, RLIMIT_CPU, no core), streams the zip parts once more
   to count XML elements, then parses. The parent kills it past the wall time.

Limits: settings.FILE_EXTRACT_LIMITS (limits.DEFAULTS lists every key and its default).
Entry points are in runner.py: `extract_text(kind, data)` and `read_xlsx_rows(data, …)`;
they raise ExtractionError (damaged, encrypted) or its subclass TooLargeError (a limit was
reached), each with a clear message in the user's language.

This package's __init__ imports nothing: the worker process imports it without Django."""
