"""Demo of 行政执法公示 (双公示) of 广东省交通运输厅: two
行政许可 and two 行政处罚 published on time, one 行政处罚 published late (shown on the
timeliness page), a 重大执法决定 waiting for 法制审核 and one withdrawn after 行政复议."""

import datetime as dt

from sunshine.kernel import clock
from sunshine.testing.factories.enforcement import EnforcementFactory


def load(*, stdout=None) -> None:
    factory = EnforcementFactory.for_demo()
    if factory is not None and not factory.exists():
        _build(factory)
    if stdout is not None and factory is not None:
        stdout.write(f"行政执法公示：{factory.agency.name} {factory.count()} 项执法决定")


def _build(factory) -> None:
    today = clock.today()
    # Working days back from today are at most 7 wd only if few holidays intervene: stay at
    # 3 calendar days for the on-time ones.
    recent = today - dt.timedelta(days=3)
    factory.license("粤交运许〔2026〕1001号", "道路运输经营许可", "广州市穗通客运有限公司",
                    decided_on=recent, publish=True)  # fmt: skip
    factory.license("粤交运许〔2026〕1002号", "超限运输车辆行驶公路许可", "佛山市顺德区德和物流有限公司",
                    decided_on=recent, publish=True)  # fmt: skip
    factory.penalty("粤交罚〔2026〕201号", "未取得道路运输经营许可擅自从事道路运输经营案", "东莞市鸿运货运有限公司",
                    decided_on=recent, publish=True)  # fmt: skip
    factory.penalty("粤交罚〔2026〕202号", "车辆超限运输案", "李四", person=True,
                    decided_on=recent, publish=True)  # fmt: skip
    factory.penalty("粤交罚〔2026〕188号", "未按规定维护和检测运输车辆案", "深圳市前海星辰运输有限公司",
                    decided_on=today - dt.timedelta(days=40), publish=True)  # late  # fmt: skip
    factory.penalty("粤交罚〔2026〕205号", "非法营运客运案（拟吊销许可证件）", "珠海市金湾区康宁客运有限公司",
                    major=True, send_for_review=True)  # fmt: skip
    withdrawn = factory.penalty("粤交罚〔2026〕150号", "擅自改装营运车辆案", "中山市利达运输有限公司",
                                decided_on=recent, publish=True)  # fmt: skip
    factory.withdraw(withdrawn, revoked_on=today - dt.timedelta(days=1),
                     reason="经行政复议，原处罚决定被撤销。")  # fmt: skip
