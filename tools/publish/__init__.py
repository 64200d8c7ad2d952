"""Publish the notebooks for a class: reveal.js slides, a read-only site, a student edition.

    python tools/publish slides  [--out build/slides] [--edition student] [--no-execute] [--only NAME ...]
    python tools/publish site    [--out build/site]   [--edition student] [--only NAME ...] [--jobs N]
    python tools/publish student [--out build/student]
    live links: [--ref TAG] [--binder URL|none] [--lite URL|none] [--hub TEMPLATE]

``make slides``, ``make site`` and ``make student`` (``EDITION=student``, ``REF=``, ...) and
``python tools/setup.py slides|site|student`` run these with the project's venv.

The parts, each a module of this package:

- ``execute.py``: run each notebook once in a copy, in this environment's kernel, and cache
  it; ``_kernel.py`` is the code that runs inside that kernel (figure descriptions, the
  classroom style for slides, a PNG of every live figure).
- ``static.py``: what each explorer shows, for a page without a kernel (figures, control values).
- ``slides.py``: trim and re-cut a deck so every slide fits reveal.js's 960x700 canvas.
- ``student.py``: the student edition (no solutions).
- ``links.py``: the "run it live" links, set at build time.
- ``pages.py``: render the decks and the site pages and their index (nbconvert, the templates
  in tools/templates/).
- ``cli.py``: the command line.
- ``measure.py``: every slide of built decks measured in Chromium at 1280x800 and 1024x768
  (overflow, code cut at the right edge, scaling); used by tests/ui/test_site_slides.py.
"""
from __future__ import annotations

import sys
from pathlib import Path

_TOOLS = str(Path(__file__).resolve().parents[1])
if _TOOLS not in sys.path:          # tools/assets.py, which bundles reveal.js and KaTeX
    sys.path.insert(0, _TOOLS)

from .execute import (BUILD, CACHE, NOTEBOOKS, ROOT, STYLES, _fingerprint,  # noqa: E402
                      execute_all, executed, notebooks)
from .links import Links, checkout_ref  # noqa: E402
from .pages import (HTML_MANAGER_RANGE, TEMPLATES, _local_links, build_site,  # noqa: E402
                    build_slides, index_page, render, title_and_summary)
from .slides import (FIGURE_MAX, SLIDE_BUDGET, SLIDE_TYPES, cell_height,  # noqa: E402
                     fit_slides, markdown_height, missing_slide_metadata, trim_for_slides)
from .static import add_static_figures, static_figures, static_view  # noqa: E402
from .student import EDITIONS, build_student, solutions_left, student_edition  # noqa: E402

__all__ = ["BUILD", "CACHE", "EDITIONS", "FIGURE_MAX", "HTML_MANAGER_RANGE", "Links", "NOTEBOOKS",
           "ROOT", "SLIDE_BUDGET", "SLIDE_TYPES", "STYLES", "TEMPLATES", "add_static_figures",
           "build_site", "build_slides", "build_student", "cell_height", "checkout_ref",
           "execute_all", "executed", "fit_slides", "index_page", "markdown_height",
           "missing_slide_metadata", "notebooks", "render", "solutions_left", "static_figures",
           "static_view", "student_edition", "title_and_summary", "trim_for_slides",
           "_fingerprint", "_local_links"]
