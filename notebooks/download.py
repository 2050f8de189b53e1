"""The notebook a reader takes away: its file name and its text, for both ways of getting it.

The download button of a notebook page and JupyterLite ("Run in your browser") hand out the
same file under the same name: a slug of the notebook's title in the page's language
("pesos-de-atencion-desde-cero.ipynb"), so a Spanish reader never gets an English name.

The committed ``notebooks/<lang>/<name>.ipynb`` and the executed copy that a page renders
carry no address: the site's address is known only at build time (``SITE_URL``). The copy
handed out adds, under the title of its first cell, a link back to its page on the site and
the licence and attribution line.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from notebooks.cells import LANGS, Markdown, NotebookSource
from notebooks.generate import all_sources, build, serialise
from ui import strings

_TITLE = re.compile(r"#\s+(.+)")
# "This notebook is part of ... its page is <{page}>. Text CC BY 4.0, ..." (ui/<lang>.yml)
HEADER = {lang: strings(lang, "notebook")["download_header"] for lang in LANGS}


def slug(text: str) -> str:
    """Lowercase ASCII words joined by '-': "Pesos de atención" -> "pesos-de-atencion"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def title(source: NotebookSource, lang: str) -> str:
    """The '# title' that opens the notebook's first cell, in ``lang``."""
    first = source.cells[0] if source.cells else None
    found = _TITLE.match(first.text(lang)) if isinstance(first, Markdown) else None
    if found is None:
        raise ValueError(f"notebook {source.name!r} ({lang}): its first cell must be Markdown "
                         "that starts with a '# title'")
    return found.group(1).strip()


def file_name(source: NotebookSource, lang: str) -> str:
    """The file name a reader gets in ``lang``, from the title in that language."""
    return f"{slug(title(source, lang))}.ipynb"


def file_names(sources: list[NotebookSource]) -> dict[tuple[str, str], str]:
    """(lang, notebook) -> its file name; two notebooks sharing one is a ValueError."""
    names = {(lang, source.name): file_name(source, lang)
             for source in sources for lang in LANGS}
    if len(set(names.values())) != len(names):
        raise ValueError(f"two notebooks would share a file name: {names}")
    return names


def page_url(site_root: str, lang: str, name: str) -> str:
    """The absolute URL of the notebook's page: English at the root, others under <lang>/
    (mkdocs.yml, extra.languages)."""
    prefix = "" if lang == LANGS[0] else f"{lang}/"
    return f"{site_root.rstrip('/')}/{prefix}notebooks/{name}/"


def text(source: NotebookSource, lang: str, site_root: str) -> str:
    """The notebook as handed out: the generated one with the header under its title."""
    nb = build(source, lang)
    heading, _, rest = nb.cells[0].source.partition("\n")
    header = HEADER[lang].format(page=page_url(site_root, lang, source.name))
    nb.cells[0].source = f"{heading}\n\n{header}\n{rest}"
    return serialise(nb)


@functools.cache  # per build: `make live` imports this module anew for each (hooks/live.py)
def texts(site_root: str) -> dict[tuple[str, str], str]:
    """(lang, notebook) -> ``text`` of every notebook: the pages' download buttons and
    JupyterLite (tools/runtime_site.py) hand out the same files, generated once."""
    return {(lang, source.name): text(source, lang, site_root)
            for source in all_sources() for lang in LANGS}
