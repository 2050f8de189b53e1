"""The in-browser runtime without a browser (issue 14): the verified files, the lock, the
Content-Security-Policy of every page, the weight runnable examples add to a first view."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import built_site_root
from tools import runtime, runtime_site

VENDOR = runtime.VENDOR
SMALL_WHEELS = ("six-1.16.0-py2.py3-none-any.whl", "cycler-0.12.1-py3-none-any.whl")


@pytest.fixture
def vendor_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A vendor/pyodide with two small wheels, which a test may then spoil."""
    copy = tmp_path / "pyodide"
    (copy / "packages").mkdir(parents=True)
    for name in ("pyodide-lock.official.json", "core.sha256", "piplite.sha256.json"):
        shutil.copy2(VENDOR / name, copy / name)
    shutil.copytree(VENDOR / "piplite", copy / "piplite")
    for name in SMALL_WHEELS:
        shutil.copy2(VENDOR / "packages" / name, copy / "packages" / name)
    monkeypatch.setattr(runtime, "VENDOR", copy)
    monkeypatch.setattr(runtime, "OFFICIAL_LOCK", copy / "pyodide-lock.official.json")
    monkeypatch.setattr(runtime, "CORE_SUMS", copy / "core.sha256")
    runtime.ensure_npm_core()
    return copy


def test_the_vendored_files_match_the_official_lock() -> None:
    official, core, wheels = runtime.verify()
    assert {w.name for w in wheels} >= {
        "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl",
        "matplotlib-3.8.4-cp312-cp312-pyodide_2024_0_wasm32.whl"}
    assert official["info"]["version"] == "0.27.7"
    assert {p.name for p in core} == {"pyodide.js", "pyodide.mjs", "pyodide.asm.js",
                                      "pyodide.asm.wasm", "python_stdlib.zip"}


def test_a_changed_wheel_fails_the_build_naming_it(vendor_copy: Path) -> None:
    wheel = vendor_copy / "packages" / SMALL_WHEELS[0]
    wheel.write_bytes(wheel.read_bytes() + b"\0")
    with pytest.raises(runtime.RuntimeError_, match=re.escape(SMALL_WHEELS[0])):
        runtime.verify()


def test_a_wheel_not_in_the_official_lock_fails(vendor_copy: Path) -> None:
    (vendor_copy / "packages" / "evil-1.0-py3-none-any.whl").write_bytes(b"PK")
    with pytest.raises(runtime.RuntimeError_, match=r"evil-1\.0.*not in the official"):
        runtime.verify()


def test_a_changed_core_file_fails_naming_it(vendor_copy: Path) -> None:
    sums = vendor_copy / "core.sha256"
    lines = sums.read_text().splitlines()
    name = lines[0].split()[1]
    sums.write_text("\n".join([f"{'0' * 64}  {name}", *lines[1:]]) + "\n")
    with pytest.raises(runtime.RuntimeError_, match=re.escape(f"pyodide/{name}: sha256")):
        runtime.verify()


def test_the_trimmed_lock_needs_every_dependency() -> None:
    official = json.loads(runtime.OFFICIAL_LOCK.read_text())
    matplotlib = VENDOR / "packages" / "matplotlib-3.8.4-cp312-cp312-pyodide_2024_0_wasm32.whl"
    with pytest.raises(runtime.RuntimeError_, match="'matplotlib' depends on"):
        runtime.trimmed_lock(official, [matplotlib])
    lock = runtime.trimmed_lock(official, sorted((VENDOR / "packages").iterdir()))
    assert "numpy" in lock["packages"] and "scipy" not in lock["packages"]


def test_snippets_wheel_holds_the_package_and_is_reproducible() -> None:
    name, data = runtime_site.snippets_wheel()
    assert name == runtime_site.snippets_wheel()[0] and data == runtime_site.snippets_wheel()[1]
    names = set(zipfile.ZipFile(__import__("io").BytesIO(data)).namelist())
    root = Path(runtime_site.ROOT)
    expected = {p.relative_to(root).as_posix() for p in (root / "snippets").rglob("*")
                if p.is_file() and "__pycache__" not in p.parts}
    assert expected <= names
    assert "snippets/translator/weights.npz" in names


@pytest.mark.parametrize("name, function", [
    ("attention-heatmap", "heatmap"), ("softmax-temperature", "temperature"),
    ("masks", "masks"), ("cross-attention", "cross")])
def test_default_inputs_redraw_the_pages_figure_exactly(name: str, function: str) -> None:
    from snippets.figures import inputs, render

    assert render(name, "es", data=getattr(inputs, function)()) == render(name, "es")


def test_bad_reader_input_names_the_problem() -> None:
    from snippets.figures import inputs

    with pytest.raises(ValueError, match="scores: give 3 finite numbers"):
        inputs.temperature(scores=(1.0, 2.0))
    with pytest.raises(ValueError, match="length: between 1 and 6"):
        inputs.masks(length=9)


# --- the built site -----------------------------------------------------------------------

def _runtime(site: Path) -> Path:
    """site/runtime/<version>/: the one published runtime, named by a hash of its content."""
    (folder,) = (site / "runtime").iterdir()
    assert folder.name == runtime_site.runtime_version(built_site_root(site))
    return folder


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "runtime" not in p.relative_to(site).parts]


def test_every_page_allows_only_its_own_origin(site: Path) -> None:
    problems = []
    lite_apps = [_runtime(site) / "lite" / app / "index.html"
                 for app, _ in runtime.LITE_APPS.values()]
    for path in [*_pages(site), *lite_apps]:
        text = path.read_text("utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        first_script = text.find("<script")  # a lazy block's file has none
        if meta is None or 0 <= first_script < text.index(meta.group(0)):
            problems.append(f"{path}: no CSP before the first script")
            continue
        policy = dict(part.strip().split(" ", 1) for part in meta.group(1).split(";"))
        for directive in ("connect-src", "font-src", "worker-src", "default-src"):
            if "http" in policy[directive] or "*" in policy[directive]:
                problems.append(f"{path}: {directive} {policy[directive]}")
        sources = policy["script-src"].split()
        if any(s.startswith(("http", "*", "'unsafe-inline'")) for s in sources):
            problems.append(f"{path}: script-src {policy['script-src']}")
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", text, re.S):
            if "src=" in attrs or re.search(r'type="(?!module)', attrs):
                continue
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            if f"'sha256-{digest}'" not in sources:
                problems.append(f"{path}: an inline script is not in the policy")
    assert problems == []


def _without_runtime(html: str) -> str:
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    html = re.sub(r'<p class="ag-run-bar">.*?</p>', "", html, flags=re.S)
    html = re.sub(r'<div class="ag-run" data-ag-run="\w+" data-ag-n="\d+">', "", html)
    html = re.sub(r'<script type="module">addEventListener\("click".*?</script>', "", html)
    return re.sub(r'<div class="admonition example ag-nb-lite">.*?</div>', "", html, flags=re.S)


def test_runnable_examples_add_under_2_kb_to_a_first_view(site: Path) -> None:
    """The runtime's whole first-view cost is in the HTML (nothing else loads before a
    click, see test_runtime.py): the page with and without it, gzip-compressed."""
    heavy = {}
    for path in _pages(site):
        html = path.read_text("utf-8")
        added = len(gzip.compress(html.encode(), 6)) - len(
            gzip.compress(_without_runtime(html).encode(), 6))
        if added > 2048:
            heavy[str(path.relative_to(site))] = added
    assert heavy == {}


def test_published_lock_lists_the_snippets_wheel_with_its_hash(site: Path) -> None:
    folder = _runtime(site) / "pyodide"
    lock = json.loads((folder / "pyodide-lock.json").read_text())
    entry = lock["packages"][runtime_site.SNIPPETS_DIST]
    wheel = folder / entry["file_name"]
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"]
    for package in lock["packages"].values():
        assert (folder / package["file_name"]).is_file(), package["file_name"]
    config = json.loads((_runtime(site) / "lite" / "jupyter-lite.json").read_text())
    kernel = config["jupyter-config-data"]["litePluginSettings"][runtime.KERNEL_PLUGIN]
    assert kernel["disablePyPIFallback"] is True


def test_each_page_with_examples_has_their_code(site: Path) -> None:
    for path in _pages(site):
        count = path.read_text("utf-8").count('<div class="ag-run" ')
        examples = path.parent / runtime_site.EXAMPLES_FILE
        if count:
            assert len(json.loads(examples.read_text())) == count, path


def test_notebook_pages_open_jupyterlite_in_their_language(site: Path) -> None:
    """A Spanish page opens the app whose settings pick Spanish, and the build shipped
    the Spanish strings; an English page opens the app left in English."""
    lite = _runtime(site) / "lite"
    for lang, (app, locale) in runtime.LITE_APPS.items():
        prefix = "es/" if lang == "es" else ""
        page = (site / prefix / "notebooks" / "attention-weights" / "index.html").read_text()
        assert re.search(rf'href="[^"]*/lite/{app}/index\.html\?path=[^"]+"', page), lang
        config = json.loads((lite / app / "jupyter-lite.json").read_text())
        overrides = config["jupyter-config-data"].get("settingsOverrides", {})
        assert overrides.get(runtime.LOCALE_PLUGIN, {}).get("locale") == locale, app
        if locale is not None:
            strings = json.loads((lite / "api" / "translations" / f"{locale}.json").read_text())
            assert strings["data"]["jupyterlab"]["menu\x04File"] == ["Archivo"]


def test_one_service_worker_at_the_sites_root(site: Path) -> None:
    """run.js registers <root>/run-sw.js from every page; the Spanish build adds no copy."""
    assert (site / runtime_site.SERVICE_WORKER).is_file()
    assert not (site / "es" / runtime_site.SERVICE_WORKER).exists()


def test_the_stage_waits_while_another_build_holds_its_lock() -> None:
    """Both language builds reach the runtime stage at once: the second must wait for the first
    (a file lock that works on every OS), or both ran `npm ci` together and the languages
    linked different runtime folders."""
    import subprocess
    import sys
    import time

    from filelock import FileLock

    runtime.ensure(quiet=True)  # built once, so the waiting build only checks its key
    code = "from tools import runtime; runtime.ensure(quiet=True)"
    with FileLock(runtime.CACHE / ".lock"):
        waiting = subprocess.Popen([sys.executable, "-c", code], cwd=runtime.ROOT)
        time.sleep(3)  # ample for an import and a cached check (about a second)
        assert waiting.poll() is None, "the stage ran while another build held its lock"
    assert waiting.wait(timeout=120) == 0
