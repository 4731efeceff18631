"""Feature manifests (kernel/features.py): one declaration per module, read by every shell."""

import importlib
import pkgutil
from pathlib import Path

import pytest
from django.apps import apps

import sunshine
from sunshine.kernel.access.policy import registered_actions
from sunshine.kernel.deadlines.rules import find_rule, rule
from sunshine.kernel.features import FEATURES, Feature, FeatureConfig, MenuEntry, declare
from sunshine.kernel.jobs.schedule import PeriodicJob, periodic_jobs, unregister_periodic
from sunshine.kernel.search.registry import DocType, get_doc_type
from sunshine.testing.factories import staff_with
from sunshine.workbench.menu import add_menu_entry, menu_for, unregister_menu_item
from sunshine.workbench.queues import _PROVIDERS as QUEUES

ROOT = Path(sunshine.__file__).parent


def test_every_feature_package_declares_its_manifest_through_feature_config():
    with_manifest = {p.parent for p in ROOT.glob("*/*/feature.py")}
    assert with_manifest, "no feature.py found"
    for config in apps.get_app_configs():
        if Path(config.path) in with_manifest:
            assert isinstance(config, FeatureConfig), config.name
            assert FEATURES.find(config.module.feature.FEATURE.name) is not None, config.name


@pytest.mark.parametrize(("shell", "module"), [("workbench", "registry"), ("portal", "providers")])
def test_no_shell_package_is_left_undiscovered(shell, module):
    """A shell module no manifest names would never be registered (the 公开答复 queue once
    waited in workbench/answers/registry.py and only its urls.py registered it)."""
    named = {surface for feature in FEATURES.all() for surface in feature.surfaces}
    for info in pkgutil.iter_modules([str(ROOT / shell)]):
        if info.ispkg and (ROOT / shell / info.name / f"{module}.py").exists():
            assert info.name in named, f"sunshine/{shell}/{info.name}/{module}.py"


def test_every_api_router_module_is_mounted():
    from sunshine.api.routers import ROUTERS

    mounted = {router for _prefix, router in ROUTERS}
    for info in pkgutil.iter_modules([str(ROOT / "api" / "routers")]):
        router = importlib.import_module(f"sunshine.api.routers.{info.name}").router
        assert router in mounted, info.name


def test_the_answers_queue_is_registered_by_its_manifest():
    assert "foi_answers" in QUEUES


@pytest.mark.django_db
def test_declare_puts_each_part_where_the_kernel_serves_it(province):
    feature = Feature(
        name="testfeature",
        label="测试功能",
        actions={"testfeature.view": ["drafter"]},
        rules=(rule("testfeature.reply", length=4, label="测试答复"),),
        jobs=(
            PeriodicJob(
                "testfeature.sweep", "sunshine.kernel.jobs.tasks.housekeeping", "0 4 * * *"
            ),
        ),
        search_types=(DocType("testfeature_doc", "测试文档"),),
        menu=(
            MenuEntry("testfeature", "测试菜单", "/workbench/testfeature/", 99, "testfeature.view"),
        ),
    )
    try:
        declare(feature)
        for entry in feature.menu:
            add_menu_entry(entry)
        assert FEATURES.get("testfeature") is feature
        assert registered_actions()["testfeature.view"] == frozenset({"drafter"})
        assert find_rule("testfeature.reply").length == 4
        assert "testfeature.sweep" in {job.name for job in periodic_jobs()}
        assert str(get_doc_type("testfeature_doc").label) == "测试文档"
        drafter = staff_with("drafter", province["office"])
        reviewer = staff_with("reviewer", province["office"])
        assert "testfeature" in {e["key"] for e in menu_for(drafter, "/workbench/")}
        assert "testfeature" not in {e["key"] for e in menu_for(reviewer, "/workbench/")}
    finally:
        from sunshine.kernel.access import policy
        from sunshine.kernel.deadlines import rules
        from sunshine.kernel.search import registry

        FEATURES.remove("testfeature")
        policy.unregister_action("testfeature.view")
        rules._RULES.remove("testfeature.reply")
        registry._types.remove("testfeature_doc")
        unregister_periodic("testfeature.sweep")
        unregister_menu_item("testfeature")


def test_a_malformed_job_is_refused_at_declaration():
    with pytest.raises(ValueError):
        declare(
            Feature(name="badjob", label="x", jobs=(PeriodicJob("badjob.x", "a.b", "99 * * * *"),))
        )
    assert FEATURES.find("badjob") is None
