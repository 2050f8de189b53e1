"""Citations and the References page (hooks/citations.py, glossary/references.py,
references.bib, docs/*/)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import markdown as md
import pytest
from lxml import html as lxml_html
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from pybtex.database import parse_file, parse_string

from glossary import references
from glossary.references import render_bibliography
from hooks import citations

ROOT = Path(__file__).resolve().parent.parent
BIB = ROOT / "references.bib"
LANGS = ("en", "es")
PAGES = sorted((ROOT / "docs").glob("*/**/*.md"))


def sources() -> dict[str, references.Reference]:
    return references.load_references(BIB)


def cited_keys(markdown: str) -> list[str]:
    """Every key inside [@...] groups of a page (code included: it must resolve too)."""
    return [key for group in citations.CITATION_RE.findall(markdown)
            for key in re.findall(r"@([^\s;\]]+)", group)]


def fake_hook_call(markdown: str, page_path: str, lang: str, config_dir: Path = ROOT) -> str:
    page = SimpleNamespace(file=SimpleNamespace(src_uri=page_path))
    config = SimpleNamespace(theme={"language": lang},
                             config_file_path=str(config_dir / "mkdocs.yml"))
    return citations.on_page_markdown(markdown, page, config, files=None)


# --- the bibliography file -------------------------------------------------------------------

def test_every_bib_entry_has_doi_or_arxiv_id() -> None:
    data = parse_file(str(BIB), bib_format="bibtex")  # read independently of the hook
    assert len(data.entries) >= 10
    lacking = [key for key, entry in data.entries.items()
               if not entry.fields.get("doi") and not entry.fields.get("eprint")]
    assert lacking == []
    for key, entry in data.entries.items():
        if entry.fields.get("eprint"):
            assert re.fullmatch(r"\d{4}\.\d{4,5}", entry.fields["eprint"]), key
        if entry.fields.get("doi"):
            assert entry.fields["doi"].startswith("10."), key


def test_entry_without_doi_or_arxiv_id_is_rejected(tmp_path: Path) -> None:
    bib = tmp_path / "references.bib"
    bib.write_text("@misc{nolink2020, author = {Doe, Jane}, title = {T}, year = {2020}}\n")
    with pytest.raises(ValueError, match=r"references\.bib: entry 'nolink2020' has neither"):
        references.load_references(bib)


def test_entry_without_author_is_rejected(tmp_path: Path) -> None:
    bib = tmp_path / "references.bib"
    bib.write_text("@misc{anon2020, title = {T}, year = {2020}, eprint = {2001.00001}}\n")
    with pytest.raises(ValueError, match=r"entry 'anon2020' has no author"):
        references.load_references(bib)


def test_latex_is_decoded_to_unicode() -> None:
    vaswani = sources()["vaswani2017attention"]
    assert vaswani.authors[6].last == "Kaiser" and vaswani.authors[6].initials == "Ł."
    assert sources()["dao2022flashattention"].title.startswith("FlashAttention: Fast")
    assert sources()["luong2015effective"].pages == "1412–1421"


# --- in-text citations -----------------------------------------------------------------------

@pytest.mark.parametrize(("key", "lang", "label"), [
    ("vaswani2017attention", "en", "Vaswani et al., 2017"),
    ("vaswani2017attention", "es", "Vaswani et al., 2017"),
    ("jain2019attention", "en", "Jain and Wallace, 2019"),
    ("jain2019attention", "es", "Jain y Wallace, 2019"),
    ("graves2013generating", "en", "Graves, 2013"),
])
def test_citation_labels(key: str, lang: str, label: str) -> None:
    assert references.citation_labels(sources(), lang)[key] == label


def test_spanish_y_becomes_e_before_an_i_sound() -> None:
    two = references.Reference("k", "misc", (references.Author("Jain", "S."),
                                         references.Author("Ibáñez", "A.")),
                           False, "2020", "T", "", "", "", "", "", "2001.00001")
    assert references.short_author(two, "es") == "Jain e Ibáñez"
    assert references.short_author(two, "en") == "Jain and Ibáñez"


def test_same_author_and_year_get_letter_suffixes() -> None:
    base = sources()["graves2013generating"]
    twin = references.Reference(**{**base.__dict__, "key": "graves2013other", "title": "Zzz"})
    labels = references.citation_labels({base.key: base, twin.key: twin}, "en")
    assert labels == {"graves2013generating": "Graves, 2013a", "graves2013other": "Graves, 2013b"}


def test_citations_become_relative_links_to_the_references_page() -> None:
    text = ("As shown [@jain2019attention; @wiegreffe2019attention], "
            "and by Bahdanau [-@bahdanau2015align].")
    out = citations.replace_citations(text, sources(), "es", "glossary/attention-weight.md")
    assert out == (
        "As shown ([Jain y Wallace, 2019](../references.md#jain2019attention); "
        "[Wiegreffe y Pinter, 2019](../references.md#wiegreffe2019attention)), "
        "and by Bahdanau ([2015](../references.md#bahdanau2015align)).")


def test_code_is_left_alone() -> None:
    text = "Write `[@nokey]` in a page.\n\n```markdown\nSee [@nokey].\n```\n"
    assert citations.replace_citations(text, sources(), "en", "index.md") == text


def test_unknown_key_fails_the_build_naming_page_and_key() -> None:
    with pytest.raises(PluginError, match=r"cross-attention\.md \(es\).*'vaswani2071'"):
        fake_hook_call("Texto [@vaswani2017attention; @vaswani2071].", "cross-attention.md", "es")


def test_malformed_citation_fails_the_build() -> None:
    with pytest.raises(PluginError, match=r"index\.md \(en\): malformed citation"):
        fake_hook_call("Text [@jain2019attention, @wiegreffe2019attention].", "index.md", "en")


def test_references_page_without_marker_fails() -> None:
    with pytest.raises(PluginError, match="bibliography"):
        fake_hook_call("# References\n", "references.md", "en")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT / "docs")))
def test_every_key_cited_in_the_docs_exists(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    unknown = sorted(set(cited_keys(text)) - set(sources()))
    assert unknown == [], f"{page}: unknown citation keys {unknown}"
    lang = page.relative_to(ROOT / "docs").parts[0]
    src_uri = page.relative_to(ROOT / "docs" / lang).as_posix()
    if src_uri != citations.REFERENCES_PAGE:
        fake_hook_call(text, src_uri, lang)  # also rejects malformed citations


# --- the References page ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_references_page_lists_every_entry_with_its_anchor(lang: str) -> None:
    source = (ROOT / "docs" / lang / "references.md").read_text(encoding="utf-8")
    assert citations.BIBLIOGRAPHY_MARKER in source
    markdown = fake_hook_call(source, "references.md", lang)
    tree = lxml_html.fromstring(md.markdown(markdown, extensions=["attr_list"]))
    items = {li.get("id"): li for li in tree.iter("li")}
    data = parse_file(str(BIB), bib_format="bibtex")
    assert set(items) == set(data.entries)
    for key, entry in data.entries.items():
        links = {a.get("href") for a in items[key].iter("a")}
        if entry.fields.get("eprint"):
            assert f"https://arxiv.org/abs/{entry.fields['eprint']}" in links
        if entry.fields.get("doi"):
            assert f"https://doi.org/{entry.fields['doi']}" in links
        assert entry.fields["year"] in items[key].text_content()
    order = [references.collation_key(li.text_content()) for li in tree.iter("li")]
    assert order == sorted(order)  # sorted by author
    in_word = {"en": "In", "es": "En"}[lang]
    assert f"{in_word} " in items["vaswani2017attention"].text_content()


def _mini_site(tmp_path: Path, body: str) -> Path:
    """A two-page MkDocs project using the real hook and bibliography; returns its config."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "references.md").write_text(f"# References\n\n{citations.BIBLIOGRAPHY_MARKER}\n")
    (docs / "index.md").write_text(f"# Home\n\n{body}\n")
    shutil.copy(BIB, tmp_path / "references.bib")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: t\nstrict: true\ntheme: {name: mkdocs, language: en}\n"
        f"hooks: [{ROOT / 'hooks' / 'citations.py'}]\n"
        "markdown_extensions: [attr_list]\n"
        "validation: {links: {not_found: warn, anchors: warn}}\n"
    )
    return config


def test_citation_links_pass_strict_anchor_validation(tmp_path: Path) -> None:
    every_key = "; ".join(f"@{key}" for key in sorted(sources()))
    config = _mini_site(tmp_path, f"All sources [{every_key}].")
    build(load_config(str(config), site_dir=str(tmp_path / "site")))
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert page.count('href="references/#') == len(sources())


def test_strict_validation_rejects_a_missing_anchor(tmp_path: Path) -> None:
    # The control for the test above: the same build does check anchors.
    config = _mini_site(tmp_path, "Broken [link](references.md#no-such-entry).")
    with pytest.raises(Abort):
        build(load_config(str(config), site_dir=str(tmp_path / "site")))


# --- one bibliography, Spanish citations in Spanish (issue 12) ------------------------------

def test_glossary_pages_and_references_page_print_a_reference_the_same_way() -> None:
    """One formatter: an entry's sources read exactly as on the References page, in each
    language, and LaTeX braces survive inside math."""
    from glossary.build import pages, project_data
    from glossary.site import Site

    site = Site("https://example.org/", {"en": "", "es": "es/"}, "https://github.com/o/r", "0")
    data = project_data()
    for lang in LANGS:
        listed = render_bibliography(sources(), lang)
        page = pages(data, site, lang)["glossary/attention-weight.md"]
        for key in data.glossary["attention-weight"].sources:
            assert f"- {sources()[key].markdown(lang)}\n" in page
            assert f"- {sources()[key].markdown(lang)}\n  {{ #{key} }}" in listed
    assert references.decode_latex(r"{$\mathcal{O}(n^{10})$} in {BERT}") == \
        r"$\mathcal{O}(n^{10})$ in BERT"


def _spanish_author_problems(text: str, where: str) -> list[str]:
    """A Spanish citation names the group author in Spanish and joins authors with «y»."""
    problems = []
    if "Attention Glossary contributors" in text:
        problems.append(f"{where}: English group author in a Spanish citation")
    if re.search(r"\w\.,? & \w", text):
        problems.append(f"{where}: «&» between authors in a Spanish citation")
    return problems


def test_spanish_build_cites_in_spanish(site: Path) -> None:
    """Pages, meta tags and exports of the Spanish site: «Colaboradores del Glosario de
    atención», «y» between the last two authors (the English site keeps "&")."""
    es = site / "es"
    entry = (es / "glossary" / "attention-weight" / "index.html").read_text("utf-8")
    refs = (es / "references" / "index.html").read_text("utf-8")
    problems = _spanish_author_problems(entry, "es/glossary/attention-weight/")
    problems += _spanish_author_problems(refs, "es/references/")
    assert '<meta name="citation_author" content="Colaboradores del Glosario de atención">' \
        in entry
    assert "Bahdanau, D., Cho, K. y Bengio, Y." in entry
    assert "Bahdanau, D., Cho, K. y Bengio, Y." in refs
    bib = parse_string((es / "glossary" / "glossary.bib").read_text("utf-8"), "bibtex")
    for key, record in bib.entries.items():
        if key.endswith(":es"):
            assert record.persons["author"][0].last_names == [
                "{Colaboradores del Glosario de atención}"], key
    assert problems == [], "\n".join(problems)
    english = (site / "glossary" / "attention-weight" / "index.html").read_text("utf-8")
    assert "Bahdanau, D., Cho, K., &amp; Bengio, Y." in english
