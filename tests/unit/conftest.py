"""The sample calculators (tests/unit/field_samples.py), registered only for the tests that ask."""

import pytest

from calculators import api

from field_samples import SAMPLES


@pytest.fixture
def samples(monkeypatch):
    for calc in SAMPLES:
        monkeypatch.setitem(api._CALCULATORS, calc.id, calc)
    return {calc.id: calc for calc in SAMPLES}
