"""Row groups and private fields in the glue (PLAN.md contract), on the real tool pages that
have them: add, remove and renumber, the row limit, focus, the group's round trip through the
URL fragment, 恢复默认数字; private fields never in the fragment and ignored when read from one.
"""

import re
from urllib.parse import parse_qsl

import pytest

from pages import PYTHON_START_TIMEOUT, READY, ROOT, after_paint, tool_pages

pytestmark = pytest.mark.browser


def pages_with(marker):
    found = []
    for path in tool_pages():
        md = ROOT / "docs" / (path.rstrip("/") + ".md")
        calc = re.search(r"^<!-- calculator: ([\w-]+) -->$", md.read_text(encoding="utf-8"), re.M).group(1)
        from calculators.api import render_form

        if marker in render_form(calc):
            found.append(path)
    return found


ROW_PAGES = pages_with('class="calc-rows"')
PRIVATE_PAGES = pages_with("data-private")

CONSISTENT_JS = """g => {
  const group = document.querySelector(`fieldset.calc-rows[data-rows="${g}"]`);
  const rows = [...group.querySelectorAll('.calc-rows__list > .calc-row')];
  const problems = [];
  if (group.querySelector(`input[type=hidden][name="${g}"]`).value !== String(rows.length)) problems.push('count');
  rows.forEach((row, i) => {
    const n = i + 1;
    if (row.dataset.row !== String(n)) problems.push(`data-row ${n}`);
    for (const el of row.querySelectorAll('[name]')) if (!el.name.startsWith(`${g}.${n}.`)) problems.push(`name ${el.name} in row ${n}`);
    for (const el of row.querySelectorAll('[data-error-for]')) if (!el.dataset.errorFor.startsWith(`${g}.${n}.`)) problems.push(`slot ${el.dataset.errorFor}`);
    for (const label of row.querySelectorAll('label[for]')) if (!document.getElementById(label.htmlFor)) problems.push(`label for ${label.htmlFor}`);
    for (const el of row.querySelectorAll('[aria-describedby]'))
      for (const id of el.getAttribute('aria-describedby').split(/\\s+/)) if (!document.getElementById(id)) problems.push(`describedby ${id}`);
    const legend = row.querySelector('legend');
    if (legend && !legend.textContent.includes(String(n))) problems.push(`legend ${legend.textContent}`);
  });
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  if (new Set(ids).size !== ids.length) problems.push('duplicate ids');
  return {problems, count: rows.length};
}"""

FLAT_JS = """g => [...document.querySelectorAll(`fieldset.calc-rows[data-rows="${g}"] [name]`)]
  .filter(el => !el.closest('template')).map(el => [el.name, el.value])"""


@pytest.mark.parametrize("path", ROW_PAGES)
def test_rows_add_remove_renumber_focus_and_round_trip(visit, path):
    page = visit.open(path)
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    page.evaluate("() => document.querySelectorAll('.calc details').forEach(d => d.open = true)")
    group = page.get_attribute("fieldset.calc-rows", "data-rows")
    sel = f'fieldset.calc-rows[data-rows="{group}"]'
    start = page.evaluate(CONSISTENT_JS, group)
    assert start["problems"] == []
    n0 = start["count"]

    # add: a row from the template, focus in its first control
    page.click(f"{sel} [data-row-add]")
    state = page.evaluate(CONSISTENT_JS, group)
    assert state == {"problems": [], "count": n0 + 1}
    assert page.evaluate("() => document.activeElement.name").startswith(f"{group}.{n0 + 1}.")
    # fill the new row's text cells from the keyboard with the first row's values
    first = dict(page.evaluate(FLAT_JS, group))
    for name, value in list(first.items()):
        if name.startswith(f"{group}.1."):
            col = name.split(".", 2)[2]
            target = page.locator(f'{sel} [name="{group}.{n0 + 1}.{col}"]')
            if target.evaluate("e => e.tagName") == "SELECT":
                target.select_option(value)
            elif target.get_attribute("type") == "text" or target.evaluate("e => e.tagName") == "TEXTAREA":
                target.fill(value)

    # remove row 1: the rest renumbered, focus on the row that took its place
    page.locator(f"{sel} .calc-row").first.locator("[data-row-remove]").click()
    state = page.evaluate(CONSISTENT_JS, group)
    assert state == {"problems": [], "count": n0}
    assert page.evaluate("() => document.activeElement.name").startswith(f"{group}.1.")
    page.wait_for_function("([g, n]) => location.hash.includes(`${encodeURIComponent(g)}=${n}&`)", arg=[group, n0], timeout=10_000)
    page.wait_for_function("() => !document.querySelector('.calc').dataset.busy")
    flat = page.evaluate(FLAT_JS, group)

    # the fragment holds the group as a whole; a new visit rebuilds exactly these rows
    fragment = page.evaluate("location.hash.slice(1)")
    params = dict(parse_qsl(fragment))
    assert params[group] == str(n0)
    for name, value in flat:
        if name != group and value.strip():
            assert params.get(name) == value, name
    other = visit.context.new_page()
    other.goto(visit.site_url + path + "#" + fragment)
    other.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert other.evaluate(FLAT_JS, group) == flat
    other.close()

    # the limit: adding stops at data-max-rows with the group's message, focus kept
    limit = int(page.get_attribute(sel, "data-max-rows"))
    for _ in range(limit - n0):
        page.click(f"{sel} [data-row-add]")
    # one more, from the keyboard: the button says aria-disabled but keeps focus
    page.focus(f"{sel} [data-row-add]")
    page.keyboard.press("Enter")
    assert page.evaluate(CONSISTENT_JS, group) == {"problems": [], "count": limit}
    note = page.locator(f"{sel} .calc-rows__limit")
    assert note.is_visible() and note.inner_text() == page.get_attribute(sel, "data-msg-max")
    assert page.evaluate("() => document.activeElement.matches('[data-row-add]')")

    # 恢复默认数字 brings back the built rows and clears the fragment
    page.click("[data-calc-reset]")
    assert page.evaluate(CONSISTENT_JS, group) == start
    assert page.evaluate("location.hash") == ""
    visit.assert_clean()


@pytest.mark.parametrize("path", PRIVATE_PAGES)
def test_private_fields_never_enter_the_fragment(visit, path):
    page = visit.open(path + "#" + "&".join(f"{n}=%E6%9D%8E%E5%9B%9B" for n in ("name", "phone", "address", "account", "id_last4")))
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    page.evaluate("() => document.querySelectorAll('.calc details').forEach(d => d.open = true)")
    private = page.locator(".calc [data-private]")
    assert private.count() > 0
    # ignored when read from a link
    for i in range(private.count()):
        assert "李四" not in private.nth(i).input_value()
    # typed, they reach Python (the result may use them) but never the address bar
    for i in range(private.count()):
        field = private.nth(i)
        if field.is_visible() and field.evaluate("e => e.tagName !== 'SELECT'"):
            field.fill("13800001234")
    page.evaluate("() => document.querySelector('.calc form').requestSubmit()")
    page.wait_for_function("() => !document.querySelector('.calc').dataset.busy && document.querySelector('.calc').dataset.result")
    after_paint(page)
    assert "13800001234" not in page.url and "%E6%9D%8E" not in page.url
    visit.assert_clean()
