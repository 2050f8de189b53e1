"""The runtime is kept across pages and for offline use (issue 14): after a first page's
Run, another page's Run works without fetching the runtime's files again, and works offline,
where a page read before comes back styled.
Its own browser context and a server that logs what reaches it."""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from tools.serve import make_handler

pytestmark = pytest.mark.browser

RUN_TIMEOUT = 90_000  # ms: a cold start on a busy shared machine


@pytest.fixture(scope="module")
def logged(site):
    """(base URL, paths that reached the server), served as tools.serve does."""
    hits: list[str] = []

    class Logged(make_handler(site)):  # type: ignore[misc, valid-type]
        def _respond(self, head: bool) -> None:
            hits.append(urlsplit(self.path).path)
            super()._respond(head)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Logged)
    httpd.daemon_threads = True
    httpd.verbose = False  # type: ignore[attr-defined]
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", hits
    httpd.shutdown()


def _run(page, index: int = 0) -> str:
    block = page.locator("div.ag-run").nth(index)
    block.locator(".ag-run-go").click()
    block.locator(".ag-run-out .ag-run-heading, .ag-run-out .ag-run-retry").first.wait_for(
        timeout=RUN_TIMEOUT)
    assert block.locator(".ag-run-retry").count() == 0, block.locator(".ag-run-status").inner_text()
    assert block.locator(".ag-run-error").count() == 0, block.locator(".ag-run-error").inner_text()
    return block.locator(".ag-run-out").inner_text()


def test_other_pages_run_from_the_cache_and_offline(browser, logged) -> None:
    base, hits = logged
    host = urlsplit(base).netloc
    context = browser.new_context()
    foreign: list[str] = []
    context.on("request", lambda r: foreign.append(r.url)
               if urlsplit(r.url).netloc not in (host, "") and not r.url.startswith("data:")
               else None)
    try:
        page = context.new_page()
        page.goto(base + "attention-weights/", wait_until="networkidle")
        assert not [h for h in hits if "/runtime/" in h or h.endswith("run-sw.js")], \
            "the runtime or its service worker loaded before the first click"
        _run(page)
        runtime_files = {h for h in hits if "/runtime/" in h}
        assert any(h.endswith("pyodide.asm.wasm") for h in runtime_files), runtime_files
        assert page.evaluate("navigator.serviceWorker.controller !== null"), \
            "the service worker does not keep the runtime"

        # another page, other language: none of the runtime's files reach the server again
        hits.clear()
        other = context.new_page()
        other.goto(base + "es/self-attention/", wait_until="networkidle")
        assert _run(other).strip()
        again = [h for h in hits if "/runtime/" in h]
        assert again == [], f"fetched again on the second page: {again}"

        # offline: a page visited before comes back, and its Run works
        third = context.new_page()
        third.goto(base + "cross-attention/", wait_until="networkidle")
        third.wait_for_function("caches.match(new URL('examples.json', location.href).href)"
                                ".then(Boolean)")  # kept with the page, in the background
        # only what the service worker keeps: the HTTP cache may be gone when a reader is offline
        context.new_cdp_session(third).send("Network.clearBrowserCache")
        third.close()
        context.set_offline(True)
        offline = context.new_page()
        offline.goto(base + "cross-attention/")
        # a stylesheet that failed to load has a sheet whose rules cannot be read
        unstyled = offline.evaluate(
            "[...document.querySelectorAll('link[rel=stylesheet]')].filter((link) => {"
            " try { return !link.sheet.cssRules.length; } catch { return true; } })"
            ".map((link) => link.href)")
        assert unstyled == [], f"offline, a page read before lost its stylesheets: {unstyled}"
        assert _run(offline, 1).strip()  # a printed example (the first one draws)
        assert foreign == [], f"requests to other hosts: {foreign}"
    finally:
        context.close()
