"""The notebooks (issue 6): one source, two languages, standalone, executed, lean pages.

Static checks read the committed notebooks/{en,es}/*.ipynb; the execution checks run every
notebook in a fresh kernel (as a reader's Jupyter would) and compare with the shared-kernel
run that the site build uses; the page checks read the built site.
"""

from __future__ import annotations

import ast
import gzip
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import nbformat
import pytest
from mkdocs.exceptions import PluginError
from nbformat import NotebookNode

from notebooks import download, execute, page
from notebooks.cells import LANGS, Markdown, NotebookSource, Parameters
from notebooks.embed import section
from notebooks.execute import ExecutionCache, execute_fresh, execute_shared
from notebooks.generate import META_KEY, all_sources, stale
from tests.conftest import ROOT, built_site_root
from tests.test_prose import deprecated_terms
from tools.runtime import LITE_APPS

NOTEBOOKS = ROOT / "notebooks"
NAMES = [source.name for source in all_sources()]
STANDALONE_MODULES = {"numpy", "matplotlib"}  # besides the standard library
# One notebook page's HTML (mkdocs-jupyter's raw output is ~200 KB). 41, not 40, since the page
# gained the "Run in your browser" box and the grouped navigation (es/translator: 40.4 KB).
PAGE_GZIP_BUDGET_KB = 41


def _read(lang: str, name: str) -> NotebookNode:
    return nbformat.read(NOTEBOOKS / lang / f"{name}.ipynb", as_version=4)


def _code(nb: NotebookNode) -> list[NotebookNode]:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def _python(source: str) -> str:
    """Cell source without IPython magics, so that ast can parse it."""
    return "\n".join("" if line.lstrip().startswith("%") else line for line in source.split("\n"))


# --- sources and committed files -----------------------------------------------------------


def test_there_are_at_least_four_notebooks_in_each_language() -> None:
    required = {"attention-weights", "cross-attention", "attention-at-scale", "translator"}
    assert required <= set(NAMES)
    for lang in LANGS:
        assert sorted(p.stem for p in (NOTEBOOKS / lang).glob("*.ipynb")) == sorted(NAMES)


def test_committed_notebooks_are_generated_from_their_sources() -> None:
    assert stale() == [], "run: python -m notebooks.generate"


def test_notebooks_are_stored_without_outputs() -> None:
    for lang in LANGS:
        for name in NAMES:
            for index, cell in enumerate(_code(_read(lang, name))):
                where = f"notebooks/{lang}/{name}.ipynb code cell {index}"
                assert cell.outputs == [], f"{where} has outputs"
                assert cell.execution_count is None, f"{where} has an execution count"
                assert "execution" not in cell.metadata, f"{where} has execution timings"


def _snippet_mismatches(nb: NotebookNode) -> list[str]:
    """Cells whose embedded code differs from the snippet it names (read independently)."""
    problems = []
    for index, cell in enumerate(nb.cells):
        origin = cell.metadata.get(META_KEY)
        if not origin:
            continue
        path = origin["snippet"]
        lines = cell.source.split("\n")
        while lines and lines[0].startswith("# "):  # the header saying where it comes from
            lines.pop(0)
        body = "\n".join(lines).strip("\n")
        if "section" in origin:
            expected = section(path, origin["section"])
        else:
            text = (ROOT / path).read_text("utf-8")
            lines = text.splitlines()
            spans = {}
            for node in ast.parse(text).body:
                names = [getattr(node, "name", None)] + [
                    t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)
                ] + [getattr(getattr(node, "target", None), "id", None)]
                first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
                for name in filter(None, names):
                    spans[name] = "\n".join(lines[first - 1 : node.end_lineno])
            expected = "\n\n\n".join(spans[name] for name in origin["names"])
        if body != expected.strip("\n"):
            problems.append(f"cell {index}: differs from {path} {origin}")
    return problems


def test_embedded_code_is_exactly_the_snippet_code() -> None:
    embedded = 0
    for lang in LANGS:
        for name in NAMES:
            nb = _read(lang, name)
            embedded += sum(bool(cell.metadata.get(META_KEY)) for cell in nb.cells)
            assert _snippet_mismatches(nb) == [], f"{lang}/{name}: run python -m notebooks.generate"
    assert embedded >= 3 * len(NAMES)


def test_a_snippet_edit_is_detected() -> None:
    nb = _read("en", "attention-weights")
    index = next(i for i, c in enumerate(nb.cells) if c.metadata.get(META_KEY, {}).get("section"))
    nb.cells[index].source = nb.cells[index].source.replace("return", "return  0 +", 1)
    assert len(_snippet_mismatches(nb)) == 1


def test_notebooks_import_only_the_standard_library_numpy_and_matplotlib() -> None:
    allowed = set(sys.stdlib_module_names) | STANDALONE_MODULES
    for lang in LANGS:
        for name in NAMES:
            for cell in _code(_read(lang, name)):
                for node in ast.walk(ast.parse(_python(cell.source))):
                    if isinstance(node, ast.Import):
                        modules = [alias.name for alias in node.names]
                    elif isinstance(node, ast.ImportFrom):
                        modules = [node.module or ""]
                    else:
                        continue
                    for module in modules:
                        top = module.split(".")[0]
                        assert top in allowed, f"{lang}/{name} imports {module}"
                assert "snippets" not in re.findall(r"\bimport\s+(\w+)", cell.source)


def test_both_languages_have_the_same_cells_except_the_parameter_cell() -> None:
    for name in NAMES:
        en, es = _read("en", name), _read("es", name)
        assert [c.cell_type for c in en.cells] == [c.cell_type for c in es.cells], name
        differing = [i for i, (a, b) in enumerate(zip(_code(en), _code(es), strict=True))
                     if a.source != b.source or a.metadata != b.metadata]
        parameters = [i for i, c in enumerate(_code(en))
                      if "parameters" in c.metadata.get("tags", [])]
        assert len(parameters) == 1 and differing == parameters, name
        keys = {}
        for lang, nb in (("en", en), ("es", es)):
            namespace: dict[str, object] = {}
            exec(_code(nb)[parameters[0]].source, namespace)  # only literals: LANG and TEXT
            assert namespace["LANG"] == lang
            keys[lang] = set(namespace["TEXT"])  # type: ignore[arg-type]
        assert keys["en"] == keys["es"], name
        for a, b in zip(en.cells, es.cells, strict=True):
            if a.cell_type == "markdown":
                assert a.source != b.source, f"{name}: untranslated cell {a.source[:60]!r}"
        assert en.metadata[META_KEY]["heading_ids"] == es.metadata[META_KEY]["heading_ids"]


def test_spanish_prose_avoids_deprecated_terms() -> None:
    deprecated = sorted(deprecated_terms())  # from the glossary entries
    for source in all_sources():
        texts = [c.es for c in source.cells if isinstance(c, Markdown)]
        texts += [t["es"] for t in source.labels.values()] + [source.description["es"]]
        for text in texts:
            for term in deprecated:
                assert not re.search(rf"\b{re.escape(term)}\b", text, re.IGNORECASE), (
                    f"{source.name}: deprecated term {term!r} in {text[:60]!r}")


def _first_cell(text: str) -> str:
    return nbformat.reads(text, as_version=4).cells[0].source


# What the first cell of a handed-out notebook must say, per language: the licence line.
LICENCE_LINE = {
    "en": ("Text [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/), code MIT, "
           "Attention Glossary contributors."),
    "es": ("Texto [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.es), código MIT, "
           "colaboradores del Glosario de atención."),
}


def test_download_names_come_from_the_title_in_the_page_language() -> None:
    names = download.file_names(all_sources())
    assert names[("es", "attention-weights")] == "pesos-de-atencion-desde-cero.ipynb"
    assert names[("en", "attention-weights")] == "attention-weights-from-scratch.ipynb"
    assert len(set(names.values())) == len(names)
    for source in all_sources():
        for lang in LANGS:
            name = names[(lang, source.name)]
            assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*\.ipynb", name), name
            title_words = download.slug(_read(lang, source.name).cells[0].source.split("\n")[0])
            assert name == f"{title_words}.ipynb", f"{lang}/{source.name}: not its title"
        assert names[("es", source.name)] != names[("en", source.name)], source.name


def test_a_notebook_without_a_title_gets_no_file_name() -> None:
    source = NotebookSource(name="untitled", description={"en": "x", "es": "x"}, labels={},
                            cells=(Markdown(en="No title", es="Sin título"), Parameters()))
    with pytest.raises(ValueError, match=r"'untitled' \(en\): its first cell must be Markdown"):
        download.file_name(source, "en")


def test_a_handed_out_notebook_opens_with_title_link_back_and_licence() -> None:
    root = "https://example.org/glossary/"
    for source in all_sources():
        for lang in LANGS:
            committed = _read(lang, source.name)
            handed = nbformat.reads(download.text(source, lang, root), as_version=4)
            first = handed.cells[0].source
            title = committed.cells[0].source.split("\n")[0]
            assert first.startswith(f"{title}\n\n"), f"{lang}/{source.name}: title not first"
            prefix = "" if lang == "en" else "es/"
            page_url = f"{root}{prefix}notebooks/{source.name}/"
            header = first.split("\n\n")[1]
            assert f"<{page_url}>" in header, f"{lang}/{source.name}: no link back to the page"
            assert header.endswith(LICENCE_LINE[lang]), f"{lang}/{source.name}: licence line"
            other = next(x for x in LANGS if x != lang)
            assert LICENCE_LINE[other] not in first
            # the rest is the committed notebook, untouched
            assert first.replace(f"\n\n{header}", "", 1) == committed.cells[0].source
            assert handed.cells[1:] == committed.cells[1:]


def test_the_run_note_names_everything_a_reader_needs() -> None:
    for lang in LANGS:
        note = page.UI[lang]["run_text"]
        for needed in ("Python 3.10", "numpy", "matplotlib", "Jupyter", "JupyterLab",
                       "Notebook", "<code>pip install numpy matplotlib notebook</code>",
                       "<code>jupyter notebook {file}</code>"):
            assert needed in note, f"ui/{lang}.yml notebook_page.run_text: no {needed!r}"


def test_a_source_with_a_missing_translation_is_refused() -> None:
    with pytest.raises(ValueError, match="label 'title' has no translation for \\['es'\\]"):
        NotebookSource(name="x", description={"en": "a", "es": "b"},
                       labels={"title": {"en": "Title"}}, cells=(Parameters(),))
    with pytest.raises(ValueError, match="a heading needs an id"):
        NotebookSource(name="x", description={"en": "a", "es": "b"}, labels={},
                       cells=(Parameters(), Markdown(en="## A", es="## B")))


def test_an_unknown_snippet_section_is_refused() -> None:
    with pytest.raises(ValueError, match=r"snippets/softmax.py: expected one section 'nope'"):
        section("snippets/softmax.py", "nope")


# --- execution ------------------------------------------------------------------------------


def _outputs(nb: NotebookNode) -> list[list[dict]]:
    return [json.loads(json.dumps(cell.outputs)) for cell in _code(nb)]


@pytest.fixture(scope="module")
def executed() -> dict[tuple[str, str], NotebookNode]:
    """Every notebook run from top to bottom in a new kernel, as a reader would run it."""
    return {(lang, name): execute_fresh(_read(lang, name)) for lang in LANGS for name in NAMES}


def test_every_notebook_runs_standalone(executed) -> None:
    for (lang, name), nb in executed.items():
        errors = [o for cell in _code(nb) for o in cell.outputs if o.output_type == "error"]
        stderr = [o.text for cell in _code(nb) for o in cell.outputs
                  if o.output_type == "stream" and o.name == "stderr"]
        assert errors == [] and stderr == [], f"{lang}/{name}: {errors or stderr}"
        figures = [o for cell in _code(nb) for o in cell.outputs
                   if "image/svg+xml" in o.get("data", {})]
        assert figures, f"{lang}/{name} draws no SVG figure"
        assert not any("image/png" in o.get("data", {}) for cell in _code(nb) for o in cell.outputs)


def test_the_build_way_of_running_gives_the_same_outputs(executed) -> None:
    """One shared kernel (the site build) = a fresh kernel per notebook, output for output;
    two separate runs agreeing also shows the outputs are deterministic."""
    keys = list(executed)
    shared = execute_shared([_read(lang, name) for lang, name in keys])
    for key, nb in zip(keys, shared, strict=True):
        assert _outputs(nb) == _outputs(executed[key]), f"{key}: outputs differ"


def test_outputs_meant_for_readers_are_translated(executed) -> None:
    for source in all_sources():
        es = executed[("es", source.name)]
        shown = " ".join(
            o.get("text", "") + o.get("data", {}).get("image/svg+xml", "")
            for cell in _code(es) for o in cell.outputs
        )
        for key, texts in source.labels.items():
            english = texts["en"].split("{")[0].strip()
            if english and english != texts["es"].split("{")[0].strip():
                assert english not in shown, f"{source.name}: English {key!r} in Spanish output"
        assert any(t["es"].split("{")[0].strip() in shown for t in source.labels.values())


_ALIGNMENT_ROW = re.compile(r"^(\S+) +(\S+) +(\S+) \((\d\.\d\d)\)( +✗)?$", re.MULTILINE)


def test_the_short_translator_run_learns_the_crossing(executed) -> None:
    """The prose says the lines cross where the adjective follows the noun: after the
    notebook's short training, those Spanish words look hardest at their gold English word."""
    crossing = {"gato": "cat", "pequeño": "small", "casa": "house", "roja": "red"}
    for lang in LANGS:
        shown = "".join(o.get("text", "") for cell in _code(executed[(lang, "translator")])
                        for o in cell.outputs)
        rows = {m[1]: m for m in _ALIGNMENT_ROW.finditer(shown)}
        assert len(rows) >= 8, f"{lang}/translator: alignment table not found"
        for spanish, english in crossing.items():
            _, gold, largest, weight, miss = rows[spanish].groups()
            assert (gold, largest, miss) == (english, english, None), f"{lang}: {rows[spanish][0]}"
            assert float(weight) > 0.5, f"{lang}: {spanish} → {english} is not the clear maximum"


def test_a_failing_cell_names_the_notebook_and_the_cell() -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"),
                                         nbformat.v4.new_code_cell("x / 0")])
    nb.metadata[META_KEY] = {"name": "broken", "language": "es"}
    with pytest.raises(ValueError, match=r"'broken' \(es\): cell 1 failed: ZeroDivisionError"):
        execute_fresh(nb)


# --- pages ---------------------------------------------------------------------------------


def _page(site: Path, lang: str, name: str) -> str:
    prefix = "" if lang == "en" else "es/"
    return (site / f"{prefix}notebooks/{name}/index.html").read_text("utf-8")


def _article(html: str) -> str:
    return html[html.index('<article class="md-content__inner'):html.index("</article>")]


def test_pages_exist_in_both_languages_with_executed_outputs(site: Path, executed) -> None:
    for source in all_sources():
        for lang in LANGS:
            html = _page(site, lang, source.name)
            assert f'<html lang="{lang}"' in html
            figures = sum("image/svg+xml" in o.get("data", {})
                          for c in _code(executed[(lang, source.name)]) for o in c.outputs)
            assert html.count('class="ag-nb-svg"') == figures, f"{lang}/{source.name}"
            helpers = sum("helper" in c.metadata.get("tags", [])
                          for c in _code(executed[(lang, source.name)]))
            assert html.count('<details class="note ag-nb-helpers" data-search-exclude>') == helpers
            first_label = next(iter(source.labels.values()))[lang].split("{")[0].strip()
            assert first_label in html, f"{lang}/{source.name}: output text missing"
            assert f'<meta name="description" content="{source.description[lang]}"' in html


def test_pages_are_lean_and_load_nothing_from_elsewhere(site: Path) -> None:
    for lang in LANGS:
        for name in NAMES:
            html = _page(site, lang, name)
            article = _article(html)
            assert "<style" not in article and "<script" not in article, f"{lang}/{name}"
            # Nothing loaded from another host (a plain link to the repository is no load).
            assert not re.search(r'(?:src="|<link [^>]*href=")(?:https?:)?//', article), (
                f"{lang}/{name}")
            assert "In&nbsp;[" not in article and "jp-InputPrompt" not in article
            size = len(gzip.compress(html.encode())) / 1024
            assert size < PAGE_GZIP_BUDGET_KB, f"{lang}/{name}: {size:.0f} KB gzip"


def test_scrollable_code_and_outputs_are_focusable(site: Path) -> None:
    for lang in LANGS:
        for name in NAMES:
            article = _article(_page(site, lang, name))
            # outputs: focusable <pre>; code: <pre><code>, made focusable by Material's JS
            outputs = re.findall(r'data-mime-type="text/plain">\s*<pre([^>]*)>', article)
            assert outputs and set(outputs) == {' tabindex="0"'}, f"{lang}/{name}"
            assert len(re.findall(r"<pre", article)) == len(outputs) + len(
                re.findall(r"<pre><span></span><code>", article)), f"{lang}/{name}"
            assert 'class="jp-Cell-inputWrapper" tabindex' not in article


def test_download_button_serves_the_notebook_under_its_name_in_the_page_language(
        site: Path) -> None:
    root = built_site_root(site)
    lite = next((site / "runtime").iterdir()) / "lite" / "files"
    for source in all_sources():
        offered = {}
        for lang in LANGS:
            prefix = "" if lang == "en" else "es/"
            html = _page(site, lang, source.name)
            where = f"{prefix}notebooks/{source.name}/"
            links = re.findall(r'<a class="md-button md-button--primary" href="([^"]+\.ipynb)" '
                               r'download="([^"]+)">', html)
            assert len(links) == 1, f"{where}: {len(links)} download buttons"
            href, name = links[0]
            offered[lang] = name
            assert href == name == download.file_name(source, lang), where
            assert page.UI[lang]["download"] in html and "make lab" in html
            assert f"jupyter notebook {name}" in html, f"{where}: the note names another file"
            # "Run in your browser" opens the very same file, under the same name, in the
            # JupyterLite app whose interface speaks the page's language.
            app = LITE_APPS[lang][0]
            assert f"lite/{app}/index.html?path={name}\"" in html, where
            served = site / where / name
            assert [p.name for p in served.parent.glob("*.ipynb")] == [name], where
            text = served.read_text("utf-8")
            assert text == download.text(source, lang, root), f"{served} is not the notebook"
            assert (lite / name).read_text("utf-8") == text, f"JupyterLite's {name} differs"
            # its link back is the page's own canonical address
            canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
            assert canonical and f"<{canonical.group(1)}>" in _first_cell(text), where
        assert offered["es"] != offered["en"], f"{source.name}: Spanish page offers {offered}"


def test_headings_have_the_same_neutral_ids_in_both_languages(site: Path) -> None:
    for source in all_sources():
        ids = {lang: re.findall(r'<h[1-6] id="([^"]+)"', _article(_page(site, lang, source.name)))
               for lang in LANGS}
        assert ids["en"] == ids["es"] == source.heading_ids(), source.name
        es_page = _page(site, "es", source.name)
        toc = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', es_page)
        assert toc and set(toc) <= set(ids["es"]), source.name


def test_page_cleaning_fails_loudly_on_unexpected_markup() -> None:
    with pytest.raises(ValueError, match="did its template change"):
        page.clean("<div>no notebook here</div>", lang="en", file="x.ipynb", heading_ids=[],
                   stylesheet="x.css", permalink_title="Link")


def test_clean_html_keeps_the_cells_and_drops_the_chrome() -> None:
    raw = (  # the template's markup, as notebooks/html_export.py returns it
        "<style>.jp-x{}</style><script>x()</script>"
        '<div class="jp-Cell-inputWrapper">'
        '<h1 id="t">T&#237;tulo<a class="anchor-link" href="#t">&#182;</a></h1>'
        '<div class="zeroclipboard-container"><clipboard-copy for="cell-1", aria-label="Copy">'
        "<svg></svg></clipboard-copy></div>"
        '<div class="highlight-ipynb hl-python "><pre><span></span>x = 1</pre></div>'
        '<div id="cell-1" class="clipboard-copy-txt">x = 1</div></div>'
        '<div id="cell-id=abc" class="jp-Cell jp-CodeCell"><div class="celltoolbar"></div>'
        '<div class="jp-Collapser jp-InputCollapser"></div>'
        '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain">'
        "<pre>1</pre></div></div>"
    )
    result = page.clean(raw, lang="es", file="título-ñ.ipynb", heading_ids=["top"],
                        stylesheet="s.css", permalink_title="Enlace")
    assert "clipboard" not in result.html and "<style" not in result.html
    for gone in ("celltoolbar", "jp-Collapser", "cell-id=", 'Wrapper" tabindex'):
        assert gone not in result.html, gone
    assert result.toc[0]["name"] == "Título"
    assert '<pre tabindex="0">1</pre>' in result.html
    with pytest.raises(ValueError, match="expected at least 1 cell toolbars"):
        page.clean(raw.replace('<div class="celltoolbar"></div>', ""), lang="es", file="n",
                   heading_ids=["top"], stylesheet="s.css", permalink_title="Enlace")
    assert '<h1 id="top">' in result.html and 'title="Enlace"' in result.html
    assert "<pre><span></span><code>x = 1</code></pre>" in result.html
    assert 'highlight" data-search-exclude>' in result.html
    assert page.UI["es"]["run_title"] in result.html
    assert 'href="título-ñ.ipynb" download="título-ñ.ipynb"' in result.html
    assert result.toc[0]["id"] == "top"


def _tiny_notebook(path: Path) -> Path:
    """A notebook with what a page needs: a heading, a tagged code cell, a text and an SVG
    output."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><path d="M0 0"/></svg>'
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# A title"),
        nbformat.v4.new_code_cell("print(1)", metadata={"tags": ["parameters"]}, outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="1\n"),
            nbformat.v4.new_output("display_data", data={"image/svg+xml": svg})]),
    ])
    nbformat.write(nb, path)
    return path


@pytest.fixture
def lean_convert(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """mkdocs-jupyter's plugin module with notebooks/html_export.py installed (for this test)."""
    from mkdocs_jupyter import plugin

    from notebooks import html_export

    monkeypatch.setattr(plugin, "convert", plugin.convert)  # restored after the test
    html_export.install(plugin.Plugin())
    return plugin


def test_a_notebook_converts_without_nbconverts_soup_pass(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lean_convert: ModuleType) -> None:
    """nbconvert's BeautifulSoup pass cost 0.6 s of CPU per language; page.py reads the
    template's own markup, and still makes each text output focusable."""

    def no_soup(*args: object, **kwargs: object) -> None:
        raise AssertionError("nbconvert's BeautifulSoup pass ran")

    monkeypatch.setattr("nbconvert.exporters.html.BeautifulSoup", no_soup)
    raw = lean_convert.convert.nb2html(str(_tiny_notebook(tmp_path / "tiny.ipynb")),
                                       no_prompt=True)
    assert re.findall(r"<[a-z][^>]*\stabindex=", raw) == [], "the soup's tab stops are back"
    assert "No description has been provided" not in raw
    result = page.clean(raw, lang="en", file="tiny.ipynb", heading_ids=["top"],
                        stylesheet="s.css", permalink_title="Link")
    assert re.search(r'data-mime-type="text/plain"><pre tabindex="0">1\n</pre>', result.html)
    assert re.search(r'data-mime-type="image/svg\+xml"><svg role="img" aria-label="[^"]+"',
                     result.html)
    assert "<img" not in result.html and [t["id"] for t in result.toc] == ["top"]


def test_the_lean_conversion_fails_loudly_when_nbconvert_changes() -> None:
    from nbconvert.exporters.html import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter

    from notebooks import html_export

    html_export.check_nbconvert(HTMLExporter, TemplateExporter, "installed")  # no error

    class Changed(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):  # type: ignore[no-untyped-def]
            return super().from_notebook_node(nb, resources, **kw)

    with pytest.raises(PluginError, match=r"nbconvert 9\.9 changed HTMLExporter\.from_notebook"):
        html_export.check_nbconvert(Changed, TemplateExporter, "9.9")


def test_the_lean_conversion_fails_loudly_when_mkdocs_jupyter_changes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """If mkdocs-jupyter stops converting through the replaced names, the build says so
    instead of shipping nbconvert's other markup."""
    from notebooks import html_export

    def plugin_in(module: ModuleType) -> object:
        monkeypatch.setitem(sys.modules, module.__name__, module)
        return type("Plugin", (), {"__module__": module.__name__})()

    bypassing = ModuleType("mkdocs_jupyter.convert")
    bypassing.nb2html = lambda *args, **kwargs: "<p>converted another way</p>"  # type: ignore
    fake = ModuleType("fake_jupyter_plugin")
    fake.convert = bypassing  # type: ignore[attr-defined]
    html_export.install(plugin_in(fake))
    with pytest.raises(PluginError, match=r"converted without .*LeanHTMLExporter"):
        fake.convert.nb2html("x.ipynb")
    with pytest.raises(PluginError, match=r"no longer converts through mkdocs_jupyter\.convert"):
        html_export.install(plugin_in(ModuleType("fake_jupyter_plugin_without_convert")))


def test_installing_the_lean_conversion_imports_no_nbconvert() -> None:
    """A build whose notebooks are all in mkdocs-jupyter's cache never imports nbconvert
    (tools/build.py defers it); installing the stand-in must not import it either."""
    from tools.build import MKDOCS

    run_mkdocs = "from mkdocs.__main__ import cli; cli(prog_name='mkdocs')"
    assert run_mkdocs in MKDOCS, "tools.build starts MkDocs another way: update this test"
    code = MKDOCS.replace(run_mkdocs, (  # what a build's process imports, then the hook's install
        "import sys; from mkdocs_jupyter import plugin; from notebooks import html_export; "
        "html_export.install(plugin.Plugin()); "
        "print(sorted(n for n in ('nbconvert', 'bs4') if n in sys.modules))"))
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_a_new_conversion_format_gets_its_own_render_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lean_convert: ModuleType) -> None:
    """mkdocs-jupyter's cache key holds the notebook and its settings only: HTML rendered
    before a change of the conversion (or of nbconvert) must not be served after it."""
    from notebooks import execute, html_export
    from snippets._figure_files import PREBUILD_RUNNING

    monkeypatch.setenv(PREBUILD_RUNNING, "set: on_config executes nothing")
    monkeypatch.setattr(execute, "CACHE_ROOT", tmp_path)
    hook = _load_hook()
    folders = []
    for fmt, shaping in (("lean-1", html_export.SHAPING), ("lean-2", html_export.SHAPING),
                         ("lean-2", (*html_export.SHAPING, "jinja2"))):  # as if upgraded
        monkeypatch.setattr(html_export, "FORMAT", fmt)
        monkeypatch.setattr(html_export, "SHAPING", shaping)
        jupyter = lean_convert.Plugin()
        jupyter.load_config({})
        hook.on_config(SimpleNamespace(theme={"language": "es"},
                                       plugins={"mkdocs-jupyter": jupyter}))
        folders.append(jupyter.config["cache_dir"])
        Path(folders[-1]).mkdir(parents=True)  # as the build's conversions would
    assert len(set(folders)) == 3 and all(f.endswith("/es") for f in folders)
    # each build leaves only its own folder: the stale ones would never be read again
    assert [p.name for p in (tmp_path / "mkdocs-jupyter").iterdir()] == [
        Path(folders[-1]).parent.name]
    # installed once more by each build under `mkdocs serve`: a stand-in, never one of a stand-in
    assert type(lean_convert.convert).__name__ == "_Convert"
    assert type(lean_convert.convert.lean_original).__name__ != "_Convert"


def _load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("notebook_pages_under_test",
                                                  ROOT / "hooks" / "notebook_pages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_failing_cell_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook executes stale notebooks before any page renders; a raising cell stops it."""
    hook = _load_hook()
    broken = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")], metadata={
        META_KEY: {"name": "broken", "language": "en"}})
    monkeypatch.setattr(execute, "clean_texts",
                        lambda langs: {("en", "broken"): nbformat.writes(broken)})
    monkeypatch.setattr(hook, "_cache", lambda: ExecutionCache(tmp_path))
    config = SimpleNamespace(theme={"language": "en"}, plugins={})
    with pytest.raises(PluginError, match="'broken' \\(en\\): cell 0 failed: ZeroDivisionError"):
        hook.on_config(config)
    assert not (tmp_path / "en" / "notebooks" / "broken.key").exists()
    assert not list(tmp_path.glob("all-current.*")), "a failed run must be checked again"
