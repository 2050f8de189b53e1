"""The build's disk caches (tools/postprocess.py, tools/trim_css.py, hooks/render_cache.py)
give what a fresh computation gives, and never keep a failure: bad TeX or a broken link fails
every build, not only the first."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.pages import Page

from tests.conftest import copy_project
from tools import postprocess, trim_css
from tools.postprocess import (
    PostprocessError,
    page_steps,
    page_steps_cached,
    render,
    render_cached,
    render_math,
)
from tools.trim_css import purge, purge_cached

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "hooks" / "render_cache.py"


def test_a_cached_rendering_is_the_fresh_one(tmp_path: Path) -> None:
    first = render_cached(r"\sum_j e^{s_{ij}}", True, tmp_path)
    assert len(list(tmp_path.iterdir())) == 1, "the rendering was not stored"
    (stored,) = tmp_path.iterdir()
    stored.write_text("tampered", "utf-8")  # proves the second call reads the file
    assert render_cached(r"\sum_j e^{s_{ij}}", True, tmp_path) == "tampered"
    assert first == render(r"\sum_j e^{s_{ij}}", True)
    assert render_cached(r"\sum_j e^{s_{ij}}", False, tmp_path) != first, "display mode ignored"


def test_bad_tex_fails_every_build_and_is_not_cached(tmp_path: Path) -> None:
    page = '<p><span class="arithmatex">\\(\\frac{1}{\\)</span></p>'
    for _ in range(2):
        with pytest.raises(PostprocessError, match=r"index\.md: KaTeX cannot render"):
            render_math(page, "index.md", cache=tmp_path)
    assert not any(tmp_path.iterdir())


def test_a_cached_trimmed_stylesheet_is_the_fresh_one(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    css = ".a{color:red}.b{--x:1;color:var(--y)}.c .a{--z:2}"
    fresh = purge(css, {"a", "b"}, {"--y"})
    assert purge_cached(css, {"a", "b"}, {"--y"}, tmp_path) == fresh
    assert purge_cached(css, {"a", "b"}, {"--y"}, tmp_path) == fresh  # from the file
    assert purge_cached(css, {"a", "c"}, {"--y"}, tmp_path) == purge(css, {"a", "c"},
                                                                         {"--y"})
    assert len(list(tmp_path.iterdir())) == 2, "different inputs must not share an entry"
    monkeypatch.setattr(trim_css, "_purge_code", lambda: b"new trimming code")
    assert purge_cached(css, {"a", "b"}, {"--y"}, tmp_path) == fresh
    assert len(list(tmp_path.iterdir())) == 3, "new trimming code must not reuse an entry"


PAGE = ('<html><body><p>Weights <span class="arithmatex">\\(a_{ij}\\)</span></p>\n'
        '  <div class="md-typeset">\n  <code>x</code></div></body></html>\n')


def test_a_cached_page_is_the_fresh_one_and_keyed_by_page_and_code(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used: set[str] = set()
    fresh = page_steps(PAGE, "p.html")
    assert fresh.formulas and "md-typeset" in fresh.words
    assert page_steps_cached(PAGE, "p.html", tmp_path, used) == fresh
    (entry,) = tmp_path.iterdir()
    assert used == {entry.name}
    assert page_steps_cached(PAGE, "p.html", tmp_path, used) == fresh  # from the file
    edited = PAGE.replace("Weights", "Pesos")
    assert page_steps_cached(edited, "p.html", tmp_path, used) == page_steps(edited, "p.html")
    assert len(list(tmp_path.iterdir())) == 2, "an edited page must not share an entry"
    # new post-processing code (or KaTeX): every page is computed again
    monkeypatch.setattr(postprocess, "_steps_digest", lambda: "other code")
    assert page_steps_cached(PAGE, "p.html", tmp_path, used) == fresh
    assert len(list(tmp_path.iterdir())) == 3


def test_a_damaged_cached_page_is_computed_again_not_served(tmp_path: Path) -> None:
    fresh = page_steps(PAGE, "p.html")
    page_steps_cached(PAGE, "p.html", tmp_path, set())
    (entry,) = tmp_path.iterdir()
    digest, body = entry.read_bytes().split(b"\n", 1)
    for damaged in (body.replace(b"Weights", b"tampered"),  # checksum no longer matches
                    body[:40],  # cut short
                    b"{}"):  # the checksum fits, the fields are missing
        checksum = hashlib.sha256(damaged).hexdigest().encode() if damaged == b"{}" else digest
        entry.write_bytes(checksum + b"\n" + damaged)
        assert page_steps_cached(PAGE, "p.html", tmp_path, set()) == fresh
        assert b"tampered" not in entry.read_bytes(), "the entry was not written anew"


def test_a_postprocessing_failure_is_never_cached(tmp_path: Path) -> None:
    bad = '<p><span class="arithmatex">\\(\\frac{1}{\\)</span></p>'
    for _ in range(2):
        with pytest.raises(PostprocessError, match=r"p\.html: KaTeX cannot render"):
            page_steps_cached(bad, "p.html", tmp_path, set())
    assert not any(tmp_path.iterdir())


# --- glossary/build.py: the glossary's data, parsed once per version of its files ----------

def test_the_glossary_data_key_covers_every_file_loading_reads() -> None:
    """An input missing from data_key would serve stale entries: every project file that
    load_data opens (or imports code from) must lie under DATA_SOURCES."""
    import sys

    from glossary import build

    opened: list[str] = []
    recording = [True]

    def audit(event: str, args: tuple) -> None:
        if recording[0] and event == "open" and isinstance(args[0], str):
            opened.append(args[0])

    sys.addaudithook(audit)  # cannot be removed: it stops recording instead
    try:
        build.load_data()
    finally:
        recording[0] = False
    sources = [ROOT / name for name in build.DATA_SOURCES]
    outside = {str(path.relative_to(ROOT)) for path in map(Path, opened)
               if path.is_absolute() and ROOT in path.parents
               and path.relative_to(ROOT).parts[0] not in (".venv", ".cache")
               and not any(path == s or s in path.parents for s in sources)}
    assert opened and not outside, outside


def test_an_edited_entry_changes_the_glossary_data_key(tmp_path: Path) -> None:
    from glossary.build import DATA_SOURCES, data_key

    copy_project(tmp_path, *DATA_SOURCES)
    assert data_key(tmp_path) == data_key(ROOT)
    entry = tmp_path / "glossary" / "entries" / "softmax.yml"
    entry.write_text(entry.read_text("utf-8").replace("softmax", "softmáx", 1), "utf-8")
    assert data_key(tmp_path) != data_key(ROOT)


def test_a_damaged_glossary_data_entry_is_loaded_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from glossary import build

    monkeypatch.setattr(build, "DATA_CACHE", tmp_path)
    fresh = build.project_data.__wrapped__()  # the function without its in-process cache
    (entry,) = tmp_path.iterdir()
    assert build.project_data.__wrapped__() == fresh  # from the file
    digest, body = entry.read_bytes().split(b"\n", 1)
    for damaged in (digest + b"\n" + body[:-10],  # checksum fails
                    hashlib.sha256(b"x").hexdigest().encode() + b"\nx"):  # not a pickle
        entry.write_bytes(damaged)
        assert build.project_data.__wrapped__() == fresh
        assert entry.read_bytes() == digest + b"\n" + body, "the entry was not written anew"


# --- hooks/render_cache.py: each page's Markdown conversion and search entries -------------
# A small site of its own (Material, markdown-exec, snippets, strict links), built in this
# process: the page "code" prints what a snippet returns, the snippet reads a UI string.

SNIPPET = """from pathlib import Path

def greet():
    return "{word}, " + (Path(__file__).parent.parent / "ui" / "greeting.txt").read_text().strip()
"""
CODE_PAGE = """# Code {{ #code }}

Shown: [the other page's section](other.md#section).

```python
--8<-- "snippets/demo.py"
```

```python exec="on" result="text"
import runpy
print(runpy.run_path({snippet!r})["greet"]())
```
"""
PLAIN_PAGE = "# Other\n\n## Section { #section }\n\nNo code here; back to [the code](code.md).\n"


@pytest.fixture
def small_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # sitemap dates
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "snippets").mkdir()
    (root / "ui").mkdir()
    (root / "snippets" / "demo.py").write_text(SNIPPET.format(word="Hello"), "utf-8")
    (root / "ui" / "greeting.txt").write_text("world\n", "utf-8")
    (root / "docs" / "code.md").write_text(
        CODE_PAGE.format(snippet=str(root / "snippets" / "demo.py")), "utf-8")
    (root / "docs" / "other.md").write_text(PLAIN_PAGE, "utf-8")
    (root / "mkdocs.yml").write_text(json.dumps({
        "site_name": "Cache test", "docs_dir": "docs", "strict": True,
        "theme": {"name": "material", "language": "en"},
        "hooks": [str(HOOK)],
        "plugins": {"search": {}, "markdown-exec": {"languages": ["python"]}},
        "markdown_extensions": [{"toc": {"permalink": True}}, "attr_list",
                                {"pymdownx.snippets": {"base_path": [str(root)],
                                                       "check_paths": True}},
                                "pymdownx.superfences", "pymdownx.highlight"],
        "validation": {"links": {"not_found": "warn", "anchors": "warn"}},
    }), "utf-8")
    return root


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The pages MkDocs' own Page.render converted (the cache calls it on a miss)."""
    calls: list[str] = []
    fresh = Page.render

    def counting(page: Page, config, files) -> None:
        calls.append(page.file.src_uri)
        fresh(page, config, files)

    monkeypatch.setattr(Page, "render", counting)
    yield calls


def build(root: Path, site: Path, monkeypatch: pytest.MonkeyPatch, cache: bool = True) -> None:
    monkeypatch.setenv("AG_RENDER_CACHE", "1" if cache else "0")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def failed_build_messages(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages MkDocs logged during a build of ``root`` that must abort."""
    messages: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: messages.append(record.getMessage())  # type: ignore
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        with pytest.raises(Abort):
            build(root, root / "site", monkeypatch)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return messages


def load_hook():
    """hooks/render_cache.py as a module of its own (MkDocs loads hooks by path)."""
    spec = importlib.util.spec_from_file_location("render_cache_under_test", HOOK)
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook


def digests(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def entries(root: Path) -> list[Path]:
    return sorted((root / ".cache" / "pages" / "en").glob("*.json"))


def test_a_cached_build_is_the_uncached_one(small_site: Path, renders: list[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    build(small_site, small_site / "fresh", monkeypatch, cache=False)
    assert not entries(small_site), "AG_RENDER_CACHE=0 must not write entries"
    renders.clear()
    build(small_site, small_site / "first", monkeypatch)
    assert sorted(renders) == ["code.md", "other.md"]
    # two pages: a conversion and search entries each
    assert len(entries(small_site)) == 4
    renders.clear()
    build(small_site, small_site / "second", monkeypatch)
    assert renders == [], "the second build converted pages again"
    fresh = digests(small_site / "fresh")
    assert "Hello, world" in (small_site / "fresh" / "code" / "index.html").read_text("utf-8")
    assert digests(small_site / "first") == fresh
    assert digests(small_site / "second") == fresh  # HTML, toc, anchors and search index


def test_an_edited_snippet_or_ui_string_reruns_only_the_pages_with_code(
        small_site: Path, renders: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    build(small_site, small_site / "site", monkeypatch)
    (small_site / "snippets" / "demo.py").write_text(SNIPPET.format(word="Hola"), "utf-8")
    renders.clear()
    build(small_site, small_site / "site", monkeypatch)
    page = (small_site / "site" / "code" / "index.html").read_text("utf-8")
    assert renders == ["code.md"], "only the page with code depends on snippets/"
    assert "Hola, world" in page and "Hello, world" not in page
    assert page.count("Hola, ") == 2, "the included snippet shows its new code too"
    (small_site / "ui" / "greeting.txt").write_text("mundo\n", "utf-8")
    renders.clear()
    build(small_site, small_site / "site", monkeypatch)
    assert renders == ["code.md"]
    assert "Hola, mundo" in (small_site / "site" / "code" / "index.html").read_text("utf-8")
    assert len(entries(small_site)) == 4, "entries no build uses are deleted"


def test_a_damaged_entry_is_computed_again_not_served(
        small_site: Path, renders: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    build(small_site, small_site / "fresh", monkeypatch, cache=False)
    build(small_site, small_site / "site", monkeypatch)
    stored = entries(small_site)
    stored[0].write_text(stored[0].read_text("utf-8")[:50], "utf-8")  # cut short
    for path in stored[1:]:  # valid JSON, wrong content: the checksum no longer matches
        header, payload = path.read_text("utf-8").split("\n", 1)
        payload = json.loads(payload)
        if isinstance(payload, dict):
            payload["content"] = "<p>tampered</p>"
        else:
            payload = [{"location": "tampered", "title": "", "text": ""}]
        path.write_text(header + "\n" + json.dumps(payload), "utf-8")
    renders.clear()
    build(small_site, small_site / "site", monkeypatch)
    assert sorted(renders) == ["code.md", "other.md"]
    assert digests(small_site / "site") == digests(small_site / "fresh")
    renders.clear()
    build(small_site, small_site / "again", monkeypatch)  # the entries were written anew
    assert renders == []


def test_an_edited_template_shows_in_the_next_build(
        small_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The theme's templates are kept compiled (Jinja's bytecode cache), each entry checked
    against its template's source: an edited override is compiled again, not served stale."""
    config = json.loads((small_site / "mkdocs.yml").read_text("utf-8"))
    config["theme"]["custom_dir"] = "overrides"
    (small_site / "mkdocs.yml").write_text(json.dumps(config), "utf-8")
    template = small_site / "overrides" / "main.html"
    template.parent.mkdir()
    for word in ("first", "second"):
        template.write_text('{% extends "base.html" %}{% block extrahead %}'
                            f'<meta name="marker" content="{word}">{{% endblock %}}', "utf-8")
        build(small_site, small_site / "site", monkeypatch)
        page = (small_site / "site" / "other" / "index.html").read_text("utf-8")
        assert f'<meta name="marker" content="{word}">' in page
    assert 'content="first"' not in page
    compiled = list((small_site / ".cache" / "pages" / "en").glob("jinja-*.cache"))
    assert compiled, "no compiled template was kept"
    build(small_site, small_site / "again", monkeypatch)  # from the compiled templates
    build(small_site, small_site / "fresh", monkeypatch, cache=False)
    assert digests(small_site / "again") == digests(small_site / "fresh")


def test_a_broken_link_fails_every_strict_build(
        small_site: Path, renders: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    build(small_site, small_site / "site", monkeypatch)
    (small_site / "docs" / "code.md").unlink()  # other.md's link now points nowhere
    renders.clear()
    with pytest.raises(Abort):
        build(small_site, small_site / "site", monkeypatch)
    assert renders == ["other.md"], "the file list is part of every page's key"
    renders.clear()
    with pytest.raises(Abort):  # the stored conversion replays the warning
        build(small_site, small_site / "site", monkeypatch)
    assert renders == []


def test_a_render_that_sets_more_than_the_cache_stores_fails_the_build(
        small_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = Page.render

    def newer_mkdocs(page: Page, config, files) -> None:
        fresh(page, config, files)
        page.headings = []

    monkeypatch.setattr(Page, "render", newer_mkdocs)
    messages = failed_build_messages(small_site, monkeypatch)
    assert any("Page.render now sets ['headings']" in m for m in messages), messages


def test_the_key_refuses_configuration_it_cannot_name() -> None:
    hook = load_hook()
    assert hook._stable({"b": [1, (2,)], "a": len}) == {"a": "builtins.len", "b": [1, [2]]}
    with pytest.raises(PluginError, match=r"cannot key .* object"):
        hook._stable({"format": object()})


def test_code_that_reads_a_file_outside_its_key_fails_the_build(
        small_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A dependency the key misses would serve stale output: the build names it instead."""
    (small_site / "data").mkdir()
    (small_site / "data" / "table.txt").write_text("42\n", "utf-8")
    table = str(small_site / "data" / "table.txt")
    code = f'```python exec="on"\nprint(open({table!r}).read())\n```\n'
    (small_site / "docs" / "other.md").write_text(f"{PLAIN_PAGE}\n{code}", "utf-8")
    messages = failed_build_messages(small_site, monkeypatch)
    assert any("other.md read data/table.txt" in m for m in messages), messages


def test_what_the_concept_pages_code_imports_stays_inside_the_narrow_key() -> None:
    """hooks/render_cache.py keys a page whose code imports only snippets and tools.page_code
    on snippets/, ui/ and tools/page_code.py; an import of glossary (say) from a snippet would
    be missed at run time when a hook imported it first, so it is checked here."""
    import ast

    hook = load_hook()
    project = {p.name.removesuffix(".py") for p in ROOT.iterdir()
               if (p.is_dir() and (p / "__init__.py").is_file()) or p.suffix == ".py"}
    files = [*sorted((ROOT / "snippets").rglob("*.py")), ROOT / "tools" / "page_code.py"]
    outside = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level
                     else [])
            for name in names:
                if name.split(".")[0] in project and not any(
                        name == n or name.startswith(n + ".") for n in hook.NARROW_IMPORTS):
                    outside.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not outside, outside


def test_a_quiet_build_stores_nothing(small_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs build --quiet` drops warnings before any handler: an entry stored then would
    replay no broken link to a later strict build."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)  # what --quiet does (setLevel also clears logging's cache)
    try:
        build(small_site, small_site / "site", monkeypatch)
    finally:
        logger.setLevel(level)
    stored = entries(small_site)
    assert len(stored) == 2 and all(p.name.startswith("search-") for p in stored), stored


def test_the_installed_packages_in_the_key_are_the_ones_importlib_reads() -> None:
    """hooks/render_cache.py reads only the metadata's header lines (fast); they must give
    every distribution's name and version as the full parse does."""
    from importlib import metadata

    full = sorted({(d.metadata["Name"] or "", d.version) for d in metadata.distributions()})
    assert load_hook()._installed() == full
