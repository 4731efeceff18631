"""load_demo outside a demo environment. Every check of the complete demo is in
test_whole_demo.py, which loads it once for all of them."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_load_demo_is_refused_in_production(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="生产环境"):
        call_command("load_demo")
