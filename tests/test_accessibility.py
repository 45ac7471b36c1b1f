"""Every page with a screen reader and on a phone, in a real browser (Debian's chromium,
driven by playwright; axe-core from axe-playwright-python, which bundles it).

* axe-core finds no violation of WCAG 2.1 A or AA on any page, in light and dark mode.
* At 320 and 390 px nothing is wider than the screen, and nothing sticks out of an
  explorer's box; explorers of several panels show them one below the other.
* Text in a figure is at least 11 CSS px as rendered on a 390 px screen (the smallest
  size a phone's guidelines ask for): explorer figures are measured (smallest font of
  the figure times the scale it is drawn at); a chapter figure is never shown below the
  fraction of its size at which the course style's smallest text is 11 px, and it is
  drawn at twice the resolution it is shown at.
* A slider move is announced once: the slider's value text carries the value and the
  note; no live region repeats it; the figure is described by the note.
"""

from __future__ import annotations

import functools
import re

import pytest
import sitetools
from sitetools import toc_files

from scaling_lab.plotting import SMALLEST_TEXT_PT, STYLE

pytestmark = pytest.mark.browser

PAGES = toc_files()
SITE = sitetools.SITE
#: axe-core's tags for the success criteria of WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: The smallest text a figure may show on a phone, in CSS pixels.
MIN_TEXT_PX = 11.0
PHONE = 390


def built_pages():
    return [doc for doc in PAGES if (SITE / f"{doc}.html").exists()] or PAGES


def explorer_pages():
    pages = [doc for doc in built_pages()
             if 'class="sl-explorer"' in (SITE / f"{doc}.html").read_text(encoding="utf-8")]
    return pages or ["book/power-laws"]


@pytest.fixture(scope="module")
def axe():
    module = pytest.importorskip("axe_playwright_python.sync_playwright")
    return module.Axe()


def open_page(browser, url, *, width=1280, scheme="light"):
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  color_scheme=scheme)
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_()
               if route.request.url.startswith(("http://127.0.0.1:", "data:"))
               else route.abort())
    page.goto(url, wait_until="load")
    page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
    page.wait_for_timeout(200)
    return page


def describe(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:3]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')[:160]}")
    return "\n".join(lines)


#: Dark mode changes only colours: checked on pages that hold every kind of box
#: (exercise, solution, proof, theorem, corollary), tables, code in links, the
#: bibliography and an explorer.
DARK_PAGES = ["book/intro", "book/run-yourself", "book/instructors", "book/quantization",
              "book/bibliography"]


def axe_cases():
    pages = built_pages()
    return [(doc, "light") for doc in pages] + \
        [(doc, "dark") for doc in DARK_PAGES if doc in pages]


@pytest.mark.parametrize(("doc", "scheme"), axe_cases())
def test_axe_finds_no_wcag_violation(server, browser, axe, doc, scheme):
    page = open_page(browser, f"{server}/{doc}.html", scheme=scheme)
    try:
        assert page.evaluate("document.documentElement.dataset.theme") == scheme
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                        "resultTypes": ["violations"]})
        violations = result.response["violations"]
        assert not violations, f"{doc} ({scheme}):\n{describe(violations)}"
    finally:
        page.context.close()


#: Everything in the article that reaches past the screen's right edge, unless a
#: scrolling box holds it; and everything that reaches past its explorer's box.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  const scrolls = (e) => { for (let p = e.parentElement; p; p = p.parentElement) {
      if (/(auto|scroll|hidden)/.test(getComputedStyle(p).overflowX)) return true; }
    return false; };
  // An <svg> clips what it draws: its own box is what counts, not its shapes'.
  const drawn = (e) => e.tagName.toLowerCase() !== 'svg' && e.closest('svg');
  for (const e of document.querySelectorAll('article *')) {
    if (drawn(e)) continue;
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 1 && !scrolls(e))
      out.push(`${e.tagName}.${e.className} ${Math.round(r.right - width)} px past the screen`);
  }
  for (const box of document.querySelectorAll('.sl-explorer')) {
    const b = box.getBoundingClientRect();
    for (const e of box.querySelectorAll('*')) {
      if (drawn(e)) continue;
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.height > 1 && r.right > b.right + 1)
        out.push(`${box.dataset.explorer}: ${e.tagName}.${e.className} ` +
                 `${Math.round(r.right - b.right)} px past its box`);
    }
  }
  return {page: document.documentElement.scrollWidth - width, out: out.slice(0, 8)};
}"""

#: Per explorer: what is shown (the whole figure or the stacked panels) and the scale
#: (CSS px per SVG unit) of each visible view.
EXPLORER_VIEWS = """() => [...document.querySelectorAll('.sl-explorer')].map(root => {
  const full = root.querySelector('.sl-full svg');
  const views = [...root.querySelectorAll('.sl-stack svg')].filter(
    s => s.getBoundingClientRect().width > 0);
  const shown = views.length ? views : [full];
  return {name: root.dataset.explorer, stacked: views.length > 0,
          scales: shown.map(s => s.getBoundingClientRect().width / s.viewBox.baseVal.width)};
})"""

#: Display equations whose start lies left of their box, where no scrolling reaches.
CLIPPED_MATH = """() => [...document.querySelectorAll('.bd-article div.math')].filter(d => {
  const m = d.querySelector('mjx-math');
  return m && m.getBoundingClientRect().left < d.getBoundingClientRect().left - 1;
}).map(d => d.id || d.textContent.slice(0, 40))"""

FIGURES = """() => [...document.querySelectorAll('.bd-article .cell_output img')].map(img => ({
  src: img.src, pixels: img.naturalWidth, natural: parseFloat(img.dataset.slNatural || '0'),
  shown: img.getBoundingClientRect().width}))"""


@functools.cache
def smallest_text(name: str) -> float:
    from scaling_lab.explore.static import smallest_text
    from scaling_lab.explorers import get_explorer

    return smallest_text(get_explorer(name))


def smallest_style_text_px() -> float:
    """The course style's smallest text, in CSS px, on a figure shown at full size."""
    return SMALLEST_TEXT_PT * STYLE["figure.dpi"] / 72


def check_explorer_views(views, *, phone: bool) -> None:
    from scaling_lab.explorers import get_explorer

    for view in views:
        explorer = get_explorer(view["name"])
        several = len(explorer.panels) > 1
        assert view["stacked"] == (several and phone), (
            f"{view['name']}: {'stacked' if view['stacked'] else 'side by side'} "
            f"at {'390' if phone else '1280'} px")
        assert len(view["scales"]) == (len(explorer.panels) if view["stacked"] else 1)
        size = smallest_text(view["name"])
        for scale in view["scales"]:
            assert size * scale >= MIN_TEXT_PX, (
                f"{view['name']}: text of {size:g} pt drawn at {size * scale:.1f} px")


@pytest.mark.parametrize("doc", built_pages())
def test_a_phone_shows_every_page_readable_and_nothing_overflows(server, browser, doc):
    """At 390 px: no overflow; explorers of several panels stack them; explorer text
    and chapter-figure text at 11 px or more; chapter figures drawn at 2x. At 320 px:
    no overflow."""
    page = open_page(browser, f"{server}/{doc}.html", width=PHONE)
    try:
        found = page.evaluate(OVERFLOW)
        assert found["page"] <= 0 and not found["out"], f"{doc} at {PHONE} px: {found}"
        clipped = page.evaluate(CLIPPED_MATH)
        assert not clipped, f"{doc} at {PHONE} px: equations cut off on the left: {clipped}"
        check_explorer_views(page.evaluate(EXPLORER_VIEWS), phone=True)
        for fig in page.evaluate(FIGURES):
            name = fig["src"].rsplit("/", 1)[-1]
            if name.endswith(".png"):
                assert fig["pixels"] >= 1.9 * fig["natural"], (
                    f"{name}: {fig['pixels']} px for {fig['natural']:.0f} px on the page "
                    "(figures are drawn at 2x)")
            text = smallest_style_text_px() * fig["shown"] / fig["natural"]
            assert text >= MIN_TEXT_PX - 0.05, f"{name}: its smallest text is {text:.1f} px"
        page.set_viewport_size({"width": 320, "height": 900})
        page.wait_for_timeout(300)  # the page script refits figures after a resize
        found = page.evaluate(OVERFLOW)
        assert found["page"] <= 0 and not found["out"], f"{doc} at 320 px: {found}"
        assert not page.evaluate(CLIPPED_MATH), f"{doc} at 320 px: equations cut off"
    finally:
        page.context.close()


@pytest.mark.parametrize("doc", built_pages())
def test_on_a_1280_px_screen_every_figure_fits_its_column(server, browser, doc):
    """A laptop's screen shows every chapter figure whole and in proportion, at no less
    than the scale that keeps its text at 11 px: none scrolls sideways
    (plotting.MAX_WIDTH); no display equation is cut off on the left."""
    page = open_page(browser, f"{server}/{doc}.html")
    try:
        wide = page.evaluate("""() => [...document.querySelectorAll('.bd-article .sl-scroll img')]
          .map(img => img.src.split('/').pop() + ' ' + img.dataset.slNatural + ' px')""")
        assert not wide, f"{doc}: figures that scroll sideways at 1280 px: {wide}"
        clipped = page.evaluate(CLIPPED_MATH)
        assert not clipped, f"{doc} at 1280 px: equations cut off on the left: {clipped}"
        squashed = page.evaluate("""() => [...document.querySelectorAll(
            '.bd-article .cell_output img')].filter(img => img.naturalWidth > 0 && Math.abs(
            img.width / img.height - img.naturalWidth / img.naturalHeight) > 0.02 *
            img.naturalWidth / img.naturalHeight).map(img => img.src.split('/').pop())""")
        assert not squashed, f"{doc}: figures shown out of proportion: {squashed}"
    finally:
        page.context.close()


@pytest.mark.parametrize("doc", explorer_pages())
def test_a_slider_move_is_announced_once_and_the_note_describes_the_figure(
        server, browser, doc):
    """At 1280 px: panels side by side with readable text; no live region in an
    explorer; each slider's value text is its value and the note; the figure is named
    by its alt text and described by the note."""
    from scaling_lab.explorers import get_explorer

    page = open_page(browser, f"{server}/{doc}.html")
    try:
        check_explorer_views(page.evaluate(EXPLORER_VIEWS), phone=False)
        roots = page.locator(".sl-explorer")
        for i in range(roots.count()):
            root = roots.nth(i)
            explorer = get_explorer(root.get_attribute("data-explorer"))
            # No live region in the explorer: the slider's own value text is the one
            # announcement; the visible values are hidden from assistive technology.
            live = root.locator("[aria-live], [role=status], [role=alert], [role=log], "
                                "output:not([aria-hidden=true])")
            assert live.count() == 0, f"{explorer.name}: {live.count()} live regions"
            note = root.locator(".sl-note")
            figure = root.locator(".sl-full svg")
            assert figure.get_attribute("aria-describedby") == note.get_attribute("id")
            assert figure.get_attribute("aria-label") == explorer.alt
            sliders = root.locator("input[type=range]")
            for s, spec in enumerate(explorer.sliders):
                slider = sliders.nth(s)
                label = page.locator(f"#{slider.get_attribute('aria-labelledby')}")
                assert label.inner_text().strip() == spec.label
                slider.focus()
                slider.press("End")
                values = {**explorer.defaults, spec.name: spec.values[-1]}
                expected = explorer.frame(**values).note.strip()
                assert note.inner_text().strip() == expected
                assert slider.get_attribute("aria-valuetext") == \
                    f"{spec.text(spec.values[-1])}: {expected}"
                slider.press("Home")  # back to where it started, the next slider's
                for _ in range(spec.default_index):  # expected note assumes it
                    slider.press("ArrowRight")
                assert re.sub(r"\s+", " ", note.inner_text()).strip() == \
                    re.sub(r"\s+", " ", explorer.frame().note).strip()
    finally:
        page.context.close()
