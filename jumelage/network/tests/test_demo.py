import io

import pytest
from django.core.management import call_command

from jumelage.network.models import SupportRole
from jumelage.texts.models import OfficialText
from jumelage.training.models import Registration, TrainingEvent

pytestmark = pytest.mark.django_db


def test_demo_data_loads_twice_without_duplicates():
    call_command("load_demo", stdout=io.StringIO())
    counts = (
        SupportRole.objects.count(),
        TrainingEvent.objects.count(),
        OfficialText.objects.count(),
    )
    call_command("load_demo", stdout=io.StringIO())
    assert counts == (
        SupportRole.objects.count(),
        TrainingEvent.objects.count(),
        OfficialText.objects.count(),
    )
    regions = set(SupportRole.objects.exclude(region=None).values_list("region__code", flat=True))
    assert {"paris", "corse", "lyon"} <= regions
    assert SupportRole.objects.filter(role="ambassador").exists()
    assert TrainingEvent.objects.count() >= 2
    assert Registration.objects.filter(user__email="claire.martin@demo.jumelage.eu").count() == 1
