"""The way from a request to a result on a tool page (the latency itself is the bench's):
计算 and Enter compute without submitting the form; the address (URL fragment) is written
after the result, yet is there whenever it can be read or left; a result updated in place
(calc/patch.mjs) is exactly the full replacement, and keeps focus on what it kept.
"""

from urllib.parse import parse_qsl, urlsplit

import pytest

from pages import PYTHON_START_TIMEOUT, READY, after_paint, expected_figure, type_into, wait_for_figure

pytestmark = pytest.mark.browser

TOOL = "tools/repayment-plan/"

# The glue's own modules, as the page loaded them (the same instances, so the same worker).
MODULE_JS = """name => import(new URL(`calc/${name}.mjs`, document.querySelector('script[src$="calculator-glue.mjs"]').src).href)"""

# What a full replacement would leave: the worker's HTML for the form's inputs, set as a whole,
# with the copy button revealed as the glue does after every result.
SAME_AS_FULL_JS = (
    """async () => {
  const load = """
    + MODULE_JS
    + """;
  const python = await load('python');
  const block = document.querySelector('.calc');
  const inputs = {};
  for (const el of block.querySelector('form').elements) {
    if (el.name) inputs[el.name] = el.type === 'checkbox' ? (el.checked ? 'yes' : 'no') : el.value;
  }
  const outcome = await new Promise((resolve) => python.request(block.dataset.calc, inputs, resolve));
  const full = document.createElement('div');
  full.innerHTML = outcome.ok ? outcome.html : '';
  const copy = full.querySelector('[data-calc-copy]');
  if (copy) copy.hidden = false;
  const result = block.querySelector('.calc-result');
  const controls = [...result.querySelectorAll('textarea, input, select')];
  return {
    ok: outcome.ok,
    same: !outcome.ok || (result.innerHTML === full.innerHTML && result.childNodes.length === full.childNodes.length
      && [...result.childNodes].every((node, i) => node.isEqualNode(full.childNodes[i]))),
    controls: controls.every((el) => el.value === (el.defaultValue ?? el.value)),
  };
}"""
)

SETTLED_JS = "() => { const b = document.querySelector('.calc'); return !b.dataset.busy && b.dataset.result; }"


def fragment(page):
    return dict(parse_qsl(urlsplit(page.url).fragment))


def test_calculate_and_enter_compute_without_submitting_the_form(visit):
    page = visit.open(TOOL)
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    page.evaluate("""() => {
      window.__submits = 0;
      document.querySelector('.calc form').addEventListener('submit', () => window.__submits++);
    }""")
    set_quietly = "([name, value]) => { document.querySelector(`.calc [name=${name}]`).value = value; }"

    page.evaluate(set_quietly, ["principal", "20000"])  # no input event: only 计算 computes
    page.click(".calc button[type=submit]")
    wait_for_figure(page, expected_figure("repayment-plan", {"principal": "20000"}, 1))

    page.focus('.calc [name="principal"]')
    page.evaluate(set_quietly, ["principal", "30000"])
    page.keyboard.press("Enter")
    wait_for_figure(page, expected_figure("repayment-plan", {"principal": "30000"}, 1))
    assert page.evaluate("window.__submits") == 0

    # A form submitted any other way still computes.
    page.evaluate(set_quietly, ["principal", "40000"])
    page.evaluate("() => document.querySelector('.calc form').requestSubmit()")
    wait_for_figure(page, expected_figure("repayment-plan", {"principal": "40000"}, 1))
    assert page.evaluate("window.__submits") == 1
    visit.assert_clean()


def test_the_address_holds_the_inputs_once_the_result_is_painted_and_a_reload_keeps_them(visit):
    page = visit.open(TOOL)
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    type_into(page, "principal", "2万")
    type_into(page, "months", "24")
    inputs = {"principal": "20000", "months": "24"}
    wait_for_figure(page, expected_figure("repayment-plan", inputs, 1))
    after_paint(page)  # the frame that shows the result, and the task after it: nothing more
    assert fragment(page) == {"principal": "2万", "months": "24"}

    page.reload()
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert page.input_value('.calc [name="principal"]') == "2万"
    assert page.input_value('.calc [name="months"]') == "24"
    wait_for_figure(page, expected_figure("repayment-plan", inputs, 1))
    visit.assert_clean()


def test_a_link_followed_as_the_result_arrives_leaves_the_inputs_for_the_back_button(visit):
    page = visit.open(TOOL)
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    # The link is clicked in the same task as the result arrives, before any frame: the
    # address has not been written yet, and the click must write it before the page is left.
    hash_at_click = page.evaluate("""() => new Promise((resolve) => {
      const block = document.querySelector('.calc');
      const link = document.querySelector('.md-content a[href$="/how-to-negotiate/"]:not(.calc *)');
      const seen = new MutationObserver(() => {
        seen.disconnect();
        const before = location.hash;
        // What the address is as the click reaches the link (the browser then leaves the page).
        link.addEventListener('click', () => resolve([before, location.hash]), {once: true});
        link.click();
      });
      seen.observe(block.querySelector('.calc-result'), {childList: true, characterData: true, attributes: true, subtree: true});
      block.querySelector('[name="principal"]').value = '35000';
      block.querySelector('button[type=submit]').click();
    })""")
    assert hash_at_click == ["", "#principal=35000"]
    page.wait_for_url("**/how-to-negotiate/")
    page.wait_for_selector(".md-content h1")
    page.go_back()
    # Back: the page from the browser's back/forward cache, or loaded again from the address;
    # the block says "ready" once bound, so that is when its inputs are looked at.
    page.wait_for_url("**#principal=35000")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert page.input_value('.calc [name="principal"]') == "35000"
    wait_for_figure(page, expected_figure("repayment-plan", {"principal": "35000"}, 1))
    visit.assert_clean()


def test_a_hidden_page_has_its_address_written(visit):
    page = visit.open(TOOL)
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    # As the result arrives, before any frame, the page is hidden (another app, the tab switcher).
    hashes = page.evaluate("""() => new Promise((resolve) => {
      const block = document.querySelector('.calc');
      const seen = new MutationObserver(() => {
        seen.disconnect();
        const before = location.hash;
        document.dispatchEvent(new Event('visibilitychange'));
        resolve([before, location.hash]);
      });
      seen.observe(block.querySelector('.calc-result'), {childList: true, characterData: true, attributes: true, subtree: true});
      block.querySelector('[name="budget"]').value = '1500';
      block.querySelector('button[type=submit]').click();
    })""")
    assert hashes == ["", "#budget=1500"]
    visit.assert_clean()


def test_a_result_updated_in_place_is_the_full_replacement(visit):
    page = visit.open(TOOL)
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    page.evaluate("() => document.querySelectorAll('.calc details').forEach(d => d.open = true)")
    steps = [
        {"principal": "20000"},  # other figures, same shape
        {"months": "3"},  # a shorter schedule
        {"months": "36", "show": "equal_principal"},  # a longer one, another plan
        {"show": "settle", "settle_pct": "60%"},  # a plan without a schedule
        {"principal": "不是数字"},  # an error: the last result stays, marked stale
        {"principal": "15000", "show": "grace"},
        {"card": True},  # the credit-card plan's rows and notes
    ]
    for step in steps:
        for name, value in step.items():
            if value is True:
                page.check(f'.calc [name="{name}"]')
            elif name == "show":
                page.select_option('.calc [name="show"]', value)
            else:
                type_into(page, name, value)
        page.click(".calc button[type=submit]")
        page.wait_for_function(SETTLED_JS)
        check = page.evaluate(SAME_AS_FULL_JS)
        assert check["same"] and check["controls"], step
    visit.assert_clean()


PATCH_CASES = [  # before, after, whether the first node stays the same node
    ("<p>a</p><p>b</p>", "<p>a</p>", True),
    ("<p>a</p>", "<p>a</p><ul><li>x</li><li>y</li></ul>", True),
    ('<p class="x" title="t">a<b>b</b></p>', '<p class="x y" title="u">a<i>b</i>c</p>', True),
    ('<p class="x">a</p>', '<p class="z">a</p>', False),
    ("a<b>c</b>", "<b>c</b>a", False),
    ('<p class="calc-assumptions">z</p>', '<p class="calc-notice">n</p><p class="calc-assumptions">z</p>', False),
    ("<!--a--><p>x</p>", "<p>x</p><!--b-->", False),
    ("<table><tbody><tr><td>1</td></tr><tr><td>2</td></tr></tbody></table>", "<table><tbody><tr><td>3</td></tr></tbody><tfoot><tr><td>4</td></tr></tfoot></table>", True),
    ('<svg viewBox="0 0 10 10"><path d="M0 0"></path><text x="1">a</text></svg>', '<svg viewBox="0 0 20 10"><path d="M1 1"></path><rect width="2"></rect></svg>', True),
    ('<svg><use xlink:href="#a"></use></svg>', '<svg><use xlink:href="#b"></use></svg>', True),
    ('<label>s<textarea readonly="">old</textarea></label><button hidden="">b</button>', '<label>s<textarea readonly="">new</textarea></label><button>c</button>', True),
    ("<div><p>keep</p></div>", "", False),
]


def test_patch_gives_what_setting_the_html_gives(visit):
    page = visit.open(TOOL)
    page.wait_for_selector(".calc")
    results = page.evaluate(
        """async (cases) => {
      const load = """
        + MODULE_JS
        + """;
      const { patchHTML } = await load('patch');
      return cases.map(([before, after, keeps]) => {
        const page = document.createElement('div');
        page.innerHTML = before;
        const first = page.firstChild;
        patchHTML(page, after);
        const full = document.createElement('div');
        full.innerHTML = after;
        const xlink = (root) => [...root.querySelectorAll('use')].map((u) => u.getAttributeNS('http://www.w3.org/1999/xlink', 'href'));
        return {
          html: page.innerHTML === full.innerHTML,
          equal: page.isEqualNode(full),
          xlink: JSON.stringify(xlink(page)) === JSON.stringify(xlink(full)),
          values: [...page.querySelectorAll('textarea')].map((t) => t.value).join() === [...full.querySelectorAll('textarea')].map((t) => t.value).join(),
          kept: (page.firstChild === first) === keeps,
        };
      });
    }""",
        PATCH_CASES,
    )
    for case, got in zip(PATCH_CASES, results):
        assert all(got.values()), (case, got)
    visit.assert_clean()


def test_focus_in_the_result_stays_where_it_was(visit):
    page = visit.open(TOOL)
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    # A keyboard reader on the schedule (a focusable, scrolling region) while the result is
    # recomputed from an edit elsewhere.
    label = page.evaluate("""() => {
      const wrap = [...document.querySelectorAll('.calc-result .calc-table-wrap')].pop();
      wrap.focus();
      return wrap.getAttribute('aria-label');
    }""")
    page.evaluate("""() => {
      const field = document.querySelector('.calc [name="principal"]');
      field.value = '25000';
      field.dispatchEvent(new Event('input', {bubbles: true}));
    }""")
    wait_for_figure(page, expected_figure("repayment-plan", {"principal": "25000"}, 1))
    assert page.evaluate("() => document.activeElement.matches('.calc-result .calc-table-wrap') && document.activeElement.getAttribute('aria-label')") == label
    visit.assert_clean()
