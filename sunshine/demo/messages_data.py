"""Demo citizen messages: the shipped taidi2020 subset (1,408 messages with official replies,
the 500 most-voted messages) imported as historical messages, then grouped (重复留言, 同一话题)
and ranked (热点). M1's workflow examples (messages in every state) are loaded first when
that module is there. Idempotent: imports are keyed by 留言编号 and the grouping is recomputed."""

from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data" / "taidi2020"
FILES = ("replies_dev.csv", "votes_top500.csv")


def load(*, stdout) -> None:
    from sunshine.participation.messages.importing import import_files
    from sunshine.participation.messagetopics.grouping import regroup_messages

    if find_spec("sunshine.participation.messages.demo") is not None:
        demo = import_module("sunshine.participation.messages.demo")
        if hasattr(demo, "load_workflow_examples"):
            demo.load_workflow_examples(stdout=stdout)
    results = import_files([DATA_DIR / name for name in FILES])
    for path, summary in results.items():
        stdout.write(
            f"messages: {path.name}: {summary.created} new, {summary.existing} existing, "
            f"{len(summary.refused)} refused"
        )
    result = regroup_messages()
    stdout.write(
        f"messages: grouped {result.messages} messages: "
        f"{result.groups.get('near_duplicate', 0)} near-duplicate groups, "
        f"{result.groups.get('same_topic', 0)} topics ({result.seconds.get('total', 0):.1f} s)"
    )
