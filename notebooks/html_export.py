"""mkdocs-jupyter's notebook conversion without nbconvert's BeautifulSoup pass (issue 13).

nbconvert 7's ``HTMLExporter.from_notebook_node`` renders its template, then parses the whole
output again with BeautifulSoup only to add an English alt text to images that have none and
``tabindex="0"`` to cell wrappers and outputs: half of the 0.9 s of CPU that converting a
language's four notebooks took. notebooks/page.py replaces those images (inline SVG, named
in the page language) and puts the tab stop on the <pre> that scrolls, so the pass only cost
time. The exporter also keeps its compiled templates for the process (another 0.15 s).

``install`` puts a stand-in for ``mkdocs_jupyter.convert`` where mkdocs-jupyter's plugin looks
it up. Importing nothing until a notebook has to be converted (a build whose notebooks are
all in mkdocs-jupyter's cache never imports nbconvert), its ``nb2html`` makes mkdocs-jupyter
build a ``LeanHTMLExporter`` for that call: ``HTMLExporter`` minus the pass. The build fails,
naming nbconvert or mkdocs-jupyter, if the method it copies changed or if the conversion did
not go through it; it never silently serves the other markup.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import inspect
from typing import Any

import jinja2  # MkDocs' own templates use it: already imported
from mkdocs.exceptions import PluginError

# In the name of mkdocs-jupyter's cache folder (hooks/notebook_pages.py): bump it whenever
# the HTML a conversion returns changes, so that no entry rendered before is served.
FORMAT = "lean-1"
# The packages whose versions shape that HTML, also in the folder's name (cache_folder).
SHAPING = ("mkdocs-jupyter", "nbconvert", "nbformat", "pygments", "mistune")


def cache_folder() -> str:
    """The name of mkdocs-jupyter's cache folder: mkdocs-jupyter keys an entry on the notebook
    and its own settings only, so HTML converted by another FORMAT, or by an older nbconvert
    or Pygments, would otherwise be served after an upgrade."""
    from importlib.metadata import version

    versions = " ".join(f"{name}=={version(name)}" for name in SHAPING)
    return f"{FORMAT}-{hashlib.sha256(versions.encode()).hexdigest()[:12]}"
# sha256 of the source of nbconvert 7.17.2's HTMLExporter.from_notebook_node, which
# LeanHTMLExporter.from_notebook_node copies up to the template rendering.
NBCONVERT_METHOD = "3dccafff45cc4e749766089c7de2f5385ac071e03f4f5a15bfb3b025f54893b9"


def check_nbconvert(exporter: type, template_exporter: type, version: str) -> None:
    """Fail unless ``exporter.from_notebook_node`` is the method LeanHTMLExporter copies, and
    the method it extends is there."""
    source = inspect.getsource(exporter.from_notebook_node)
    digest = hashlib.sha256(source.encode()).hexdigest()
    if digest != NBCONVERT_METHOD or exporter.__bases__ != (template_exporter,):
        raise PluginError(
            f"notebooks: nbconvert {version} changed HTMLExporter.from_notebook_node (sha256 "
            f"{digest}), which notebooks/html_export.py copies to skip its BeautifulSoup pass: "
            "compare the two, update the copy, NBCONVERT_METHOD and FORMAT, and check the "
            "notebook pages")
    if not callable(getattr(template_exporter, "_create_environment", None)):
        raise PluginError(f"notebooks: nbconvert {version}'s TemplateExporter has no "
                          "_create_environment, which notebooks/html_export.py extends")


class _Compiled(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept for the process: mkdocs-jupyter builds a new
    exporter, hence a new Jinja environment, for every notebook (0.15 s of CPU a language).
    Jinja stores a checksum of each template's source with its code."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


@functools.cache
def lean_exporter() -> type:
    """nbconvert's HTMLExporter without the BeautifulSoup pass (imports nbconvert)."""
    import nbconvert
    from nbconvert.exporters.html import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    check_nbconvert(HTMLExporter, TemplateExporter, nbconvert.__version__)
    compiled = _Compiled()

    class LeanHTMLExporter(HTMLExporter):
        conversions = 0  # counted, so that a conversion that bypassed it fails the build

        def _create_environment(self) -> Any:
            environment = super()._create_environment()
            environment.bytecode_cache = compiled  # templates compiled once per process
            return environment

        def from_notebook_node(self, nb: Any, resources: Any = None,
                               **kw: Any) -> tuple[str, dict[str, Any]]:
            # HTMLExporter.from_notebook_node (nbconvert 7.17.2) until its template renders
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight_code = self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            filter_data_type = WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources)
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", filter_data_type)
            LeanHTMLExporter.conversions += 1
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return LeanHTMLExporter


class _Convert:
    """Stands for ``mkdocs_jupyter.convert`` in mkdocs-jupyter's plugin module."""

    def __init__(self, original: Any) -> None:
        self.lean_original = original

    def __getattr__(self, name: str) -> Any:  # nb2md and the rest: mkdocs-jupyter's own
        return getattr(self.lean_original, name)

    def nb2html(self, *args: Any, **kwargs: Any) -> str:
        convert = self.lean_original.nb2html  # imports mkdocs_jupyter.convert if deferred
        module = importlib.import_module("mkdocs_jupyter.nbconvert2")
        exporter = lean_exporter()
        if vars(module).get("HTMLExporter") is not exporter.__base__:
            raise PluginError("notebooks: mkdocs_jupyter.nbconvert2 no longer imports "
                              "nbconvert's HTMLExporter, which notebooks/html_export.py "
                              "replaces to skip nbconvert's BeautifulSoup pass")
        before = exporter.conversions
        module.HTMLExporter = exporter
        try:
            html = convert(*args, **kwargs)
        finally:
            module.HTMLExporter = exporter.__base__
        if exporter.conversions != before + 1:
            raise PluginError("notebooks: mkdocs-jupyter's nb2html converted without "
                              "notebooks/html_export.py's LeanHTMLExporter (it no longer "
                              "builds mkdocs_jupyter.nbconvert2.HTMLExporter)")
        return html


def install(plugin: Any) -> None:
    """Make the mkdocs-jupyter ``plugin`` convert notebooks with LeanHTMLExporter."""
    module = importlib.import_module(type(plugin).__module__)
    # vars(), not getattr(): an attribute read would import a deferred module (tools/build.py)
    convert = vars(module).get("convert")
    original = vars(convert).get("lean_original", convert) if convert is not None else None
    if getattr(original, "__name__", None) != "mkdocs_jupyter.convert":
        raise PluginError(f"notebooks: {module.__name__} no longer converts through "
                          "mkdocs_jupyter.convert, which notebooks/html_export.py replaces "
                          "to skip nbconvert's BeautifulSoup pass")
    module.convert = _Convert(original)
