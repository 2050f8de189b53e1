"""The built site's own files: figures published as lazy images, Material's trimmed stylesheet."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import sitemap_paths
from tools.trim_css import purge, used_words

LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
FIGURE_IMG = re.compile(r'<img class="ag-figure-img" src="([^"#]+)#only-(light|dark)" alt="([^"]*)"'
                        r' width="\d+" height="\d+" loading="lazy"')


def _page(site: Path, path: str) -> Path:
    return site / path / "index.html"


def test_every_page_has_site_js_deferred_and_names_materials_script_on_it(site: Path) -> None:
    """Material's script is not a tag of its own: fetched with the page, it held back the
    first paint of long pages (tools/material_startup.py); site.js adds it after that paint."""
    for path in sitemap_paths(site):
        page = _page(site, path)
        html = page.read_text("utf-8")
        assert re.findall(r'<script src="[^"]*/bundle\.[0-9a-f]{8}\.min\.js"', html) == [], path
        tags = re.findall(r'<script src="([^"]*/site\.js)"( data-ag-bundle="([^"]+)")?'
                          r"( defer)?></script>", html)
        assert len(tags) == 1, (path, tags)
        _, named, bundle, deferred = tags[0]
        assert named and deferred, (path, tags)
        assert re.search(r"/bundle\.[0-9a-f]{8}\.min\.js$", bundle), (path, bundle)
        assert (page.parent / bundle).resolve().is_file(), f"/{path}: no {bundle}"


def test_materials_script_starts_when_added_after_the_page_is_parsed(site: Path) -> None:
    for bundle in (site / "assets" / "javascripts", site / "es" / "assets" / "javascripts"):
        [script] = bundle.glob("bundle.*.min.js")
        text = script.read_text("utf-8")
        assert 'setTimeout(()=>' in text and '"DOMContentLoaded",{once' not in text, script
        assert 'getAttribute("data-md-color-scheme")!==' in text, script


def test_every_stylesheet_a_page_links_exists(site: Path) -> None:
    """A stylesheet renamed after trimming must be renamed in every page that links it."""
    for path in sitemap_paths(site):
        html = _page(site, path).read_text("utf-8")
        links = LINK.findall(html)
        assert any(re.search(r"main\.[0-9a-f]{8}\.min\.css$", link) for link in links), path
        for link in links:
            target = (_page(site, path).parent / link).resolve()
            assert target.is_file(), f"/{path}: links a missing stylesheet {link}"
    # KaTeX's rules travel in the site's one extra stylesheet (tools/trim_css.py)
    math_page = _page(site, "es/attention-weights").read_text("utf-8")
    assert "katex.min.css" not in math_page and "assets/katex/katex" not in math_page
    [sheet] = [link for link in LINK.findall(math_page) if "/extra." in link]
    assert ".katex-display" in (_page(site, "es/attention-weights").parent / sheet).read_text()


def test_concept_page_figures_are_lazy_light_and_dark_images(site: Path) -> None:
    for lang in ("", "es/"):
        page = _page(site, f"{lang}attention-weights")
        html = page.read_text("utf-8")
        assert 'class="ag-figure-svg"' not in html, "inline figure SVG left on the page"
        images = FIGURE_IMG.findall(html)
        assert len(images) >= 8, f"/{lang}attention-weights/: {len(images)} figure images"
        schemes = [scheme for _, scheme, _ in images]
        assert schemes.count("light") == schemes.count("dark")
        for src, scheme, alt in images:
            svg = (page.parent / src).resolve()
            assert svg.is_file(), f"/{lang}attention-weights/: missing {src}"
            text = svg.read_text("utf-8")
            assert text.startswith("<svg ") and "currentColor" in text
            # the palette's text colour, set on the root: light text on dark, and vice versa
            colour = re.match(r'<svg [^>]*style="color: ([^"]+)"', text).group(1)
            assert colour.startswith("rgba(0, 0, 0" if scheme == "light" else "hsla(225")
            assert len(alt) > 40, f"{src}: alt text too short"
    # alt text in the page's language
    alts = {lang: " ".join(alt for _, _, alt in FIGURE_IMG.findall(
        _page(site, f"{lang}attention-weights").read_text("utf-8"))) for lang in ("", "es/")}
    assert "consultas" in alts["es/"] and "consultas" not in alts[""]
    assert "queries" in alts[""] and "queries" not in alts["es/"]



NOTEBOOK_IMG = re.compile(r'<img src="([^"#]+)#only-(light|dark)" alt="([^"]*)" width="\d+" '
                          r'height="\d+" loading="lazy"')


def test_notebook_figures_are_lazy_light_and_dark_images(site: Path) -> None:
    """A notebook page's figures stay out of its first view, as a concept page's do."""
    for lang, word in (("", "Figure"), ("es/", "Figura")):
        page = _page(site, f"{lang}notebooks/translator")
        html = page.read_text("utf-8")
        assert "<svg role=\"img\"" not in html, f"/{lang}notebooks/translator/: inline figure"
        images = NOTEBOOK_IMG.findall(html)
        assert len(images) >= 6 and len(images) == 2 * html.count('<div class="ag-nb-svg"')
        for src, scheme, alt in images:
            text = (page.parent / src).resolve().read_text("utf-8")
            assert text.startswith("<svg ") and "currentColor" in text, src
            colour = re.match(r'<svg [^>]*style="color: ([^"]+)"', text).group(1)
            assert colour.startswith("rgba(0, 0, 0" if scheme == "light" else "hsla(225"), src
            assert alt.startswith(word), f"/{lang}notebooks/translator/: alt {alt!r}"

def test_search_results_show_math_as_tex_not_flattened_markup(site: Path) -> None:
    """KaTeX renders after indexing: a result reads "score \\(s_{ij}\\)", not "sijs_{ij}sij"."""
    for lang in ("", "es/"):
        docs = json.loads((site / lang / "search" / "search_index.json").read_text("utf-8"))["docs"]
        text = " ".join(doc["text"] for doc in docs if doc["location"].startswith(
            "attention-weights/"))
        assert "\\(s_{ij}\\)" in text, f"/{lang}: no TeX in the search index"
        assert "katex" not in text and "s_{ij}sij" not in text, f"/{lang}: KaTeX markup indexed"


# --- the stylesheet trimmer (tools/trim_css.py) ----------------------------------------

CSS = (
    ":root{--used-icon:url(\"data:image/svg+xml;charset=utf-8,<svg x='1'/>\");"
    "--unused-icon:url(\"data:a;b\");--chain:var(--used-icon)}"
    ".md-used{color:red}.md-unused{color:blue}.md-used .md-unused,.md-used>p{margin:0}"
    "a:not(.md-unused){text-decoration:none}body{margin:0}[data-x=y]{top:0}"
    "@media screen{.md-unused{left:0}.md-used{left:1px}}@media print{.md-unused{top:1px}}"
    "@keyframes pulse{0%{opacity:1}}"
    ".md-used:is(.md-unused,.md-also){right:0}"
    ".md-icon:after{mask-image:var(--chain)}"
)


def test_trimmer_keeps_what_is_used_and_drops_the_rest() -> None:
    used = used_words(['<p class="md-used md-icon">x</p>'], ["el.classList.add('md-also')"])
    out = purge(CSS, used)
    assert ".md-unused{color:blue}" not in out and "@media print" not in out
    assert ".md-used{color:red}" in out and ".md-used>p{margin:0}" in out
    assert ".md-used .md-unused" not in out  # only the unused half of the selector list goes
    assert "a:not(.md-unused){text-decoration:none}" in out  # a negation uses nothing
    assert "body{margin:0}" in out and "[data-x=y]{top:0}" in out
    assert "@media screen{.md-used{left:1px}}" in out and "@keyframes pulse" in out
    assert ".md-used:is(.md-unused,.md-also){right:0}" in out
    # custom properties: read ones stay (through a chain of var()), unread ones go
    assert "--chain:var(--used-icon)" in out and "--used-icon:url(" in out
    assert "--unused-icon" not in out


def test_trimmer_counts_classes_added_by_scripts() -> None:
    rule = ".md-search-result__more{color:red}"
    assert purge(rule, used_words([], ["x='md-search-result__more'"])) == rule
    assert purge(".md-search-result__more{color:red}", used_words([], [])) == ""


def test_figure_colours_are_the_palettes_text_colours(site: Path) -> None:
    """The <img> figures cannot inherit currentColor: hooks/figures.py hard-codes each
    palette's text colour, which must stay the one Material's stylesheets define."""
    from hooks.figures import SCHEMES

    css = "".join(p.read_text("utf-8") for p in (site / "assets" / "stylesheets").glob("*.css"))
    hue = re.search(r"--md-hue:(\d+)deg", css).group(1)
    dark = re.search(r"slate\]\{[^}]*?--md-default-fg-color:([^;}]+)", css).group(1)
    light = re.search(r"\[data-md-color-scheme=default\]\{[^}]*?--md-default-fg-color:([^;}]+)",
                      css).group(1)
    normal = lambda colour: re.sub(r"\s|deg", "", colour)  # noqa: E731
    assert normal(SCHEMES["dark"]) == normal(dark.replace("var(--md-hue)", hue))
    assert light == "#000000de" and normal(SCHEMES["light"]) == "rgba(0,0,0,0.87)"  # de = .87


def test_no_diagram_image_is_committed() -> None:
    """Figures are drawn from snippets at build time; only the favicon is a committed image."""
    import subprocess

    files = subprocess.run(["git", "ls-files"], cwd=Path(__file__).parent.parent,
                           capture_output=True, text=True, check=True).stdout.split()
    images = [f for f in files if re.search(r"\.(png|jpe?g|gif|svg|webp|pdf)$", f, re.I)]
    assert images == ["overrides/assets/favicon.svg"], images


def test_unwrapped_code_names_look_the_same(site: Path) -> None:
    """tools/postprocess.py unwraps Pygments' name tokens (<span class="n">): only right while
    Material draws names in the code's own colour, in both palettes."""
    css = "".join(p.read_text("utf-8") for p in (site / "assets" / "stylesheets").glob("*.css"))
    values = set(re.findall(r"--md-code-hl-name-color:([^;}]+)", css))
    assert values == {"var(--md-code-fg-color)"}, values
    page = (site / "attention-weights" / "index.html").read_text("utf-8")
    assert '<span class="p">' in page, "no highlighted code on the page"
    assert '<span class="n">' not in page and '<span class="w">' not in page
