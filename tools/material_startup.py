"""Material's script starts after the first paint and restyles the page once less (a
post-processing step, after tools/postprocess.py's own).

Lighthouse's simulated mobile load counts every request that ends before the largest paint in
that paint. Deferred, Material's script (35 KB gzip) was fetched with the page, and its
download alone kept the first paragraph of the long concept pages at 1.7-1.9 s (performance
99). So each page names it on site.js's tag (``data-ag-bundle``) instead of a tag of its own,
and site.js adds it once the first frame is drawn (overrides/assets/javascripts/site.js).

Two exact substitutions in Material's script:

* Loaded after ``DOMContentLoaded``, it would wait for that event forever: it starts in the
  task after its own instead (the script's evaluation and the components' start are two
  shorter tasks rather than one long one). Added by site.js, or deferred (the writer's
  preview keeps tools/postprocess.py's deferred tag), it always runs after the page is parsed.
* Its palette marks the body ``data-md-color-switching`` (every element restyled, 10-15 ms on a
  long page here, twice: on and off) to stop transitions while the colours change; it did so also
  for the palette the page already has when it starts. Now only when the scheme changes.

Both scripts lose bytes every first view paid for and no reader uses: Material's its
``sourceMappingURL`` line (the map is still published beside it), site.js the indentation of
its lines (tools/postprocess.py has already refused template literals spanning lines, the
only place where it could be text).

Pages without Material's script (a lazy block's file) are kept. Every substitution fails the
build (MaterialStartupError, naming the file) unless it matches exactly once.
"""

from __future__ import annotations

import re
from pathlib import Path

# After tools/postprocess.py's defer_bundle: Material's tag, then site.js's (mkdocs.yml).
SCRIPTS = re.compile(r'<script src="(?P<bundle>[^"]*assets/javascripts/bundle\.[0-9a-f]{8}'
                     r'\.min\.js)" defer></script>(?P<between>\s*)<script src="(?P<site>[^"]*'
                     r'assets/javascripts/site\.js)" defer></script>')
BUNDLE_TAG = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.')
# (pattern, replacement, what it is for) in Material's minified script.
BUNDLE_PATCHES = (
    (re.compile(r'([\w$]{1,3})\(document,"DOMContentLoaded",\{once:!0\}\)'
                r'\.subscribe\(\(\)=>([\w$]{1,3})\.next\(document\)\)'),
     r"setTimeout(()=>\2.next(document))",
     "Material's DOMContentLoaded subscription (its document$)"),
    (re.compile(r'([\w$]{1,3})\.subscribe\(([\w$]{1,3})=>\{if\('
                r'document\.body\.setAttribute\("data-md-color-switching",""\),'),
     r'\1.subscribe(\2=>{if(document.body.getAttribute("data-md-color-scheme")!==\2.color.scheme'
     r'&&document.body.setAttribute("data-md-color-switching",""),',
     "Material's palette switch (data-md-color-switching)"),
    (re.compile(r"\n//# sourceMappingURL=bundle\.[0-9a-f]{8}\.min\.js\.map\n?$"), "",
     "Material's source map comment"),
)


class MaterialStartupError(ValueError):
    """A page or Material's script no longer has the markup this step expects."""


def start_from_site_js(page: str, name: str) -> str:
    """``page`` with Material's script tag folded into site.js's as ``data-ag-bundle``."""
    if not BUNDLE_TAG.search(page):
        return page
    folded, count = SCRIPTS.subn(r'\g<between><script src="\g<site>" data-ag-bundle="\g<bundle>"'
                                 r' defer></script>', page)
    if count != 1:
        raise MaterialStartupError(f"{name}: expected Material's deferred script tag followed by "
                                   f"site.js's, found {count}; review tools/material_startup.py")
    return folded


def patch_bundle(bundle: str, name: str) -> str:
    """Material's script ``bundle`` (named ``name`` in errors) with BUNDLE_PATCHES applied."""
    for pattern, replacement, what in BUNDLE_PATCHES:
        bundle, count = pattern.subn(replacement, bundle)
        if count != 1:
            raise MaterialStartupError(f"{name}: {what} changed (expected one match, found "
                                       f"{count}); review tools/material_startup.py")
    return bundle


def apply(root: Path, pages: dict[Path, str]) -> None:
    """Fold the script tags of ``pages`` (changed in place) and patch ``root``'s Material
    script (written back)."""
    for path, text in pages.items():
        pages[path] = start_from_site_js(text, str(path.relative_to(root)))
    bundles = sorted((root / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise MaterialStartupError(f"expected one Material script in {root}/assets/javascripts, "
                                   f"found {[b.name for b in bundles]}")
    bundles[0].write_text(patch_bundle(bundles[0].read_text("utf-8"), bundles[0].name), "utf-8")
    site_js = root / "assets" / "javascripts" / "site.js"
    site_js.write_text(dedent_script(site_js.read_text("utf-8")), "utf-8")


def dedent_script(script: str) -> str:
    """``script`` without the spaces that start its lines and its empty lines (run after
    tools/postprocess.py's strip_line_comments, which fails on a template literal spanning
    lines)."""
    return re.sub(r"^[ \t]+|^\n", "", script, flags=re.MULTILINE)
