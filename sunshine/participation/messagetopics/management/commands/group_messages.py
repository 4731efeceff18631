from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from sunshine.participation.messagetopics.grouping import (
    assign_new_messages,
    refresh_hot_scores,
    regroup_messages,
)


class Command(BaseCommand):
    help = "重新计算留言分组（重复留言、同一话题）和热度；--new 只处理新留言，--hot 只更新热度。"

    def add_arguments(self, parser):
        parser.add_argument("--new", action="store_true", help="只把新留言归入已有分组")
        parser.add_argument("--hot", action="store_true", help="只重新计算热度")

    def handle(self, *args, new=False, hot=False, **options):
        if hot:
            count = refresh_hot_scores()
            self.stdout.write(_("已更新 %(n)d 个分组的热度") % {"n": count})
            return
        if new:
            count = assign_new_messages()
            self.stdout.write(_("已处理 %(n)d 条新留言") % {"n": count})
            return
        result = regroup_messages(progress=lambda text: self.stdout.write(f"  {text}"))
        self.stdout.write(
            _(
                "%(n)d 条留言；重复留言 %(dup)d 组，同一话题 %(topic)d 组；"
                "新计算指纹 %(fp)d 条；用时 %(s).1f 秒"
            )
            % {
                "n": result.messages,
                "dup": result.groups.get("near_duplicate", 0),
                "topic": result.groups.get("same_topic", 0),
                "fp": result.fingerprinted,
                "s": result.seconds.get("total", 0.0),
            }
        )
