"""The 公共资源交易 tables offered as generated open datasets (数据开放's DataSource registry)."""


def register_sources() -> None:
    pass
