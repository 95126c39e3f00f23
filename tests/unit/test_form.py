"""The calculator block generated from a definition (what the build puts into a page)."""

import re

import pytest

from calculators import all_calculators, render_form
from calculators.core.fields import RowsField


@pytest.mark.parametrize("calc_id", sorted(all_calculators()))
def test_every_declared_field_has_a_labelled_control_and_an_error_slot(calc_id):
    html = render_form(calc_id)
    for f in all_calculators()[calc_id].fields:
        control_id = f"calc-{calc_id}-{f.name}"
        assert re.search(rf'name="{f.name}"', html), f.name
        if isinstance(f, RowsField):  # a group is labelled by its fieldset's legend
            # (or, for a record store, by the stored-records block: calculators/core/records.py)
            assert f'data-rows="{f.name}"' in html or f'data-store-rows="{f.name}"' in html
        else:
            assert f'for="{control_id}"' in html or f'id="{control_id}"' in html
        assert f'data-error-for="{f.name}"' in html


@pytest.mark.parametrize("calc_id", sorted(all_calculators()))
def test_the_default_result_is_built_in(calc_id):
    html = render_form(calc_id)
    result = html[html.index('class="calc-result"'):]
    assert 'class="calc-figures"' in result
    assert 'data-state="static"' in html


def test_what_a_reader_typed_is_escaped():
    html = render_form("overdue-cost", {"amount": '"><script>alert(1)</script>'})
    assert "<script" not in html
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    # and the field says what is wrong, in place
    assert re.search(r'data-error-for="amount">「逾期金额」', html)


def test_no_inline_script_style_or_handlers():
    for calc_id in all_calculators():
        html = render_form(calc_id)
        assert "<script" not in html and "style=" not in html
        assert not re.search(r"\son[a-z]+=", html)


def test_links_in_results_are_made_relative_to_the_page():
    html = render_form("repayment-plan", link_base="../../")
    assert 'href="../../how-to-negotiate/"' in html


def test_only_calculators_that_depend_on_today_ask_for_a_recompute_when_ready():
    from calculators.api import all_calculators, render_form

    for calc in all_calculators().values():
        html = render_form(calc.id)
        assert ("data-recompute-on-ready" in html) == calc.depends_on_today, calc.id
    assert all_calculators()["timeline"].depends_on_today
