"""Context sentences are real sentences of the site, and use the entry's term (issue 17)."""

from __future__ import annotations

import pytest

from glossary.build import project_data
from glossary.contexts import context_problem, uses_term
from glossary.model import Context

GLOSSARY = project_data().glossary
CASES = [(entry, lang) for entry in GLOSSARY.entries for lang in ("en", "es")]


@pytest.mark.parametrize(("entry", "language"), CASES,
                         ids=[f"{e.slug}-{lang}" for e, lang in CASES])
def test_context_is_quoted_verbatim_from_the_section_it_names(entry, language) -> None:
    context = entry.lang(language).context
    assert context is not None, (
        f"{entry.path}: field '{language}.context': missing context sentence. Quote a sentence "
        "of this site that uses the term (site:<page>#<anchor>), or one verified word for word "
        "in a publication of references.bib; never write one for the purpose"
    )
    problem = context_problem(context, language, GLOSSARY)
    assert problem is None, f"{entry.path}: field '{language}.context': {problem}"


@pytest.mark.parametrize(("entry", "language"), CASES,
                         ids=[f"{e.slug}-{lang}" for e, lang in CASES])
def test_context_shows_the_term_in_use(entry, language) -> None:
    """The format asks for "the term in use": a sentence about the concept that never names
    it does not show a translator how the term behaves in a sentence."""
    context = entry.lang(language).context
    if context is None:
        pytest.fail(f"{entry.path}: field '{language}.context': missing (see the test above)")
    terms = [v.term for v in entry.lang(language).terms if v.status != "deprecated"]
    assert uses_term(context.text, terms), (
        f"{entry.path}: field '{language}.context': the sentence uses none of {terms}"
    )


def test_a_sentence_that_is_not_on_the_page_is_reported() -> None:
    context = Context("A heat map of attention weights is hard to misread.",
                      "site:attention-weights#reading-heat-maps")
    assert "not in 'attention-weights#reading-heat-maps' (en) as written" in str(
        context_problem(context, "en", GLOSSARY))


def test_a_missing_section_or_page_is_reported() -> None:
    context = Context("Attention.", "site:attention-weights#no-such-section")
    assert "has no section '#no-such-section'" in str(context_problem(context, "en", GLOSSARY))
    context = Context("Attention.", "site:no-such-page#top")
    assert "no page 'no-such-page'" in str(context_problem(context, "es", GLOSSARY))
