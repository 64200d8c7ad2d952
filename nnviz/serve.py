"""Serve the in-browser edition (a built JupyterLite folder) the way it should be served.

``python -m nnviz.serve build/lite`` (``make lite`` builds the folder), then open the address it
prints. Python's standard library only. Compared with ``python -m http.server`` it:

- sends the right type for every file the site has: ``.wasm`` as ``application/wasm`` (so the
  browser compiles Pyodide while it downloads, and keeps the compiled code for the next
  visit), ``.mjs``/``.js`` as JavaScript, ``.json``/``.ipynb`` as JSON, ``.whl``/``.zip`` as zip
  archives, ``.data`` as bytes, fonts, the web app manifest;
- says how long the browser may keep each file: files whose name carries a content hash
  (``jlab_core.8f86ffc.js``) for a year, unchanged (``immutable``); everything else must be
  revalidated each time (``no-cache``: an unchanged file costs a ``304 Not Modified``, and a
  new build is seen at once). ETag and Last-Modified make revalidation cheap;
- sends a precompressed copy when the browser accepts it: ``file.br`` (``Content-Encoding: br``)
  or ``file.gz`` (``gzip``) next to ``file``, as ``tools/lite/build.py`` writes them for the
  large text and WebAssembly files. ``Vary: Accept-Encoding`` keeps caches honest.

``--bind 0.0.0.0`` serves a classroom's network (see docs/in-browser.md: a plain-HTTP address
other than localhost gets no service worker, so no offline copy). Importing this module does
nothing; :func:`main` runs the server.
"""
from __future__ import annotations

import argparse
import email.utils
import http.server
import os
import re
import sys
from pathlib import Path

__all__ = ["TYPES", "cache_control", "SiteHandler", "make_server", "main"]

#: Content types by suffix, for every kind of file a JupyterLite site holds.
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".ipynb": "application/json",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".tgz": "application/gzip",
    ".data": "application/octet-stream",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".eot": "application/vnd.ms-fontobject",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".map": "application/json",
}
#: Precompressed copies, best first: (suffix, Content-Encoding token).
ENCODINGS = ((".br", "br"), (".gz", "gzip"))
_HASHED = re.compile(r"[.-][0-9a-f]{7,}\.(js|css|woff2?|ttf|eot|svg|png)$")


def cache_control(path: str) -> str:
    """The Cache-Control header for a URL path of the site.

    A name with a content hash never changes: a year, immutable. Everything else (the pages,
    jupyter-lite.json, the notebooks, Pyodide and its wheels, the service worker) is
    revalidated on every use, so a rebuilt site is seen at once.
    """
    if _HASHED.search(path):
        return "public, max-age=31536000, immutable"
    return "no-cache"


def _accepts(header: str, token: str) -> bool:
    """Whether an Accept-Encoding header accepts ``token`` (with a q-value above 0)."""
    for part in header.split(","):
        name, *params = [x.strip() for x in part.split(";")]
        if name.lower() != token:
            continue
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    return float(value) > 0
                except ValueError:
                    return False
        return True
    return False


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler with the types, cache headers and precompressed files above."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        if not getattr(self.server, "quiet", False):
            super().log_message(format, *args)

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) or not os.path.isfile(path):
            return super().send_head()      # directories, index.html, 404: as http.server
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        ctype = self.guess_type(path)
        encoding, served = None, path
        accept = self.headers.get("Accept-Encoding", "")
        for suffix, token in ENCODINGS:
            if os.path.isfile(path + suffix) and _accepts(accept, token):
                encoding, served = token, path + suffix
                break
        try:
            f = open(served, "rb")
        except OSError:
            self.send_error(404, "File not found")
            return None
        try:
            st = os.fstat(f.fileno())
            etag = f'"{st.st_size:x}-{int(st.st_mtime_ns):x}{"-" + encoding if encoding else ""}"'
            last_modified = self.date_time_string(st.st_mtime)
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            not_modified = False
            if inm is not None:
                not_modified = etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
            elif ims is not None:
                try:
                    since = email.utils.parsedate_to_datetime(ims).timestamp()
                    not_modified = int(st.st_mtime) <= since
                except (TypeError, ValueError, OverflowError, IndexError):
                    pass
            self.send_response(304 if not_modified else 200)
            self.send_header("Content-Type", ctype)
            self.send_header("Cache-Control", cache_control(url_path))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", last_modified)
            self.send_header("Vary", "Accept-Encoding")
            if encoding:
                self.send_header("Content-Encoding", encoding)
            if not_modified:
                self.end_headers()
                f.close()
                return None
            self.send_header("Content-Length", str(st.st_size))
            self.end_headers()
            return f
        except Exception:
            f.close()
            raise


def make_server(folder, port: int = 8000, bind: str = "127.0.0.1", quiet: bool = False):
    """A threading HTTP server for ``folder`` (not started: call ``serve_forever``)."""
    if not isinstance(folder, (str, os.PathLike)):
        raise TypeError(f"folder must be a path (str or Path), got {type(folder).__name__}.")
    root = Path(folder)
    if not (root / "jupyter-lite.json").is_file():
        raise ValueError(f"folder must be a built JupyterLite site (with jupyter-lite.json; "
                         f"`make lite` builds build/lite), got {str(folder)!r}.")
    if not isinstance(port, int) or isinstance(port, bool) or not 0 <= port <= 65535:
        raise ValueError(f"port must be an integer from 0 to 65535, got {port!r}.")

    class Handler(SiteHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

    server = http.server.ThreadingHTTPServer((bind, port), Handler)
    server.quiet = quiet
    return server


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m nnviz.serve",
                                description="Serve the in-browser edition (build/lite).")
    p.add_argument("folder", nargs="?", default="build/lite", help="the built site (build/lite)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--bind", default="127.0.0.1",
                   help="address to listen on: 127.0.0.1 (this computer only, the default) or "
                        "0.0.0.0 (the room's network too)")
    p.add_argument("--quiet", action="store_true", help="no line per request")
    a = p.parse_args(argv)
    try:
        server = make_server(a.folder, a.port, a.bind, a.quiet)
    except (ValueError, TypeError, OSError) as e:
        print(f"nnviz.serve: {e}", file=sys.stderr)
        return 2
    host = "localhost" if a.bind in ("127.0.0.1", "0.0.0.0", "::") else a.bind
    print(f"Serving {a.folder} at http://{host}:{server.server_address[1]}/lab/index.html "
          "(Ctrl+C stops it)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
