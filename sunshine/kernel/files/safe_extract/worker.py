"""The worker process of bounded extraction:

    python -m sunshine.kernel.files.safe_extract.worker '<request as JSON>'

It lowers its own resource limits first (address space, CPU time, no core file), then reads
the file named in the request and parses it. It writes "P <count>" lines while it goes and one
last line "R <JSON result>": {"ok": true, "text": …}, {"ok": true, "rows": […]} or {"ok":
true, "result": …} (op "call", which may also send "I <JSON>" item lines), or
{"ok": false, "code": …, "detail": …, "params": {…}}. Past its memory it reports
too_large/memory; past its CPU time the kernel kills it (the parent's wall clock kills it too).
No Django here: the parent owns messages, settings and the database."""

import importlib
import json
import resource
import sys

from .errors import Failure

MEMORY = {"ok": False, "code": "too_large", "detail": "MemoryError"}


def _lower(which: int, soft: int, hard: int | None = None) -> None:
    hard = soft if hard is None else hard
    _cur_soft, cur_hard = resource.getrlimit(which)
    if cur_hard != resource.RLIM_INFINITY:
        soft, hard = min(soft, cur_hard), min(hard, cur_hard)
    resource.setrlimit(which, (soft, hard))


def set_limits(limits: dict) -> None:
    _lower(resource.RLIMIT_AS, int(limits["memory_mb"]) * 1024 * 1024)
    _lower(resource.RLIMIT_CPU, int(limits["cpu_seconds"]), int(limits["cpu_seconds"]) + 5)
    _lower(resource.RLIMIT_CORE, 0)


def _emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def run(request: dict) -> dict:
    from . import parsers

    limits = request["limits"]
    with open(request["path"], "rb") as fh:
        data = fh.read()

    def progress(count: int) -> None:
        _emit(f"P {int(count)}")

    kind = request["kind"]
    if request["op"] == "call":
        return {"result": _call(request, data, limits, progress)}
    if request["op"] == "rows":
        if kind != "xlsx":
            raise Failure("unsupported")
        rows = parsers.xlsx_rows(
            data, limits, progress, sheet=request.get("sheet", 0), max_rows=request["max_rows"]
        )
        return {"rows": rows}
    if kind in parsers.IMAGE_KINDS:
        return {"text": parsers.image_check(data, limits, progress)}
    parser = parsers.TEXT_PARSERS.get(kind)
    if parser is None:
        raise Failure("unsupported")
    text = parser(data, limits, progress)
    return {"text": text[: limits["max_text_chars"]]}


def _call(request: dict, data: bytes, limits: dict, progress):
    """A parse that is not text extraction (redaction, a gazette's pages) run under the same
    limits: `target` is "module:function" of a Django-free module of the platform, called as
    function(data, limits, progress, emit, **args[, out=<file>]). `emit(obj)` sends one item
    back at once ("I <JSON>" line: the parent can save it while the work goes on); `out` is
    the file the parent reads back as the output bytes, when it asked for one."""
    module_name, _, name = request["target"].partition(":")
    if not module_name.startswith("sunshine.") or not name:
        raise Failure("unsupported", request["target"])
    function = getattr(importlib.import_module(module_name), name)

    def emit(item) -> None:
        _emit("I " + json.dumps(item, ensure_ascii=False))

    args = dict(request.get("args") or {})
    if request.get("out_path"):
        with open(request["out_path"], "wb") as out:
            return function(data, limits, progress, emit, out=out, **args)
    return function(data, limits, progress, emit, **args)


def _peak_mb(field: str = "VmPeak") -> float:
    """This process's peak address space (VmPeak) or resident size (VmHWM), in MB; 0 when
    /proc is not there."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _memory_bound(result: dict, limits: dict) -> dict:
    """A parser that fails near the address-space limit failed for lack of memory, whatever it
    says (libxml2 reports a failed allocation as "unknown error")."""
    if not result.get("ok") and result.get("code") in ("damaged", "damaged_content", "crashed"):
        if _peak_mb() >= 0.9 * int(limits["memory_mb"]):
            params = {"reason": "memory", "limit": limits["memory_mb"]}
            return {
                "ok": False,
                "code": "too_large",
                "detail": result.get("detail", ""),
                "params": params,
            }
    return result


def main(argv: list[str]) -> int:
    request = json.loads(argv[1])
    set_limits(request["limits"])
    try:
        result = {"ok": True, **run(request)}
    except Failure as failure:
        result = {"ok": False, **failure.as_json()}
    except MemoryError:
        result = dict(MEMORY, params={"reason": "memory", "limit": request["limits"]["memory_mb"]})
    except RecursionError as exc:
        result = {"ok": False, "code": "too_large", "detail": repr(exc)[:200]}
        result["params"] = {"reason": "xml"}
    except Exception as exc:  # a library's surprise: reported, never a traceback on stdout
        result = {"ok": False, "code": "crashed", "detail": repr(exc)[:200], "params": {}}
    result = _memory_bound(result, request["limits"])
    if not result["ok"]:  # for the log and the tests: how far the worker went
        result["params"] = {**result.get("params", {}), "peak_rss_mb": round(_peak_mb("VmHWM"))}
    try:
        _emit("R " + json.dumps(result, ensure_ascii=False))
    except MemoryError:  # the text itself was too large to write out
        limit = request["limits"]["memory_mb"]
        _emit("R " + json.dumps(dict(MEMORY, params={"reason": "memory", "limit": limit})))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
