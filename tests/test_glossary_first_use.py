"""The checker for "the first use of a term on a concept page links to its entry"."""

from __future__ import annotations

import re

from glossary.build import project_data
from glossary.first_use import first_uses, unlinked_first_uses

GLOSSARY = project_data().glossary


def test_linked_first_use_passes_and_later_uses_do_not_matter() -> None:
    page = (
        "Los [pesos de atención](glossary/attention-weight.md) suman 1.\n"
        "Cada peso de atención es no negativo.\n"
    )
    uses = {use.slug: use for use in first_uses(page, GLOSSARY, "es")}
    assert uses["attention-weight"].linked
    assert uses["attention-weight"].text == "pesos de atención"  # the plural counts


def test_unlinked_first_use_is_reported_with_its_line() -> None:
    page = "---\ntitle: x\n---\n\n# Atención cruzada\n\nLa atención cruzada mezcla dos series.\n"
    (use,) = [u for u in unlinked_first_uses(page, GLOSSARY, "es") if u.slug == "cross-attention"]
    assert use.line == 7  # the heading does not count as a use
    assert not use.linked


def test_a_longer_term_hides_the_shorter_one_inside_it() -> None:
    page = "La [atención cruzada](glossary/cross-attention.md) usa softmax."
    slugs = {use.slug for use in first_uses(page, GLOSSARY, "es")}
    assert "cross-attention" in slugs
    assert "attention" not in slugs  # "atención" inside "atención cruzada" is not a use
    assert "softmax" in slugs


def test_code_math_and_link_targets_are_not_prose() -> None:
    page = (
        "```python\nsoftmax(x)\n```\n\n"
        "Inline `softmax` and $\\mathrm{softmax}(z)$ and "
        "[a link](https://example.org/softmax) are not uses.\n"
    )
    assert "softmax" not in {use.slug for use in first_uses(page, GLOSSARY, "en")}


def test_link_to_another_entry_does_not_count() -> None:
    page = "The [queries](glossary/key.md) of a layer."
    (use,) = [u for u in first_uses(page, GLOSSARY, "en") if u.slug == "query"]
    assert not use.linked


def test_english_and_spanish_plurals() -> None:
    english = "The [queries](glossary/query.md) and [matrices](glossary/attention-matrix.md)."
    assert {u.slug for u in first_uses(english, GLOSSARY, "en")} >= {"query"}
    spanish = "Las [matrices de atención](glossary/attention-matrix.md) y las máscaras causales."
    uses = {u.slug: u for u in first_uses(spanish, GLOSSARY, "es")}
    assert uses["attention-matrix"].linked
    assert uses["causal-mask"].text == "máscaras causales" and not uses["causal-mask"].linked


def concept_pages() -> list[str]:
    """The Markdown pages of mkdocs.yml's nav that teach a concept: every page but the home,
    the glossary, data and references pages (a new concept page is checked once in the nav)."""
    from tests.conftest import ROOT

    nav = (ROOT / "mkdocs.yml").read_text("utf-8").split("\nnav:\n", 1)[1]
    pages = re.findall(r"^\s*-\s*(?:[^:\n]+:\s*)?([\w/-]+)\.md\s*$", nav, re.MULTILINE)
    return [page for page in pages if page not in ("index", "data", "references")
            and not page.startswith("glossary/")]


CONCEPT_PAGES = concept_pages()


def test_concept_pages_come_from_the_nav() -> None:
    assert {"attention-weights", "cross-attention", "translator"} <= set(CONCEPT_PAGES)


def test_concept_pages_link_the_first_use_of_every_term() -> None:
    from tests.conftest import ROOT

    problems = []
    for name in CONCEPT_PAGES:
        for language in ("en", "es"):
            page = ROOT / "docs" / language / f"{name}.md"
            for use in unlinked_first_uses(page.read_text("utf-8"), GLOSSARY, language):
                problems.append(f"docs/{language}/{name}.md:{use.line}: first use of "
                                f"{use.text!r} does not link to glossary/{use.slug}.md")
    assert problems == []
