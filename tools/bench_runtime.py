"""`make bench` section: the in-browser Python runtime (issue 14), measured in Chromium.

* the runtime stage (tools/runtime.py) built from scratch: time, and the bytes it publishes;
* what a first Run downloads, and the time from the click on Run to the first output:
  cold (fresh browser profile), warm (a second Run on the same page), and on another page
  after the first (a new worker, started when that page has loaded; the files come from
  the service worker's cache): clicked as soon as the page has loaded, with where that
  time goes (the worker's own marks), and clicked after 3 s on the page;
* JupyterLite, English and Spanish: from the click on "Run in your browser" to the first
  cell's output, Run all clicked as soon as the notebook shows.

Loopback on this machine: add the download time of a real network to the cold numbers.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from tools import runtime

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
TIMEOUT_MS = 180_000


def _table(headers: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _mb(count: float) -> str:
    return f"{count / 1e6:.1f}"


def stage() -> list[list[object]]:
    start = time.perf_counter()
    target = runtime.ensure(force=True, quiet=True)
    seconds = time.perf_counter() - start
    rows = [["stage built from scratch (s)", f"{seconds:.1f}"]]
    for part in ("pyodide", "lite"):
        raw = runtime.folder_bytes(target / part)
        packed = runtime.folder_bytes(target / part, compress=True)
        rows.append([f"runtime/{part}/ MB (gzip -6)", f"{_mb(raw)} ({_mb(packed)})"])
    return rows


def _click_to_output(page, index: int) -> float:
    block = page.locator("div.ag-run").nth(index)
    start = time.perf_counter()
    block.locator(".ag-run-go").click()
    block.locator(".ag-run-out .ag-run-heading").wait_for(timeout=TIMEOUT_MS)
    return time.perf_counter() - start


def _run_all(page) -> None:
    """Run > Run All Cells, as soon as the notebook has made the command available (the menu
    item is disabled, and a click on it does nothing, until the notebook is the current one)."""
    item = page.locator(".lm-Menu-item[data-command='runmenu:run-all']")
    for _ in range(600):
        page.locator(".lm-MenuBar-item").nth(3).click()  # Run (Ejecutar)
        if "lm-mod-disabled" not in (item.get_attribute("class") or ""):
            item.click()
            return
        page.keyboard.press("Escape")
        page.wait_for_timeout(100)
    raise TimeoutError("JupyterLite: Run All Cells stayed disabled")


def _first_output(page, start: float) -> str:
    """Seconds from ``start`` to the notebook's first output. Run All clicked before the
    kernel is ready may open the "Select Kernel" dialog: it is accepted (the default
    kernel), as a reader would."""
    output, dialog = page.locator(".jp-OutputArea-output"), page.locator(".jp-Dialog")
    clicked, again = time.perf_counter(), ""
    while time.perf_counter() - start < TIMEOUT_MS / 1000:
        if output.count():
            return f"{time.perf_counter() - start:.1f}{again}"
        if dialog.count():
            dialog.locator(".jp-mod-accept").first.click()
        # Now and then (1 run in 4 here) Run All clicked while the kernel starts runs
        # nothing: no cell queued after 30 s. A reader would click it again; so does this.
        prompts = page.locator(".jp-InputPrompt").all_inner_texts()
        if time.perf_counter() - clicked > 30 and not any("[" in p and p.strip() != "[ ]:"
                                                         for p in prompts):
            _run_all(page)
            clicked, again = time.perf_counter(), " (Run All clicked again after 30 s)"
        page.wait_for_timeout(100)
    return f"no output in {TIMEOUT_MS // 1000} s"


class _Bytes:
    """Response bytes of the runtime's files, the worker's requests included (a page's own
    performance entries do not see those)."""

    def __init__(self, context) -> None:
        self.total = 0
        self.requests = 0  # runtime files that reached the server (not the service worker's)
        context.on("requestfinished", self._add)

    def _add(self, request) -> None:
        if "/runtime/" in request.url and request.response() and \
                not request.response().from_service_worker:
            self.requests += 1
            sizes = request.sizes()
            self.total += sizes["responseBodySize"] + sizes["responseHeadersSize"]


def runs(base: str) -> list[list[object]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=runtime_chromium(),
                                             args=CHROMIUM_ARGS)
        context = browser.new_context()
        downloaded = _Bytes(context)
        page = context.new_page()
        page.goto(base + "attention-weights/", wait_until="networkidle")
        cold = _click_to_output(page, 0)
        text_bytes = downloaded.total
        warm = _click_to_output(page, 1)
        figure = _click_to_output(page, page.locator("div.ag-run").count() - 1)
        figure_bytes = downloaded.total
        # Another page: its worker starts when the page has loaded (the reader has pressed
        # Run before); clicked at once, then on a third page after 3 s of reading.
        other = context.new_page()
        other.goto(base + "es/self-attention/", wait_until="load")
        requests_before = downloaded.requests
        another = _click_to_output(other, 0)
        network = downloaded.requests - requests_before
        marks = other.workers[-1].evaluate("self.agTimings")
        third = context.new_page()
        third.goto(base + "cross-attention/", wait_until="load")
        third.wait_for_timeout(3000)
        after_reading = _click_to_output(third, 1)  # its first printed example
        rows += [
            ["first Run, cold: click to first output (s)", f"{cold:.1f}"],
            ["  downloaded for it (MB, as served: gzip for text files)", _mb(text_bytes)],
            ["second Run, same page (s)", f"{warm:.2f}"],
            ["first figure (loads matplotlib) (s)", f"{figure:.1f}"],
            ["  downloaded in all, with matplotlib (MB)", _mb(figure_bytes)],
            ["first Run on another page, clicked when it has loaded (s)", f"{another:.2f}"],
            ["  runtime files it fetched from the network", network],
            ["  in its worker: Python started, numpy and snippets installed (s)",
             f"{marks['python'] / 1000:.2f}"],
            ["  then numpy imported (s)", f"{(marks['ready'] - marks['python']) / 1000:.2f}"],
            ["  then the example ran (s)", f"{(marks['run'] - marks['ready']) / 1000:.2f}"],
            ["first Run on another page, clicked 3 s after it loaded (s)", f"{after_reading:.2f}"],
        ]
        context.close()
        for path in ("notebooks/attention-weights/", "es/notebooks/attention-weights/"):
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + path, wait_until="networkidle")
            start = time.perf_counter()
            page.locator(".ag-nb-lite a.md-button").click()
            page.locator(".jp-Notebook .jp-CodeCell").first.wait_for(timeout=TIMEOUT_MS)
            _run_all(page)
            lang = "Spanish" if path.startswith("es/") else "English"
            rows.append([f"JupyterLite ({lang}), cold: click to first cell output (s)",
                         _first_output(page, start)])
            context.close()
        browser.close()
    return rows


def runtime_chromium() -> str:
    from tests.conftest import CHROMIUM

    return CHROMIUM


def main(argv: list[str] | None = None) -> int:
    from tools.serve import make_server

    if not list(SITE.glob("runtime/*/pyodide/pyodide-lock.json")):
        print("(build the site first: python -m tools.build)")
        return 1
    print(_table(["measure", "value"], stage()))
    httpd = make_server(SITE, port=0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        print()
        print(_table(["measure (loopback, Chromium)", "value"],
                     runs(f"http://127.0.0.1:{httpd.server_address[1]}/")))
    finally:
        httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
