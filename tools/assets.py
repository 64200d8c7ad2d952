"""Browser assets bundled into the slides and the site at build time, pinned and checksummed.

Nothing is loaded from a CDN when a deck or a page is viewed: reveal.js (slides), KaTeX
(equations) and, for the accessibility tests, axe-core come from the npm registry once, as
the exact tarballs below, checked against their sha512 integrity (the same value
``npm view NAME@VERSION dist.integrity`` prints) and kept in ``build/npm/``. With ``npm`` on
the PATH they are fetched with ``npm pack``; without it, straight from the registry's
tarball URL with Python. After the first build no network is needed.

    python tools/assets.py            # fetch and verify every package into build/npm/

To move a package to a new version, change it here with its new integrity value.
"""
from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import sys
import tarfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "build" / "npm"

#: name -> (version, sha512 integrity of the npm tarball)
PACKAGES = {
    "reveal.js": ("5.2.1", "sha512-r7//6mIM5p34hFiDMvYfXgyjXqGRta+/psd9YtytsgRlrpRzFv4RbH76TXd2qD+7ZPZEbpBDhdRhJaFgfQ7zNQ=="),
    "katex": ("0.16.22", "sha512-XCHRdUw4lf3SKBaJe4EvgqIuWwkPSo9XoeO8GjQW94Bp7TWv9hNhzZjZ+OH9yf1UmLygb7DIT5GSFQiyt16zYg=="),
    "axe-core": ("4.10.3", "sha512-Xm7bpRXnDSX2YE2YFfBk2FnF0ep6tmG7xPh8iHee8MIcrgq762Nkce856dYtJYLkuIoYZvGfTs/PbZhideTcEg=="),
}

#: What each deck or page needs, as (package, path inside the tarball's package/ folder).
#: A folder copies everything under it.
BUNDLES = {
    "slides": [("reveal.js", "dist/reveal.css"), ("reveal.js", "dist/reveal.js"),
               ("reveal.js", "dist/theme/white.css"), ("reveal.js", "dist/theme/fonts/source-sans-pro"),
               ("reveal.js", "plugin/notes/notes.js"), ("reveal.js", "LICENSE")],
    "math": [("katex", "dist/katex.min.css"), ("katex", "dist/katex.min.js"),
             ("katex", "dist/contrib/auto-render.min.js"), ("katex", "dist/fonts"), ("katex", "LICENSE")],
}


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def tarball(name: str, cache: Path = CACHE) -> Path:
    """The verified npm tarball of a pinned package, fetched into ``cache`` when missing."""
    if name not in PACKAGES:
        raise ValueError(f"name must be one of {', '.join(PACKAGES)}, got {name!r}.")
    version, integrity = PACKAGES[name]
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"{name.replace('/', '-').lstrip('@')}-{version}.tgz"
    if not path.exists() or _integrity(path.read_bytes()) != integrity:
        npm = shutil.which("npm")
        if npm:
            subprocess.run([npm, "pack", f"{name}@{version}", "--silent", "--pack-destination", str(cache)],
                           check=True, stdout=subprocess.DEVNULL, timeout=300)
        else:
            url = f"https://registry.npmjs.org/{name}/-/{name.split('/')[-1]}-{version}.tgz"
            with urllib.request.urlopen(url, timeout=120) as response:
                path.write_bytes(response.read())
    data = path.read_bytes()
    if _integrity(data) != integrity:
        path.unlink()
        raise RuntimeError(f"{name}@{version}: the tarball's checksum is not the pinned one "
                           f"({integrity[:24]}...): refusing to use it")
    return path


def read(name: str, member: str, cache: Path = CACHE) -> bytes:
    """One file from a pinned package, e.g. ``read("axe-core", "axe.min.js")``."""
    with tarfile.open(tarball(name, cache)) as tar:
        return tar.extractfile(f"package/{member}").read()


def install(bundle: str, out: Path, cache: Path = CACHE) -> Path:
    """Copy a bundle's files to ``out/assets/<package>/...``; return ``out/assets``."""
    assets = out / "assets"
    for name, member in BUNDLES[bundle]:
        with tarfile.open(tarball(name, cache)) as tar:
            prefix = f"package/{member}"
            for info in tar.getmembers():
                if not info.isfile() or not (info.name == prefix or info.name.startswith(prefix + "/")):
                    continue
                target = assets / name / info.name[len("package/"):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(tar.extractfile(info).read())
    return assets


def fetch_all(cache: Path = CACHE) -> None:
    for name in PACKAGES:
        print(f"{name}@{PACKAGES[name][0]}: {tarball(name, cache)}")


if __name__ == "__main__":
    fetch_all()
    sys.exit(0)
