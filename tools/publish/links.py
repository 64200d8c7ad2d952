"""The "run it live" links of the site and the slides' index, set when they are built.

Each is a URL template with ``{name}`` (the notebook's file name without ``.ipynb``):

- **Binder**: ``{binder}/{ref}?urlpath=lab/tree/notebooks/{name}.ipynb``. ``ref`` is a tag,
  branch or commit of the repository; by default the commit the pages are built from (or its
  tag when the checkout sits exactly on one), so the live notebooks are the ones on the page,
  all term. Never ``HEAD``, which moves with every push.
- **In-browser** (JupyterLite): ``{lite}/lab/index.html?path={name}.ipynb``; the default is the
  project's public copy; a teacher's own copy (for example served from a laptop on the room's
  network, docs/in-browser.md) is one option away.
- **Hub**: a JupyterHub link template, for example
  ``https://hub.example.edu/hub/user-redirect/lab/tree/nnviz/notebooks/{name}.ipynb``;
  none by default.

``--binder none`` or ``--lite none`` leaves that link out.
"""
from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BINDER = "https://mybinder.org/v2/gh/nnviz/nnviz"
LITE = "https://nnviz.github.io/nnviz"


def checkout_ref(root: Path = ROOT) -> str | None:
    """The tag the checkout sits exactly on, else its commit; None outside git (a ZIP)."""
    for command in (["git", "describe", "--tags", "--exact-match", "HEAD"], ["git", "rev-parse", "HEAD"]):
        try:
            done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    return None


@dataclasses.dataclass(frozen=True)
class Links:
    """Where a page's "run it live" links go (see the module docstring)."""
    ref: str | None = None
    binder: str | None = BINDER
    lite: str | None = LITE
    hub: str | None = None

    def __post_init__(self):
        for field in ("ref", "binder", "lite", "hub"):
            value = getattr(self, field)
            if value is not None and not isinstance(value, str):
                raise TypeError(f"Links({field}=...) expects a string or None, got {type(value).__name__}")
        if self.ref is not None and (not self.ref.strip() or any(c in self.ref for c in " ?#")):
            raise ValueError(f"Links(ref=...) expects a tag, branch or commit, got {self.ref!r}")
        if self.hub and "{name}" not in self.hub:
            raise ValueError("Links(hub=...) expects a URL template containing {name}, "
                             f"e.g. https://hub.example.edu/hub/user-redirect/lab/tree/nnviz/notebooks/{{name}}.ipynb; got {self.hub!r}")
        for field in ("binder", "lite", "hub"):
            value = getattr(self, field)
            if value and not value.startswith(("http://", "https://")):
                raise ValueError(f"Links({field}=...) expects an http(s) URL or 'none', got {value!r}")

    @classmethod
    def from_options(cls, ref=None, binder=None, lite=None, hub=None, root: Path = ROOT) -> "Links":
        """From command-line values: None keeps the default, ``"none"`` drops the link."""
        def pick(value, default):
            if value is None:
                return default
            return None if value.strip().lower() in ("", "none") else value.strip().rstrip("/")
        binder_url = pick(binder, BINDER)
        return cls(ref=(ref or checkout_ref(root) or "main") if binder_url else None,
                   binder=binder_url, lite=pick(lite, LITE), hub=pick(hub, None))

    def rewrite(self, text: str) -> str:
        """Point the project's default live links in ``text`` (a notebook's markdown, which links
        Binder at ``HEAD``) at this build's: the ref, and a teacher's own in-browser copy."""
        if self.binder:
            text = re.sub(re.escape(BINDER) + r"/[\w.\-]+(?=[?\s)\"'])", f"{self.binder}/{self.ref or 'main'}", text)
        if self.lite and self.lite != LITE:
            text = text.replace(LITE + "/", self.lite + "/")
        return text

    def for_notebook(self, name: str) -> dict:
        """``{"binder": url or None, "lite": ..., "hub": ...}`` for notebook ``name``."""
        return {
            "binder": f"{self.binder}/{self.ref or 'main'}?urlpath=lab/tree/notebooks/{name}.ipynb"
            if self.binder else None,
            "lite": f"{self.lite}/lab/index.html?path={name}.ipynb" if self.lite else None,
            "hub": self.hub.replace("{name}", name) if self.hub else None,
        }
