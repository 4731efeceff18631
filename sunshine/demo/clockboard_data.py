"""Demo of the 期限看板: builds the board's daily summary from the clocks the other demos made."""


def load(*, stdout=None) -> None:
    from sunshine.kernel.deadlines.stats import refresh_facts

    result = refresh_facts(full=True)
    if stdout is not None:
        stdout.write(f"期限看板：{result['facts']} 条日汇总")
