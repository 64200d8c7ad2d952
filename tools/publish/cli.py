"""The command line: ``python tools/publish slides|site|student [options]`` (see __init__)."""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from .execute import BUILD
from .links import Links
from .pages import build_site, build_slides
from .student import EDITIONS, build_student


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python tools/publish",
                                description="Publish the notebooks for a class: slides, a site, a student edition.")
    p.add_argument("what", choices=["site", "slides", "student"])
    p.add_argument("--out", type=Path, help="default: build/<what> (build/<what>-student for the student edition)")
    p.add_argument("--edition", choices=EDITIONS, default=os.environ.get("NNVIZ_EDITION") or "teacher",
                   help="site and slides: 'student' leaves out every solution (default: %(default)s)")
    p.add_argument("--only", nargs="+", metavar="NAME",
                   help="only these notebooks (e.g. 00 or 00_start_here); the index lists all")
    p.add_argument("--style", choices=["classroom", "notebook"],
                   help="slides: the nnviz style figures are drawn in (default: classroom)")
    p.add_argument("--no-execute", action="store_true",
                   help="slides: export the stored notebooks without running them (fast, no outputs)")
    p.add_argument("--no-cache", action="store_true", help="execute even if build/executed is current")
    p.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                   help="notebooks executed at once (default: %(default)s)")
    live = p.add_argument_group("run-it-live links (site pages and index pages)")
    live.add_argument("--ref", help="the tag, branch or commit Binder opens "
                                    "(default: the checkout's tag, else its commit)")
    live.add_argument("--binder", help="Binder base URL, or 'none' (default: %s)" % Links.binder)
    live.add_argument("--lite", help="base URL of the in-browser edition, e.g. your own copy, "
                                     "or 'none' (default: %s)" % Links.lite)
    live.add_argument("--hub", help="a JupyterHub link with {name}, e.g. "
                                    "https://hub.example.edu/hub/user-redirect/lab/tree/nnviz/notebooks/{name}.ipynb")
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    start = time.perf_counter()
    default = args.what if args.what == "student" or args.edition == "teacher" else f"{args.what}-student"
    out = args.out or BUILD / default
    if args.what == "student":
        written = build_student(out)
    else:
        try:
            links = Links.from_options(args.ref, args.binder, args.lite, args.hub)
        except (TypeError, ValueError) as error:
            raise SystemExit(f"publish: {error}")
        build = build_site if args.what == "site" else build_slides
        extra = {} if args.what == "site" else {"execute_first": not args.no_execute, "style": args.style}
        written = build(out, args.only, use_cache=not args.no_cache, jobs=args.jobs,
                        links=links, edition=args.edition, **extra)
    print(f"wrote {len(written)} files to {out}/ in {time.perf_counter() - start:.1f} s")
    return 0
