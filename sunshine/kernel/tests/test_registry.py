from dataclasses import dataclass

import pytest

from sunshine.kernel.registry import KindRegistry, Registry


@dataclass(frozen=True)
class Entry:
    kind: str
    model: str
    label: str = ""


def test_registry_names_sorted_and_errors():
    reg: Registry[int] = Registry("thing")
    reg.add("b", 2)
    reg.add("a", 1)
    assert reg.all() == [1, 2] and list(reg) == ["a", "b"] and "a" in reg and len(reg) == 2
    assert reg.find("c") is None
    with pytest.raises(LookupError, match="no thing 'c'"):
        reg.get("c")
    with pytest.raises(ValueError):
        reg.add("", 3)
    with pytest.raises(ValueError):
        reg.add("x" * 41, 3)
    reg.remove("a")
    assert reg.all() == [2]


@pytest.mark.django_db
def test_kind_registry_finds_an_object_by_its_model(province):
    reg: KindRegistry[Entry] = KindRegistry("widget kind")
    agency = province["transport"]
    entry = reg.register(Entry("agency", "orgs.Agency", "机关"))
    assert reg.for_object(agency) is entry and reg.for_object(agency, "agency") is entry
    assert reg.label("agency") == "机关" and reg.label("unknown") == "unknown"
    reg.register(Entry("region", "orgs.Region"))
    with pytest.raises(LookupError):
        reg.for_object(agency, "region")
    with pytest.raises(ValueError):
        reg.register(Entry("bad", "NoDot"))
    reg.remove("agency")
    with pytest.raises(LookupError, match="not a registered widget kind"):
        reg.for_object(agency)
