"""Build stage: the in-browser Python runtime (Pyodide 0.27.7) and the notebook app (JupyterLite).

Its own stage, cached: the result lives in ``.cache/runtime/<key>/`` where the key hashes
every input (the vendored files, the npm core files, this module, the pinned JupyterLite
versions), so a site build with nothing changed only hashes the inputs and links the
folder into ``site/runtime/`` (``tools/runtime_site.py``). Building it:

1. checks the five core files (npm ``pyodide@0.27.7``, installed by ``npm ci --omit=dev``)
   against ``vendor/pyodide/core.sha256`` and every wheel in ``vendor/pyodide/packages``
   against the sha256 of the official lock ``vendor/pyodide/pyodide-lock.official.json``;
   a mismatch stops the build naming the file;
2. writes ``pyodide/``: the core, the wheels and a lock trimmed to the vendored packages
   (each dependency must be vendored too);
3. compiles to bytecode the modules a first Run imports (``tools/runtime_pyc.mjs``, with
   Pyodide's own CPython under Node): the standard library's and the wheels' imported
   ``.py`` files become ``.pyc`` in ``python_stdlib.zip`` and in those wheels, and the lock
   gets their new sha256. The browser then skips compiling them at every Python start;
4. builds the JupyterLite notebook app (``lite/``) with ``jupyter lite build``: no source
   maps, the notebooks app only, no PyPI fallback, the kernel pointed at ``../pyodide/``;
   the build collects the Spanish language pack (PyPI ``jupyterlab-language-pack-es-ES``,
   hash-pinned in requirements.lock) into ``lite/api/translations/``;
5. adds one copy of the notebooks app's folder per other language (``lite/notebooks-es/``,
   a few KB: the same bundle) whose ``jupyter-lite.json`` sets JupyterLab's display
   language, so the Spanish pages open a Spanish interface and the English pages an
   English one (JupyterLite has no per-link language setting).

    python -m tools.runtime            # build (or find) the stage; prints its time and size
    python -m tools.runtime --force    # rebuild even if cached
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "vendor" / "pyodide"
NPM_CORE = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / ".cache" / "runtime"
OFFICIAL_LOCK = VENDOR / "pyodide-lock.official.json"
PY_COMPILE = ROOT / "tools" / "runtime_pyc.mjs"
# Site language -> the project's own strings for JupyterLite where the language pack has none.
LITE_STRINGS = {"es_ES": ROOT / "ui" / "jupyterlite-es_ES.json"}
CORE_SUMS = VENDOR / "core.sha256"
PYODIDE_VERSION = "0.27.7"
# JupyterLite's pyodide kernel (0.6.1) reads this key of the site's jupyter-lite.json.
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
# The JupyterLab setting that picks the interface language ("default" is English).
LOCALE_PLUGIN = "@jupyterlab/translation-extension:plugin"
# Site language -> (the notebooks app's folder in lite/, JupyterLab's locale or None).
LITE_APPS = {"en": ("notebooks", None), "es": ("notebooks-es", "es_ES")}
# Distributions whose version shapes the stage (the key hashes them).
BUILD_DISTS = ("jupyterlite-core", "jupyterlite-pyodide-kernel", "jupyterlab-server",
               "jupyterlab-language-pack-es-ES")


class RuntimeError_(Exception):
    """A runtime input is missing or does not match its recorded hash."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _core_sums() -> dict[str, str]:
    sums = {}
    for line in CORE_SUMS.read_text("utf-8").splitlines():
        if line.strip():
            digest, name = line.split()
            sums[name] = digest
    return sums


def ensure_npm_core() -> None:
    """Install npm ``pyodide`` (and only the site's npm dependencies) if it is missing."""
    if all((NPM_CORE / name).is_file() for name in _core_sums()):
        return
    print("runtime: installing the Pyodide core from npm (npm ci --omit=dev) ...", flush=True)
    try:
        # shutil.which: on Windows the command is npm.cmd, which a bare "npm" does not find
        npm = shutil.which("npm") or "npm"
        subprocess.run([npm, "ci", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=ROOT, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        raise RuntimeError_(f"npm could not install pyodide@{PYODIDE_VERSION} into "
                            f"node_modules/pyodide ({error}); install Node.js and npm") from error


def verify() -> tuple[dict, list[Path], list[Path]]:
    """Check every core file and wheel; return (official lock, core files, wheels)."""
    official = json.loads(OFFICIAL_LOCK.read_text("utf-8"))
    if official["info"]["version"] != PYODIDE_VERSION:
        raise RuntimeError_(f"{OFFICIAL_LOCK.name}: version {official['info']['version']}, "
                            f"expected {PYODIDE_VERSION}")
    package = json.loads((NPM_CORE / "package.json").read_text("utf-8"))
    if package["version"] != PYODIDE_VERSION:
        raise RuntimeError_(f"node_modules/pyodide is {package['version']}, expected "
                            f"{PYODIDE_VERSION}: run `npm ci --omit=dev`")
    core = []
    for name, expected in _core_sums().items():
        path = NPM_CORE / name
        if not path.is_file():
            raise RuntimeError_(f"Pyodide core file missing: {path}")
        if sha256(path) != expected:
            raise RuntimeError_(f"Pyodide core file {path}: sha256 differs from {CORE_SUMS.name}")
        core.append(path)
    by_file = {entry["file_name"]: entry for entry in official["packages"].values()}
    wheels = sorted((VENDOR / "packages").iterdir())
    for wheel in wheels:
        entry = by_file.get(wheel.name)
        if entry is None:
            raise RuntimeError_(f"{wheel}: not in the official Pyodide {PYODIDE_VERSION} lock")
        if sha256(wheel) != entry["sha256"]:
            raise RuntimeError_(f"{wheel}: sha256 differs from the official lock "
                                f"({entry['sha256']})")
    piplite = json.loads((VENDOR / "piplite.sha256.json").read_text("utf-8"))
    for name, expected in piplite.items():
        if sha256(VENDOR / "piplite" / name) != expected:
            raise RuntimeError_(f"vendor/pyodide/piplite/{name}: sha256 differs from "
                                "piplite.sha256.json (PyPI's published hash)")
    return official, core, wheels


def _normalise(name: str) -> str:
    """PEP 503: the lock writes "prompt-toolkit" as a key and "prompt_toolkit" as a dependency."""
    return re.sub(r"[-_.]+", "-", name).lower()


def trimmed_lock(official: dict, wheels: list[Path]) -> dict:
    """The official lock restricted to the vendored packages; every dependency must be there."""
    present = {wheel.name for wheel in wheels}
    packages = {name: entry for name, entry in official["packages"].items()
                if entry["file_name"] in present}
    names = {_normalise(name) for name in packages}
    for name, entry in packages.items():
        missing = [dep for dep in entry["depends"] if _normalise(dep) not in names]
        if missing:
            raise RuntimeError_(f"package {name!r} depends on {missing}, which are not vendored "
                                "in vendor/pyodide/packages")
    return {"info": official["info"], "packages": packages}


def inputs_key() -> str:
    """A hash of everything the stage reads (file contents, not dates)."""
    digest = hashlib.sha256()
    files = [Path(__file__), PY_COMPILE, *LITE_STRINGS.values(),
             *sorted(p for p in VENDOR.rglob("*") if p.is_file())]
    files += [NPM_CORE / name for name in _core_sums()]
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(sha256(path).encode() if path.is_file() else b"missing")
    for dist in BUILD_DISTS:
        digest.update(f"{dist}=={version(dist)}".encode())
    return digest.hexdigest()[:16]


# JupyterLab settings of the notebook app. Every cell stays in the page (no windowing), so
# the reader's browser "find" sees the whole notebook, and so do the tests.
SETTINGS = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}


def _lite_config() -> dict:
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "JupyterLite",
            "litePluginSettings": {
                KERNEL_PLUGIN: {
                    # relative to the app's page (lite/notebooks/index.html): runtime/pyodide/
                    "pyodideUrl": "../../pyodide/pyodide.js",
                    "disablePyPIFallback": True,  # nothing from pypi.org: only our wheels
                },
            },
        },
    }


def _build_lite(target: Path, work: Path) -> None:
    source = work / "lite-src"
    source.mkdir(parents=True)
    (source / "jupyter-lite.json").write_text(json.dumps(_lite_config(), indent=2), "utf-8")
    (source / "overrides.json").write_text(json.dumps(SETTINGS, indent=2), "utf-8")
    piplite = [_dated_copy(wheel, work / "piplite")
               for wheel in sorted((VENDOR / "piplite").glob("*.whl"))]
    jupyter = Path(sys.executable).with_name("jupyter")
    command = [str(jupyter), "lite", "build", "--output-dir", str(target), "--no-sourcemaps",
               "--apps", "notebooks", "--no-unused-shared-packages",
               *(arg for wheel in piplite for arg in ("--piplite-wheels", str(wheel)))]
    result = subprocess.run(command, cwd=source, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError_(f"jupyter lite build failed:\n{result.stdout[-3000:]}"
                            f"\n{result.stderr[-3000:]}")
    _keep_only_kernel_extension(target)
    _add_language_apps(target)


def _dated_copy(wheel: Path, folder: Path) -> Path:
    """A copy of ``wheel`` whose modification time is the newest time inside it: JupyterLite
    publishes a wheel's file time as its "upload_time" (lite/pypi/all.json), which for a
    checked-out file is the checkout's time, so two builds of the same sources differed."""
    import zipfile

    with zipfile.ZipFile(wheel) as archive:
        newest = max(info.date_time for info in archive.infolist())
    stamp = datetime(*newest, tzinfo=UTC).timestamp()
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / wheel.name
    shutil.copyfile(wheel, copy)
    os.utime(copy, (stamp, stamp))
    return copy


def _add_language_apps(lite: Path) -> None:
    """A copy of the notebooks app per other language, set to open in that language."""
    translations = lite / "api" / "translations"
    english_app = lite / LITE_APPS["en"][0]
    for folder, locale in LITE_APPS.values():
        if locale is None:
            continue
        if not (translations / f"{locale}.json").is_file():
            raise RuntimeError_(f"jupyter lite build: no {locale} translations in "
                                f"{translations} (is jupyterlab-language-pack-"
                                f"{locale.replace('_', '-')} installed, with jupyterlab-server?)")
        _complete_translations(translations / f"{locale}.json", locale)
        app = lite / folder
        shutil.copytree(english_app, app)
        config_path = app / "jupyter-lite.json"
        config = json.loads(config_path.read_text("utf-8"))
        config["jupyter-config-data"]["settingsOverrides"] = {LOCALE_PLUGIN: {"locale": locale}}
        config_path.write_text(json.dumps(config, indent=2), "utf-8")


# The gettext domains JupyterLite's notebooks app reads: JupyterLab's, Notebook 7's, its own.
LITE_DOMAINS = ("jupyterlab", "notebook", "jupyterlite")


def _complete_translations(catalogue: Path, locale: str) -> None:
    """Add the project's strings (``LITE_STRINGS``) to a language pack's catalogue, in each
    domain that lacks them; the pack's own translations win. Menu titles are looked up with
    the gettext context "menu" (msgctxt and msgid joined by U+0004)."""
    source = LITE_STRINGS.get(locale)
    if source is None:
        return
    ours = json.loads(source.read_text("utf-8"))
    entries = {f"menu\u0004{msgid}": text for msgid, text in ours["menu"].items()}
    entries |= ours["menu"] | ours["strings"]
    pack = json.loads(catalogue.read_text("utf-8"))
    for domain in LITE_DOMAINS:
        strings = pack["data"].setdefault(domain, {
            "": {**pack["data"]["jupyterlab"][""], "domain": domain}})
        for msgid, text in entries.items():
            if not (strings.get(msgid) or [""])[0]:
                strings[msgid] = text if isinstance(text, list) else [text]
    catalogue.write_text(json.dumps(pack, ensure_ascii=False), "utf-8")


# JupyterLab extensions the build environment happens to have (jupytext, pygments) are
# copied in by `jupyter lite build`; they do not fit JupyterLite 0.6 and fail in the browser.
KEPT_EXTENSIONS = {"@jupyterlite/pyodide-kernel-extension"}


def _keep_only_kernel_extension(lite: Path) -> None:
    config_path = lite / "jupyter-lite.json"
    config = json.loads(config_path.read_text("utf-8"))
    data = config["jupyter-config-data"]
    data["federated_extensions"] = [ext for ext in data.get("federated_extensions", [])
                                    if ext["name"] in KEPT_EXTENSIONS]
    if len(data["federated_extensions"]) != len(KEPT_EXTENSIONS):
        raise RuntimeError_(f"jupyter lite build: {KEPT_EXTENSIONS} not among the extensions")
    config_path.write_text(json.dumps(config, indent=2), "utf-8")
    for folder in (lite / "extensions").iterdir():
        for extension in ([folder] if not folder.name.startswith("@") else folder.iterdir()):
            name = str(extension.relative_to(lite / "extensions"))
            if folder.is_dir() and name not in KEPT_EXTENSIONS:
                shutil.rmtree(extension)


def py_compile(pyodide: Path) -> dict[str, int]:
    """Compile the modules a first Run imports to .pyc in the stage's pyodide/ (see
    tools/runtime_pyc.mjs); returns {rewritten file: modules compiled}."""
    try:
        result = subprocess.run(["node", str(PY_COMPILE), str(NPM_CORE), str(pyodide)],
                                capture_output=True, text=True, check=False)
    except OSError as error:
        raise RuntimeError_(f"node could not run {PY_COMPILE.name} ({error}); "
                            "install Node.js") from error
    if result.returncode != 0:
        raise RuntimeError_(f"{PY_COMPILE.name} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def build(target: Path) -> None:
    """Verify the inputs and write pyodide/ and lite/ into ``target`` (a fresh folder)."""
    official, core, wheels = verify()
    work = target.parent / f".{target.name}.work"
    shutil.rmtree(work, ignore_errors=True)
    pyodide = work / "out" / "pyodide"
    pyodide.mkdir(parents=True)
    for path in [*core, *wheels]:
        shutil.copy2(path, pyodide / path.name)
    lock = trimmed_lock(official, wheels)
    (pyodide / "pyodide-lock.base.json").write_text(json.dumps(lock, indent=1), "utf-8")
    compiled = py_compile(pyodide)  # python_stdlib.zip and the wheels a first Run imports
    for entry in lock["packages"].values():
        if entry["file_name"] in compiled:
            entry["sha256"] = sha256(pyodide / entry["file_name"])
    (pyodide / "pyodide-lock.base.json").write_text(
        json.dumps(lock, indent=1, sort_keys=True), "utf-8")
    _build_lite(work / "out" / "lite", work)
    (work / "out").rename(target)
    shutil.rmtree(work, ignore_errors=True)


def ensure(force: bool = False, quiet: bool = False) -> Path:
    """The stage's output folder, built if its inputs changed. Safe to call from two
    processes at once (a file lock, on any OS: the second waits and finds it built)."""
    from filelock import FileLock

    CACHE.mkdir(parents=True, exist_ok=True)
    with FileLock(CACHE / ".lock"):
        # Under the lock: two builds started at once in a clone without node_modules ran two
        # `npm ci` together, and one hashed a half-installed core (the languages then linked
        # different runtime folders).
        ensure_npm_core()
        start = time.perf_counter()
        key = inputs_key()
        target = CACHE / key
        if target.is_dir() and not force:
            if not quiet:
                print(f"runtime stage: cached ({key}, checked in "
                      f"{time.perf_counter() - start:.1f} s)", flush=True)
            return target
        shutil.rmtree(target, ignore_errors=True)
        for old in CACHE.iterdir():  # one stage at a time: older keys are stale
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
        build(target)
        print(f"runtime stage: built {key} in {time.perf_counter() - start:.1f} s "
              f"({size_summary(target)})", flush=True)
        return target


def folder_bytes(folder: Path, compress: bool = False) -> int:
    total = 0
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            total += len(gzip.compress(data, 6)) if compress else len(data)
    return total


def size_summary(target: Path) -> str:
    return ", ".join(f"{part} {folder_bytes(target / part) / 1e6:.1f} MB"
                     for part in ("pyodide", "lite"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args(argv)
    try:
        ensure(force=args.force)
    except RuntimeError_ as error:
        print(f"runtime stage failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
