from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "sunshine.workbench"
    label = "workbench"
    verbose_name = "工作台"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from sunshine.kernel.features import FEATURES, shell_modules

        from .menu import add_menu_entry, can_manage_users, register_menu_item

        register_menu_item("dashboard", label=_("工作台首页"), url="workbench:dashboard", order=0)
        register_menu_item("clocks", label=_("我的期限"), url="/workbench/clocks/", order=10)
        register_menu_item("inbox", label=_("消息"), url="/workbench/inbox/", order=20)
        register_menu_item("calendar", label=_("工作日历"), url="/workbench/calendar/", order=80)
        register_menu_item(
            "users",
            label=_("用户与角色"),
            url="workbench:users",
            order=90,
            visible=can_manage_users,
        )
        # Every declared feature (kernel/features.py): its menu entries from its manifest, its
        # dashboard queues from `workbench/<surface>/registry.py`.
        for feature in FEATURES.all():
            for entry in feature.menu:
                add_menu_entry(entry)
        for module in shell_modules("workbench", "registry"):
            module.register()
