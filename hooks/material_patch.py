"""Four surgical fixes to Material's built JavaScript, each one exact substitution.

1. Language selector. Material's bundle reads every ``<link rel=alternate>`` in the head and
   downloads ``sitemap.xml`` next to it, expecting language *roots* (mkdocs-material#6582).
   We publish correct per-page ``hreflang`` links, which would make it request
   ``/some/page/sitemap.xml`` (a 404 and a console error on every page) and then hijack the
   selector click. Our selector links already lead to the same page in the other language,
   so we narrow that query to an attribute no element has.

2. Search index on demand. Material downloads the whole search index (the largest file a
   page view would fetch) as soon as any page opens, except on file:// where it waits until
   the reader opens the search. We make every page wait: the index loads on the first
   focus of the search box, and readers who never search never pay for it.

3. Search worker on demand. Material starts its search worker (12 KB) with every page; with
   the index now loaded on first use, the worker is only needed then. The bundle calls
   ``window.agLazyWorker(url)`` (defined inline in overrides/main.html, before the bundle) in
   place of ``new Worker(url)``: a stand-in that starts the real worker at the first message.

4. Search stemming. The search worker appends ``*`` to every query term for
   search-as-you-type, and lunr skips the stemmer for terms with a wildcard: "consultas"
   would never find "consulta", nor "atencion" find "atención" (the Spanish stemmer folds
   accents). We send each term twice, ``term term*``: stemmed *or* as a prefix.

If a Material update changes this code, the build fails here with a message instead of
silently regressing; tests/test_site.py and tests/test_browser.py check the behaviour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


@dataclass(frozen=True)
class Patch:
    glob: str
    pattern: re.Pattern[str]
    replacement: str
    purpose: str


PATCHES = (
    Patch(
        "javascripts/bundle.*.min.js",
        re.compile(r'(\b\w{1,3})\("link\[rel=alternate\]"\)'),
        r'\1("link[rel=alternate][data-md-language-root]")',
        "language selector must not fetch per-page sitemaps",
    ),
    Patch(
        "javascripts/bundle.*.min.js",
        re.compile(r'([\w$]{1,3})\(location\.protocol!=="file:"\),([\w$]{1,3})\("search"\)'),
        r'\1(!1),\2("search")',
        "the search index must load when search is first opened, not with every page",
    ),
    Patch(
        "javascripts/bundle.*.min.js",
        re.compile(r"\(([\w$]{1,3}),([\w$]{1,3})=new Worker\(\1\)\)"),
        r"(\1,\2=window.agLazyWorker(\1))",
        "the search worker must start when search is first used, not with every page",
    ),
    Patch(
        "javascripts/workers/search.*.min.js",
        re.compile(r"\?(\w{1,3}):`\$\{\1\}\*`"),
        r"?\1:`${\1} ${\1}*`",
        "query terms must also be searched stemmed, not only as prefixes",
    ),
)


def apply(patch: Patch, text: str, name: str) -> str:
    """Return ``text`` patched; fail unless the pattern matches exactly once."""
    patched, count = patch.pattern.subn(patch.replacement, text)
    if count != 1:
        raise PluginError(
            f"hooks/material_patch.py: {patch.purpose}: expected one match in {name}, "
            f"found {count}. Material's code changed; review this patch."
        )
    return patched


def on_post_build(config: MkDocsConfig) -> None:
    assets = Path(config.site_dir) / "assets"
    for patch in PATCHES:
        targets = sorted(assets.glob(patch.glob))
        if len(targets) != 1:
            raise PluginError(f"hooks/material_patch.py: expected one {patch.glob} in {assets}")
        target = targets[0]
        target.write_text(apply(patch, target.read_text("utf-8"), target.name), "utf-8")
