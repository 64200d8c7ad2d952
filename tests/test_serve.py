"""nnviz.serve: the in-browser edition's server (types, cache headers, precompressed files)."""
from __future__ import annotations

import gzip
import threading
import urllib.request

import pytest

from nnviz import serve


@pytest.fixture()
def site(tmp_path):
    (tmp_path / "jupyter-lite.json").write_text("{}")
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "pyodide.asm.wasm").write_bytes(b"\0asm" + b"x" * 1000)
    (tmp_path / "static" / "pyodide.asm.wasm.gz").write_bytes(gzip.compress(b"\0asm" + b"x" * 1000))
    (tmp_path / "static" / "pyodide.mjs").write_text("export {};")
    (tmp_path / "static" / "nnviz-0.1.0-py3-none-any.whl").write_bytes(b"PK")
    (tmp_path / "static" / "python_stdlib.zip").write_bytes(b"PK")
    (tmp_path / "jlab_core.8f86ffc.js").write_text("1;")
    server = serve.make_server(tmp_path, port=0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _get(url, **headers):
    req = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), b""


@pytest.mark.parametrize("path, ctype", [
    ("/static/pyodide.asm.wasm", "application/wasm"),
    ("/static/pyodide.mjs", "text/javascript; charset=utf-8"),
    ("/jupyter-lite.json", "application/json"),
    ("/static/nnviz-0.1.0-py3-none-any.whl", "application/zip"),
    ("/static/python_stdlib.zip", "application/zip"),
])
def test_types(site, path, ctype):
    status, headers, _ = _get(site + path)
    assert status == 200 and headers["Content-Type"] == ctype


def test_cache_headers(site):
    assert _get(site + "/jlab_core.8f86ffc.js")[1]["Cache-Control"] == \
        "public, max-age=31536000, immutable"
    status, headers, _ = _get(site + "/jupyter-lite.json")
    assert headers["Cache-Control"] == "no-cache"
    assert _get(site + "/jupyter-lite.json", **{"If-None-Match": headers["ETag"]})[0] == 304


def test_precompressed_only_when_accepted(site):
    status, headers, body = _get(site + "/static/pyodide.asm.wasm", **{"Accept-Encoding": "gzip, br"})
    assert headers["Content-Encoding"] == "gzip" and headers["Content-Type"] == "application/wasm"
    assert gzip.decompress(body) == b"\0asm" + b"x" * 1000
    assert headers["Vary"] == "Accept-Encoding"
    status, headers, body = _get(site + "/static/pyodide.asm.wasm", **{"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in headers and body == b"\0asm" + b"x" * 1000
    status, headers, body = _get(site + "/static/pyodide.asm.wasm")
    assert "Content-Encoding" not in headers and body.startswith(b"\0asm")


def test_bad_input(tmp_path):
    with pytest.raises(ValueError, match="jupyter-lite.json"):
        serve.make_server(tmp_path)
    with pytest.raises(TypeError, match="folder"):
        serve.make_server(3)
    (tmp_path / "jupyter-lite.json").write_text("{}")
    with pytest.raises(ValueError, match="port"):
        serve.make_server(tmp_path, port=70000)


def test_import_has_no_side_effects():
    import subprocess, sys
    out = subprocess.run([sys.executable, "-c", "import nnviz.serve, threading; "
                          "print(threading.active_count())"], capture_output=True, text=True)
    assert out.stdout.strip() == "1" and out.stderr == ""
