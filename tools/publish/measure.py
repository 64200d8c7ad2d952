"""Measure built decks in Chromium, after reveal.js has laid them out: does every slide fit the
screen, is any code line cut at the right edge? Used by tests/ui/test_site_slides.py, and by
hand: ``python tools/publish/measure.py build/slides`` (needs the ``playwright`` package and
a Chromium; CHROMIUM=/path overrides /usr/bin/chromium).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

#: The projector sizes every deck must fit (width, height).
SCREENS = ((1280, 800), (1024, 768))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

# Visit every slide (no transition), and measure what the viewer sees: the bottom and right
# of each cell on the slide against the window, and every code block's width against its box.
MEASURE = r"""() => {
  Reveal.configure({transition: 'none', backgroundTransition: 'none'});
  const out = [];
  const slides = Array.from(document.querySelectorAll('.reveal .slides section'))
    .filter(s => !s.querySelector('section'));
  for (const s of slides) {
    const at = Reveal.getIndices(s);
    Reveal.slide(at.h, at.v);
    Reveal.layout();
    let bottom = 0, right = 0, top = 1e9;
    for (const c of s.children) {
      const r = c.getBoundingClientRect();
      if (!r.height) continue;
      bottom = Math.max(bottom, r.bottom); right = Math.max(right, r.right); top = Math.min(top, r.top);
    }
    const cut = [];
    s.querySelectorAll('pre, pre code').forEach(p => {
      if (!p.getClientRects().length) return;
      if (p.scrollWidth > p.clientWidth + 1)        // a line runs past the right edge
        cut.push(p.innerText.split('\n').find(l => l.length > 60) || p.innerText.slice(0, 60));
      else if (p.scrollHeight > p.clientHeight + 1 && getComputedStyle(p).overflowY !== 'visible')
        cut.push('(lines scrolled out of sight) ' + p.innerText.slice(0, 40));
    });
    out.push({h: at.h, v: at.v || 0, bottom, right, top: top === 1e9 ? 0 : top,
              scale: parseFloat(s.dataset.nnvizScale || '1'), height: parseFloat(s.dataset.nnvizHeight || '0'),
              text: s.innerText.trim().slice(0, 60), cut});
  }
  return {slides: out, width: window.innerWidth, height: window.innerHeight};
}"""


def measure_deck(page, deck: Path, size) -> dict:
    """Open ``deck`` at ``size`` in ``page`` and measure every slide."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(deck.as_uri())
    page.wait_for_selector("body[data-nnviz-ready='1']", timeout=30000)
    result = page.evaluate(MEASURE)
    for s in result["slides"]:
        s["overflow"] = max(0, round(s["bottom"] - result["height"]), round(s["right"] - result["width"]))
    return result


def problems(result) -> dict:
    """The slides that overflow the window, and the slides with a code line cut."""
    return {"overflow": [s for s in result["slides"] if s["overflow"] > 1],
            "cut": [s for s in result["slides"] if s["cut"]],
            "scaled": [s for s in result["slides"] if s["scale"] < 1]}


def main(argv=None) -> int:
    from playwright.sync_api import sync_playwright

    folder = Path((argv or sys.argv[1:])[0])
    report = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                    args=CHROMIUM_ARGS)
        page = browser.new_page()
        for deck in sorted(folder.glob("*.slides.html")):
            for size in SCREENS:
                found = problems(measure_deck(page, deck, size))
                report[f"{deck.name} {size[0]}x{size[1]}"] = {
                    k: [(s["h"], s["v"], s.get("overflow"), s["scale"], s["text"][:30], s["cut"][:1]) for s in v]
                    for k, v in found.items()}
        browser.close()
    print(json.dumps(report, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
