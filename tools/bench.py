"""`make bench`: measure the budgets that matter to readers and report them as tables.

* clean and warm build time of the whole site (both languages), budget <= 15 s clean;
* first-view transfer size (gzip, as served by tools.serve) of each kind of page, <= 100 KB;
* search index size per language;
* Lighthouse mobile scores of each kind of page (npm `lighthouse`, Debian Chromium), 100 each;
* the snippet benchmarks (naive vs chunked attention; time against length for softmax,
  cross- and linear attention) and the translator's metrics, when present.

Numbers are printed, never asserted: timing belongs here, not in tests.
"""

from __future__ import annotations

import gzip
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
BUILD_BUDGET_S = 15.0
PAGE_BUDGET_KB = 100.0

# One representative of each kind of page (skipped when that kind does not exist yet).
PAGE_KINDS = {
    "home": "",
    "concept page": "attention-weights/",
    "concept page, most math": "cross-attention/",
    "concept page, longest": "translator/",
    "glossary index": "glossary/",
    "glossary entry": "glossary/cross-attention/",
    "notebook": "notebooks/attention-weights/",
    "data page": "data/",
    "404": "es/no-such-page/",
}


def _table(headers: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def build_times() -> tuple[float, float]:
    """Seconds for a clean build (fresh output dir, no build or bytecode cache, as in CI) and
    for a second build right after it (warm caches: executed notebooks, bytecode)."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.rmtree(ROOT / ".cache", ignore_errors=True)
        for cache in ROOT.rglob("__pycache__"):
            if ".venv" not in cache.parts:
                shutil.rmtree(cache, ignore_errors=True)
        times = []
        for name in ("clean", "warm"):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "tools.build", "--site-dir", f"{tmp}/{name}"],
                           cwd=ROOT, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return times[0], times[1]


def _serve() -> tuple[str, object]:
    from tools.serve import make_server

    server = make_server(SITE, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def _existing_kinds() -> dict[str, str]:
    kinds = {}
    for kind, path in PAGE_KINDS.items():
        if kind == "404" or (SITE / path / "index.html").is_file():
            kinds[kind] = path
    return kinds


def first_view_sizes(base: str) -> list[list[object]]:
    """Transfer size of everything a first visit downloads, per kind, in both languages."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=CHROME_FLAGS.split())
        for kind, path in _existing_kinds().items():
            sizes = []
            for prefix in ("", "es/"):
                target = path if kind == "404" else prefix + path
                context = browser.new_context(viewport={"width": 412, "height": 915})
                page = context.new_page()
                page.goto(base + target, wait_until="networkidle")
                total = page.evaluate(
                    "() => performance.getEntriesByType('navigation')[0].transferSize +"
                    " performance.getEntriesByType('resource')"
                    ".reduce((sum, r) => sum + r.transferSize, 0)")
                sizes.append(total / 1024)
                context.close()
                if kind == "404":
                    break
            worst = max(sizes)
            rows.append([kind, "/" + path, " / ".join(f"{s:.1f}" for s in sizes),
                         "yes" if worst <= PAGE_BUDGET_KB else "**no**"])
        browser.close()
    return rows


def search_index_sizes() -> list[list[object]]:
    rows = []
    for lang, path in (("en", SITE / "search" / "search_index.json"),
                       ("es", SITE / "es" / "search" / "search_index.json")):
        raw = path.read_bytes()
        rows.append([lang, f"{len(raw) / 1024:.1f}", f"{len(gzip.compress(raw)) / 1024:.1f}"])
    return rows


def lighthouse(base: str) -> list[list[object]]:
    """Lighthouse mobile scores per kind of page (installs the npm tool on first use)."""
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT,
                       check=True)
    rows = []
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    for kind, path in _existing_kinds().items():
        if kind == "404":
            continue
        scores: dict[str, list[float]] = {}
        for prefix in ("", "es/"):
            with tempfile.NamedTemporaryFile(suffix=".json") as out:
                subprocess.run(
                    [str(binary), base + prefix + path, "--quiet", "--output=json",
                     f"--output-path={out.name}", "--form-factor=mobile",
                     "--only-categories=performance,accessibility,best-practices,seo",
                     f"--chrome-flags={CHROME_FLAGS}"],
                    env=env, check=True, capture_output=True)
                report = json.loads(Path(out.name).read_text("utf-8"))
            for name, category in report["categories"].items():
                scores.setdefault(name, []).append(round(category["score"] * 100))
        rows.append([kind, "/" + path] + [" / ".join(map(str, scores[name])) for name in
                                          ("performance", "accessibility", "best-practices",
                                           "seo")])
    return rows


def math_prerendering() -> list[list[object]]:
    """What build-time KaTeX costs the build and saves the reader."""
    import re

    from hooks.katex import KATEX_JS, render

    expressions = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        text = page.read_text("utf-8")
        expressions += [(m, True) for m in re.findall(r"\$\$(.+?)\$\$", text, re.DOTALL)]
        text = re.sub(r"\$\$.+?\$\$", "", text, flags=re.DOTALL)
        expressions += [(m, False) for m in re.findall(r"(?<![\\$])\$(?!\$)(.+?)(?<!\\)\$", text)]
    render.cache_clear()
    start = time.perf_counter()
    rendered = 0
    for tex, display in expressions:
        try:
            render(tex.strip(), display)
            rendered += 1
        except ValueError:
            pass  # not math (e.g. a price); the build itself reports real errors
    elapsed = (time.perf_counter() - start) * 1000
    script = KATEX_JS.read_bytes()
    return [["expressions in docs/ (both languages)", rendered],
            ["build-time rendering, all of them (ms)", f"{elapsed:.0f}"],
            ["math JavaScript a reader would otherwise download (KB gzip)",
             f"{len(gzip.compress(script)) / 1024:.1f}"]]


def translator() -> list[list[object]]:
    """Full retraining time (into a scratch file) and the committed weights' metrics."""
    from snippets.translator.evaluate import committed_metrics

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "snippets.translator.train", "--out",
                        f"{tmp}/weights.npz"], cwd=ROOT, check=True, capture_output=True)
        seconds = time.perf_counter() - start
    metrics = committed_metrics()
    return [["training, 1,000 Adam steps (s, budget 60)", f"{seconds:.1f}"],
            ["held-out exact match (target >= 95 %)",
             f"{metrics.exact_match:.1%} of {metrics.phrases} phrases"],
            ["alignment accuracy (target >= 90 %)",
             f"{metrics.alignment:.1%} of {metrics.words} words"]]


def optional_section(module: str, title: str) -> None:
    """Run another benchmark module's `main()` if that part of the project exists."""
    try:
        bench = importlib.import_module(module)
    except ModuleNotFoundError:
        print(f"\n## {title}\n\n(not present yet)")
        return
    print(f"\n## {title}\n")
    bench.main([])


def main(argv: list[str] | None = None) -> int:
    print("# Benchmarks\n")
    clean, warm = build_times()
    print("## Build (both languages)\n")
    print(_table(["build", "seconds", f"budget {BUILD_BUDGET_S:.0f} s"],
                 [["clean", f"{clean:.1f}", "yes" if clean <= BUILD_BUDGET_S else "**no**"],
                  ["warm (second)", f"{warm:.1f}", ""]]))
    subprocess.run([sys.executable, "-m", "tools.build"], cwd=ROOT, check=True,
                   capture_output=True)
    base, server = _serve()
    try:
        print("\n## First view, transferred with gzip (KB, English / Spanish)\n")
        print(_table(["kind", "page", "KB", f"<= {PAGE_BUDGET_KB:.0f} KB"],
                     first_view_sizes(base)))
        print("\n## Search index per language (KB)\n")
        print(_table(["language", "raw", "gzip"], search_index_sizes()))
        print("\n## Lighthouse, mobile (English / Spanish)\n")
        print(_table(["kind", "page", "performance", "accessibility", "best practices", "SEO"],
                     lighthouse(base)))
    finally:
        server.shutdown()  # type: ignore[attr-defined]
    print("\n## Math rendered at build time (KaTeX)\n")
    print(_table(["measure", "value"], math_prerendering()))
    optional_section("tools.bench_runtime", "In-browser Python: Pyodide and JupyterLite")
    optional_section("tools.bench_attention", "Attention snippets: naive vs chunked")
    optional_section("tools.bench_complexity",
                     "How attention's time grows with n: softmax, cross, linear")
    print("\n## Translator (make train)\n")
    print(_table(["measure", "value"], translator()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
