"""Peak memory and time of reading a DOCX decompression bomb (issue 12.1), before and after
bounded extraction.

    .venv/bin/python bench/extract_bomb.py [--mb 900] [--before-mb 100]

- before: the old way, python-docx in the reading process (as extract_raw_text did), run in a
  child process so that its peak RSS is its own; on a bomb of --before-mb MB (the 900 MB one
  takes about 4 GB and minutes: pass --before-mb 900 on a machine that can spare them);
- after: extract_text() (zip pre-check, then the worker) on the --mb bomb, with the default
  limits, and once more with the zip checks switched off, so that the worker's own limits
  (RLIMIT_AS 1024 MB, CPU, wall time) are what stops it.
Peak memory is ru_maxrss (this process, and the largest child)."""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from sunshine.kernel.files.safe_extract.runner import ExtractionError, extract_text  # noqa: E402
from sunshine.kernel.files.testing import make_docx_bomb  # noqa: E402

MB = 1024 * 1024
OLD_WAY = """
import io, resource, sys, time, docx
started = time.monotonic()
document = docx.Document(open(sys.argv[1], "rb"))
n = sum(1 for p in document.paragraphs if p.text)
print(n, round(time.monotonic() - started, 1))
"""


def before(path: str) -> None:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", OLD_WAY, path], capture_output=True, text=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"  before (python-docx in process): {time.monotonic() - started:.1f} s, "
        f"peak {peak:.0f} MB, exit {done.returncode}, {done.stdout.strip() or done.stderr[-200:]}"
    )


def after(data: bytes, label: str, limits: dict | None = None) -> None:
    self_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.monotonic()
    try:
        text = extract_text("docx", data, limits=limits)
        outcome = f"read {len(text):,} characters"
    except ExtractionError as exc:
        outcome = str(exc)
    elapsed = time.monotonic() - started
    self_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"  after ({label}): {elapsed:.2f} s, this process +{self_after - self_before:.0f} MB, "
        f"largest child {child:.0f} MB: {outcome}"
    )


OFF = {"max_unpacked_bytes": 1 << 40, "max_ratio": 10**9, "max_elements": 10**12}


def one(mode: str, size: int) -> None:
    data = make_docx_bomb(size * MB)
    if mode == "before":
        with tempfile.NamedTemporaryFile(suffix=".docx") as fh:
            fh.write(data)
            fh.flush()
            before(fh.name)
    elif mode == "after":
        after(data, "default limits")
    else:
        after(data, "zip checks off, the worker's own limits", OFF)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=900)
    parser.add_argument("--before-mb", type=int, default=100)
    parser.add_argument("--one", nargs=2, metavar=("MODE", "MB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one[0], int(args.one[1]))
        return
    runs = [("before", args.before_mb), ("after", args.before_mb), ("off", args.before_mb)]
    runs += [("after", args.mb), ("off", args.mb)]
    for mode, size in runs:  # each in a fresh process, so that peaks are its own
        print(f"{size} MB document.xml, {mode}:", flush=True)
        subprocess.run([sys.executable, __file__, "--one", mode, str(size)], check=False)


if __name__ == "__main__":
    main()
