"""Known-vulnerability check of requirements.lock with pip-audit, against an advisory file kept
in the repository (.ci/advisories.json), so that `make lint` (and CI) does not depend on a
vulnerability service being reachable.

    python scripts/audit_deps.py                 # check (what `make lint` runs)
    python scripts/audit_deps.py refresh DIR     # rebuild .ci/advisories.json from DIR

DIR is a directory of OSV advisories for PyPI (.yaml or .json, searched recursively): a
checkout of the PyPA advisory database (its `vulns/` folder) or the OSV "PyPI" export unzipped.
The file keeps every advisory of every package in requirements.lock (any version, so a version
change is judged too) and the list of packages it covers: a package added to the lock that the
file does not cover fails the check until the file is refreshed. Refresh it whenever the lock
changes and from time to time; `make audit-online` asks pip-audit's online service instead.

pip-audit does the auditing (its requirement parser, Auditor and report format); only the
vulnerability service is ours: it answers from the file, matching versions by the OSV rules.
Ignored advisories are listed in pyproject.toml, [tool.sunshine.pip-audit] ignore-vulns, each
with the reason beside it."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tomllib
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
ADVISORIES = ROOT / ".ci" / "advisories.json"


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def _in_range(version: Version, events: list[dict]) -> bool:
    """OSV ECOSYSTEM range: walk the events in version order up to `version`."""
    keyed = []
    for event in events:
        kind, value = next(iter(event.items()))
        at = Version("0") if value == "0" else _version(value)
        if at is not None:
            keyed.append((at, kind))
    affected = False
    for at, kind in sorted(keyed, key=lambda pair: pair[0]):
        if kind == "introduced" and at <= version:
            affected = True
        elif kind == "fixed" and at <= version:
            affected = False
        elif kind == "last_affected" and at < version:
            affected = False
    return affected


def affects(advisory: dict, name: str, version: Version) -> bool:
    for affected in advisory.get("affected", []):
        package = affected.get("package", {})
        if package.get("ecosystem") != "PyPI" or canonicalize_name(package.get("name", "")) != name:
            continue
        if any(_version(v) == version for v in affected.get("versions", [])):
            return True
        for rng in affected.get("ranges", []):
            if rng.get("type") == "ECOSYSTEM" and _in_range(version, rng.get("events", [])):
                return True
    return False


def _fix_versions(advisory: dict, name: str) -> list[Version]:
    fixes = []
    for affected in advisory.get("affected", []):
        if canonicalize_name(affected.get("package", {}).get("name", "")) != name:
            continue
        for rng in affected.get("ranges", []):
            for event in rng.get("events", []):
                fixed = _version(event.get("fixed", "")) if "fixed" in event else None
                if fixed is not None:
                    fixes.append(fixed)
    return sorted(set(fixes))


def _locked_names() -> list[str]:
    names = []
    for line in LOCK.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            names.append(canonicalize_name(line.split("==", 1)[0].split("[", 1)[0]))
    return sorted(set(names))


def _ignored() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    section = config.get("tool", {}).get("sunshine", {}).get("pip-audit", {})
    return set(section.get("ignore-vulns", []))


def check() -> int:
    from pip_audit._audit import Auditor
    from pip_audit._dependency_source import RequirementSource
    from pip_audit._format import ColumnsFormat
    from pip_audit._service.interface import (
        Dependency,
        ResolvedDependency,
        VulnerabilityResult,
        VulnerabilityService,
    )

    data = json.loads(ADVISORIES.read_text())
    by_package: dict[str, list[dict]] = {}
    for advisory in data["advisories"]:
        for affected in advisory.get("affected", []):
            name = canonicalize_name(affected.get("package", {}).get("name", ""))
            by_package.setdefault(name, []).append(advisory)

    uncovered = sorted(set(_locked_names()) - set(data["packages"]))
    if uncovered:
        print(
            f"{ADVISORIES.relative_to(ROOT)} does not cover {', '.join(uncovered)}: "
            "refresh it (python scripts/audit_deps.py refresh DIR).",
            file=sys.stderr,
        )
        return 1

    class OfflineService(VulnerabilityService):
        def query(self, spec: Dependency) -> tuple[Dependency, list[VulnerabilityResult]]:
            if spec.is_skipped() or not isinstance(spec, ResolvedDependency):
                return spec, []
            results = []
            for advisory in by_package.get(spec.canonical_name, []):
                if advisory.get("withdrawn") or not affects(
                    advisory, spec.canonical_name, spec.version
                ):
                    continue
                description = advisory.get("summary") or advisory.get("details") or "N/A"
                results.append(
                    VulnerabilityResult.create(
                        ids=[advisory["id"], *advisory.get("aliases", [])],
                        description=description.replace("\n", " "),
                        fix_versions=_fix_versions(advisory, spec.canonical_name),
                        published=None,
                    )
                )
            return spec, results

    ignored = _ignored()
    source = RequirementSource([LOCK], no_deps=True, disable_pip=True)
    found: dict = {}
    for dependency, vulns in Auditor(OfflineService()).audit(source):
        vulns = [v for v in vulns if not (ignored & ({v.id} | set(v.aliases)))]
        if vulns:
            found[dependency] = vulns
    count = sum(len(v) for v in found.values())
    print(
        f"pip-audit (offline, {ADVISORIES.relative_to(ROOT)} of {data['snapshot']}): "
        f"{len(_locked_names())} packages, {count} known vulnerabilities, "
        f"{len(ignored)} ignored in pyproject.toml"
    )
    if found:
        print(ColumnsFormat(output_desc=True, output_aliases=True).format(found, []))
        return 1
    return 0


def refresh(source: Path, snapshot: str) -> int:
    import yaml

    wanted = set(_locked_names())
    advisories = []
    for path in sorted(source.rglob("*")):
        if path.suffix not in {".yaml", ".yml", ".json"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        record = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        names = {
            canonicalize_name(a.get("package", {}).get("name", ""))
            for a in (record or {}).get("affected", [])
            if a.get("package", {}).get("ecosystem") == "PyPI"
        }
        if names & wanted:
            # What the check reads (ids, text, affected versions); links and extras left out.
            kept = {k: v for k, v in record.items() if k not in {"references", "database_specific"}}
            advisories.append(json.loads(json.dumps(kept, default=str)))
    advisories.sort(key=lambda a: a["id"])
    ADVISORIES.write_text(
        json.dumps(
            {
                "snapshot": snapshot,
                "packages": sorted(wanted),
                "advisories": advisories,
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )
    print(f"{len(advisories)} advisories for {len(wanted)} packages written to {ADVISORIES}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    ref = sub.add_parser("refresh", help="rebuild the advisory file from a directory of OSV files")
    ref.add_argument("source", type=Path)
    ref.add_argument(
        "--snapshot",
        default=dt.date.today().isoformat(),
        help="what the source is and of when (shown by the check)",
    )
    args = parser.parse_args()
    if args.command == "refresh":
        return refresh(args.source, args.snapshot)
    return check()


if __name__ == "__main__":
    sys.exit(main())
