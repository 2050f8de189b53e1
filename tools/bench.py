"""`make bench`: measure the budgets that matter to readers and report them as tables.

* build times: clean <= 15 s, warm <= 5 s, one page edited <= 3 s; two clean builds identical;
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


def _digest(folder: Path) -> dict[str, bytes]:
    import hashlib

    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).digest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build_times() -> list[list[object]]:
    """Rows (build, seconds, budget, met): a clean build (no .cache/ but the runtime stage's,
    no bytecode, as in CI after `make runtime`),
    a second one right after it (warm caches), one language again after a paragraph was
    added to a concept page (its text changes, so its code blocks run again: touching the
    file would only measure cache hits), a second clean build; and whether the two clean
    builds are byte-identical."""
    def timed(*args: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tools.build", *args], cwd=ROOT, check=True,
                       capture_output=True)
        return time.perf_counter() - start

    def clean_caches() -> None:
        # Everything but the in-browser runtime: its stage (`make runtime`, before the site
        # build in `make build` and `make test`) is timed on its own, under "In-browser Python".
        for cache in (ROOT / ".cache").glob("*"):
            if cache.name != "runtime":
                shutil.rmtree(cache) if cache.is_dir() else cache.unlink()
        for cache in ROOT.rglob("__pycache__"):
            if ".venv" not in cache.parts:
                shutil.rmtree(cache, ignore_errors=True)

    with tempfile.TemporaryDirectory() as tmp:
        clean_caches()
        clean = timed("--site-dir", f"{tmp}/a")
        warm = timed("--site-dir", f"{tmp}/b")
        page = ROOT / "docs" / "es" / "attention-weights.md"
        text = page.read_text("utf-8")
        added = f"Párrafo añadido por la medición {time.time_ns()}."
        page.write_text(f"{text}\n{added}\n", "utf-8")
        try:
            one = timed("--lang", "es", "--site-dir", f"{tmp}/b")
        finally:
            page.write_text(text, "utf-8")
        built = Path(tmp, "b", "es", "attention-weights", "index.html").read_text("utf-8")
        if added not in built:
            raise RuntimeError("the edited page was not rebuilt: the timing would be wrong")
        clean_caches()
        timed("--site-dir", f"{tmp}/c")
        identical = _digest(Path(tmp, "a")) == _digest(Path(tmp, "c"))
    verdict = lambda seconds, budget: "yes" if seconds <= budget else "**no**"  # noqa: E731
    return [["clean, both languages", f"{clean:.1f}", "15", verdict(clean, 15)],
            ["warm, both languages", f"{warm:.1f}", "5", verdict(warm, 5)],
            ["one page edited (its language rebuilt)", f"{one:.1f}", "3", verdict(one, 3)],
            ["two clean builds byte-identical", "yes" if identical else "**no**", "", ""]]


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


def _all_pages(site: Path) -> list[str]:
    """Every page of both languages, from the sitemaps ('' is the English home)."""
    import re

    paths = []
    for sitemap in (site / "sitemap.xml", site / "es" / "sitemap.xml"):
        for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text("utf-8")):
            paths.append(re.sub(r"^https?://[^/]+/", "", loc))
    return paths


# What a first view consists of, by the downloaded file's kind (the page itself is "HTML").
PARTS = ("HTML", "CSS", "JS", "fonts", "images", "data")
_PART_OF = {".css": "CSS", ".js": "JS", ".woff2": "fonts", ".woff": "fonts", ".svg": "images",
            ".png": "images", ".webp": "images", ".jpg": "images", ".json": "data"}


def _first_view(browser, url: str) -> dict[str, float]:
    """KB transferred (gzip) by a first visit at phone size, until the network is idle, by
    part (PARTS)."""
    context = browser.new_context(viewport={"width": 412, "height": 915})
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    entries = page.evaluate(
        "() => [['', performance.getEntriesByType('navigation')[0].transferSize]].concat("
        "performance.getEntriesByType('resource').map(r => [r.name, r.transferSize]))")
    context.close()
    parts = dict.fromkeys(PARTS, 0.0)
    for name, size in entries:
        suffix = os.path.splitext(name.split("?")[0].split("#")[0])[1] if name else ""
        parts["HTML" if not name else _PART_OF.get(suffix, "data")] += size / 1024
    return parts


def _lighthouse_binary() -> Path:
    """npm ``lighthouse`` (a dev dependency in package.json), installed on first use."""
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():  # shutil.which: on Windows the command is npm.cmd
        subprocess.run([shutil.which("npm") or "npm", "ci", "--no-audit", "--no-fund",
                        "--loglevel=error"], cwd=ROOT, check=True)
    return binary


def _lighthouse_scores(url: str) -> list[int]:
    """Lighthouse mobile: performance, accessibility, best practices, SEO (0-100)."""
    binary = _lighthouse_binary()
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [str(binary), url, "--quiet", "--output=json", f"--output-path={out.name}",
             "--form-factor=mobile",
             "--only-categories=performance,accessibility,best-practices,seo",
             f"--chrome-flags={CHROME_FLAGS}"],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True)
        report = json.loads(Path(out.name).read_text("utf-8"))
    return [round(report["categories"][name]["score"] * 100)
            for name in ("performance", "accessibility", "best-practices", "seo")]


def every_page(base: str, site: Path = SITE, lighthouse_entries: bool = False,
               over_budget: list[list[object]] | None = None, lighthouse: bool = True
               ) -> list[list[object]]:
    """First view (KB gzip) and Lighthouse mobile scores of every page of both languages.

    Glossary entries, and the archived versions of entries, share one template each:
    Lighthouse runs on the first of each per language only, unless ``lighthouse_entries``
    (about 30 s a page; there are some 540 of them); their weight is measured for all.
    Pages over the weight budget are appended to ``over_budget`` with their parts (PARTS).
    ``lighthouse=False``: weight only (a few minutes for the whole site).
    """
    import re

    from playwright.sync_api import sync_playwright

    rows, templates_seen = [], set()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=CHROME_FLAGS.split())
        for path in _all_pages(site):
            parts = _first_view(browser, base + path)
            kb = sum(parts.values())
            entry = re.fullmatch(r"(es/)?glossary/[^/]+/([^/]+/)?", path)
            template = entry and (entry.group(1), bool(entry.group(2)))
            if not lighthouse:
                scores = ["(not run)"] * 4
            elif entry and not lighthouse_entries and template in templates_seen:
                scores = ["(same template)"] * 4
            else:
                scores = _lighthouse_scores(base + path)
                if entry:
                    templates_seen.add(template)
            ok = kb <= PAGE_BUDGET_KB and all(s == 100 for s in scores if isinstance(s, int))
            rows.append(["/" + path, f"{kb:.1f}", *scores, "yes" if ok else "**no**"])
            if kb > PAGE_BUDGET_KB and over_budget is not None:
                over_budget.append(["/" + path, f"{kb:.1f}",
                                    *(f"{parts[name]:.1f}" for name in PARTS)])
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
    binary = _lighthouse_binary()
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

    from tools.postprocess import KATEX_JS, render

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


def weight_only() -> int:
    """``--weight``: the first view of every page of the built site/, and the parts of those
    over budget; no build, no Lighthouse. Exit status 1 if any page is over budget."""
    base, server = _serve()
    try:
        over: list[list[object]] = []
        rows = every_page(base, over_budget=over, lighthouse=False)
    finally:
        server.shutdown()  # type: ignore[attr-defined]
    print(f"## Every page: first view (KB gzip, budget {PAGE_BUDGET_KB:.0f})\n")
    print(_table(["page", "KB"], [row[:2] for row in rows]))
    print(f"\n## Pages over the {PAGE_BUDGET_KB:.0f} KB first-view budget, by part "
          "(KB gzip)\n")
    print(_table(["page", "KB", *PARTS], over) if over else "(none)")
    return 1 if over else 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--weight" in args:
        return weight_only()
    # --all-entries: Lighthouse on every glossary entry too (about 30 s each)
    all_entries = "--all-entries" in args
    print("# Benchmarks\n")
    print(f"## Build ({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})\n")
    print(_table(["build", "seconds", "budget (s)", "met"], build_times()))
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
        print("\n## Every page: first view (KB gzip) and Lighthouse mobile\n")
        over: list[list[object]] = []
        print(_table(["page", "KB", "performance", "accessibility", "best practices", "SEO",
                      f"<= {PAGE_BUDGET_KB:.0f} KB and 100 x4"],
                     every_page(base, lighthouse_entries=all_entries, over_budget=over)))
        print(f"\n## Pages over the {PAGE_BUDGET_KB:.0f} KB first-view budget, by part "
              "(KB gzip)\n")
        print(_table(["page", "KB", *PARTS], over) if over else "(none)")
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
