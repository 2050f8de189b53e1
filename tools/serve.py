"""Serve the built site on http://127.0.0.1:8000 as a static host would.

* English at ``/``, Spanish at ``/es/``; directory URLs redirect to their trailing slash.
* Text responses are gzip-compressed when the browser accepts it (like GitHub Pages), so
  page-weight and Lighthouse measurements reflect a real deployment.
* Caching as a production host should do it: the runtime's content-versioned folder
  (``runtime/<hash>/``) is immutable for a year; everything else is ``no-cache`` with an
  ``ETag`` and ``Last-Modified``, so a revisit costs a 304, not the file.
* A missing page gets the 404 page of its language (``/es/...`` -> ``es/404.html``).
* ``--watch`` rebuilds (in a fresh process, so changed snippets are re-imported) when a
  source file changes; reload the browser to see the result.

    python -m tools.serve [--build] [--watch] [--port 8000]
"""

from __future__ import annotations

import argparse
import gzip
import mimetypes
import re
import subprocess
import sys
import threading
import time
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
WATCHED = ["docs", "snippets", "overrides", "hooks", "glossary", "notebooks", "ui", "mkdocs.yml",
           "mkdocs.es.yml", "references.bib"]
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "image/svg+xml", "application/x-ipynb+json")
LANGUAGE_PREFIXES = ("es",)
IMMUTABLE = re.compile(r"/runtime/[0-9a-f]{12}/")  # tools/runtime_site.py: runtime_version()

mimetypes.add_type("font/woff2", ".woff2")
mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("application/x-ipynb+json", ".ipynb")
mimetypes.add_type("application/x-tbx+xml", ".tbx")
mimetypes.add_type("text/csv; charset=utf-8", ".csv")
mimetypes.add_type("application/x-bibtex; charset=utf-8", ".bib")


@lru_cache(maxsize=512)
def _gzipped(path: Path, mtime: float) -> bytes:
    # mtime is part of the cache key so a rebuild is picked up.
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


def _content_type(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if (kind.startswith("text/") and "charset" not in kind) or kind == "application/javascript":
        kind += "; charset=utf-8"
    return kind


def make_handler(site: Path, root_404_only: bool = False) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "AttentionGlossary"
        sys_version = ""

        def log_message(self, format: str, *args: object) -> None:
            if self.server.verbose:  # type: ignore[attr-defined]
                super().log_message(format, *args)

        def do_HEAD(self) -> None:
            self._respond(head=True)

        def do_GET(self) -> None:
            self._respond(head=False)

        def _respond(self, head: bool) -> None:
            url_path = unquote(urlsplit(self.path).path)
            target = (site / url_path.lstrip("/")).resolve()
            if site.resolve() not in (target, *target.parents):
                return self._send_file(self._not_found_page(url_path), HTTPStatus.NOT_FOUND, head)
            if target.is_dir():
                if not url_path.endswith("/"):
                    self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                    self.send_header("Location", url_path + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                target = target / "index.html"
            if not target.is_file():
                return self._send_file(self._not_found_page(url_path), HTTPStatus.NOT_FOUND, head)
            return self._send_file(target, HTTPStatus.OK, head)

        def _not_found_page(self, url_path: str) -> Path:
            if root_404_only:  # like GitHub Pages: one 404.html for the whole site
                return site / "404.html"
            first = url_path.strip("/").split("/", 1)[0]
            prefix = first if first in LANGUAGE_PREFIXES else ""
            return site / prefix / "404.html"

        def _send_file(self, path: Path, status: HTTPStatus, head: bool) -> None:
            kind = _content_type(path)
            stat = path.stat()
            etag = f'W/"{stat.st_mtime_ns:x}-{stat.st_size:x}"'  # weak: gzip or not
            if status == HTTPStatus.OK and etag in self.headers.get("If-None-Match", ""):
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            body = path.read_bytes()
            encoding = None
            accepts = self.headers.get("Accept-Encoding", "")
            if "gzip" in accepts and kind.startswith(COMPRESSIBLE):
                body, encoding = _gzipped(path, path.stat().st_mtime), "gzip"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if status == HTTPStatus.OK:
                immutable = IMMUTABLE.search(urlsplit(self.path).path)
                self.send_header("Cache-Control", "public, max-age=31536000, immutable"
                                 if immutable else "no-cache")
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
            else:
                self.send_header("Cache-Control", "no-cache")
            if encoding:
                self.send_header("Content-Encoding", encoding)
                self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            if not head:
                self.wfile.write(body)

    return Handler


def make_server(site: Path = SITE, host: str = "127.0.0.1", port: int = 8000,
                verbose: bool = False, root_404_only: bool = False) -> ThreadingHTTPServer:
    """A ready-to-run server (``serve_forever``); port 0 picks a free port.

    ``root_404_only`` serves the root 404.html for every missing page, as GitHub Pages does.
    """
    server = ThreadingHTTPServer((host, port), make_handler(site, root_404_only))
    server.daemon_threads = True
    server.verbose = verbose  # type: ignore[attr-defined]
    return server


def _snapshot() -> dict[Path, float]:
    stamps: dict[Path, float] = {}
    for name in WATCHED:
        path = ROOT / name
        files = [path] if path.is_file() else path.rglob("*") if path.is_dir() else []
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                stamps[file] = file.stat().st_mtime
    return stamps


def _build() -> bool:
    return subprocess.run([sys.executable, "-m", "tools.build"], cwd=ROOT).returncode == 0


def _watch(interval: float = 1.0) -> None:
    seen = _snapshot()
    while True:
        time.sleep(interval)
        now = _snapshot()
        if now != seen:
            seen = now
            print("change detected: rebuilding ...", flush=True)
            _build()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--build", action="store_true", help="build the site first")
    parser.add_argument("--watch", action="store_true", help="rebuild when sources change")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    if args.build and not _build():
        return 1
    if not (SITE / "index.html").is_file():
        print("site/ is empty: run `make build` first", file=sys.stderr)
        return 1
    if args.watch:
        threading.Thread(target=_watch, daemon=True).start()
    server = make_server(SITE, args.host, args.port, args.verbose)
    print(f"Serving http://{args.host}:{args.port}/ (English) and "
          f"http://{args.host}:{args.port}/es/ (Spanish); Ctrl+C to stop.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
