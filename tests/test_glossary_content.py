"""The glossary's content: size, terminology, language purity, attribution (issue 5)."""

from __future__ import annotations

import re
from pathlib import Path

import py3langid
import pytest

from glossary.build import project_data
from glossary.markup import INLINE_MATH, ITALIC_SPAN, linked_slugs, to_plain_text
from glossary.model import LANGUAGES, Entry

GLOSSARY = project_data().glossary
ENTRIES = GLOSSARY.entries


def texts(entry: Entry, language: str) -> dict[str, str]:
    section = entry.lang(language)
    return {"definition": section.definition, "explanation": section.explanation}


def test_at_least_forty_entries_each_in_both_languages() -> None:
    assert len(ENTRIES) >= 40
    for entry in ENTRIES:
        for language in LANGUAGES:
            section = entry.lang(language)
            assert section.headword.status == "preferred", entry.slug
            assert section.definition and section.explanation, (entry.slug, language)


STYLE_GUIDE = Path(__file__).resolve().parents[1] / "glossary" / "style-es.md"


def style_guide_variants(path: Path = STYLE_GUIDE) -> list[tuple[str, str, str]]:
    """(concept, term, status) from the "One variant per concept" table of style-es.md: each
    plain item of "Use" is preferred and of "Do not use" is deprecated. Items with a note
    (parentheses, quotes, italics) state a narrower rule that prose review applies."""
    text = path.read_text(encoding="utf-8")
    _, found, section = text.partition("## One variant per concept")
    rows = [line for line in section.split("\n\n")[1].splitlines() if line.startswith("|")]
    if not found or len(rows) < 3:
        raise ValueError(f"{path}: no 'One variant per concept' table")
    variants = []
    for row in rows[2:]:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if len(cells) != 3:
            raise ValueError(f"{path}: row has {len(cells)} cells, expected 3: {row}")
        for column, status in ((1, "preferred"), (2, "deprecated")):
            for item in cells[column].split(","):
                item = item.strip()
                if item and not re.search(r"[()«»`*“”—]", item):
                    variants.append((cells[0], item, status))
    return variants


def test_spanish_term_statuses_are_consistent_across_entries() -> None:
    """The entries are the terminology reference: one term, one status everywhere."""
    statuses: dict[str, set[tuple[str, str]]] = {}
    for entry in ENTRIES:
        for variant in entry.lang("es").terms:
            statuses.setdefault(variant.term.casefold(), set()).add((entry.slug, variant.status))
    conflicts = {term: sorted(uses) for term, uses in statuses.items()
                 if len({status for _, status in uses}) > 1}
    assert not conflicts, f"Spanish terms with different statuses: {conflicts}"


def test_entry_statuses_follow_the_spanish_style_guide() -> None:
    """A term both in glossary/style-es.md's variant table and in an entry has the status the
    table gives it (for example: clave preferred, llave deprecated)."""
    statuses = {variant.term: (entry.slug, variant.status)
                for entry in ENTRIES for variant in entry.lang("es").terms}
    checked = [(concept, term, status) for concept, term, status in style_guide_variants()
               if term in statuses]
    assert {term for _, term, _ in checked} >= {"clave", "llave", "encabezado"}
    for concept, term, status in checked:
        slug, actual = statuses[term]
        assert actual == status, (f"{slug}: '{term}' is {actual}, but glossary/style-es.md "
                                  f"({concept}) makes it {status}")


def _without_glosses(text: str) -> str:
    """Running text: (*gloss*) in parentheses and $math$ removed, links reduced to text."""
    text = re.sub(r"\[([^\]]+)\]\[[^\]]+\]", r"\1", text)
    return INLINE_MATH.sub(" ", re.sub(r"\(\*[^*()]+\*\)", " ", text))


def _contains(term: str, text: str) -> bool:
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, term.split())) + r"(?!\w)"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


def test_no_deprecated_spanish_variant_in_spanish_text() -> None:
    deprecated = {v.term for e in ENTRIES for v in e.lang("es").with_status("deprecated")}
    assert {"llave", "encabezado", "incorporación", "acolchado"} <= deprecated
    for entry in ENTRIES:
        for field, text in texts(entry, "es").items():
            prose = _without_glosses(text)
            used = [term for term in deprecated if _contains(term, prose)]
            assert not used, f"{entry.slug} es.{field} uses deprecated {used}"


def test_spanish_loanwords_are_italic() -> None:
    """*embedding* and *attention rollout* are foreign words in Spanish prose."""
    foreign = {v.term for e in ENTRIES for v in e.lang("es").terms if v.foreign}
    assert {"embedding", "attention rollout"} <= foreign
    for entry in ENTRIES:
        for field, text in texts(entry, "es").items():
            roman = ITALIC_SPAN.sub(" ", re.sub(r"\[([^\]]+)\]\[[^\]]+\]", r"\1", text))
            for term in foreign:
                assert not _contains(term, roman), f"{entry.slug} es.{field}: *{term}* in roman"


def test_spanish_text_does_not_mix_in_english_terms() -> None:
    """An English term that is not also Spanish appears only as an italic gloss."""
    spanish = {v.term.casefold() for e in ENTRIES for v in e.lang("es").terms}
    english = {v.term for e in ENTRIES for v in e.lang("en").terms} - {
        t for t in (v.term for e in ENTRIES for v in e.lang("en").terms) if t.casefold() in spanish
    }
    assert "cross-attention" in english
    for entry in ENTRIES:
        for field, text in texts(entry, "es").items():
            roman = ITALIC_SPAN.sub(" ", re.sub(r"\[([^\]]+)\]\[[^\]]+\]", r"\1", text))
            mixed = sorted(term for term in english if _contains(term, roman))
            assert not mixed, f"{entry.slug} es.{field} contains English {mixed}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_is_written_in_its_language(language: str) -> None:
    for entry in ENTRIES:
        for field, text in texts(entry, language).items():
            plain = INLINE_MATH.sub(" ", to_plain_text(ITALIC_SPAN.sub(" ", text)))
            detected, _score = py3langid.classify(plain)
            assert detected == language, f"{entry.slug} {language}.{field} reads as {detected}"


def test_spanish_explanations_link_every_related_entry() -> None:
    for entry in ENTRIES:
        for language in LANGUAGES:
            linked = set(linked_slugs(entry.lang(language).explanation))
            assert set(entry.related) <= linked, (entry.slug, language)
            assert linked <= set(GLOSSARY.by_slug), (entry.slug, language)


# Who introduced what: the attributions the glossary must get right.
PRIMARY_SOURCES = {
    "attention": "bahdanau2015align",
    "additive-attention": "bahdanau2015align",
    "context-vector": "bahdanau2015align",
    "alignment": "bahdanau2015align",
    "multiplicative-attention": "luong2015effective",
    "scaled-dot-product-attention": "vaswani2017attention",
    "multi-head-attention": "vaswani2017attention",
    "positional-encoding": "vaswani2017attention",
    "transformer": "vaswani2017attention",
    "online-softmax": "milakov2018online",
    "memory-efficient-attention": "rabe2021selfattention",
    "flashattention": "dao2022flashattention",
    "object-queries": "carion2020detr",
    "object-detection": "carion2020detr",
    "latent-array": "jaegle2021perceiver",
    "gated-cross-attention": "alayrac2022flamingo",
    "attention-rollout": "abnar2020quantifying",
    "image-captioning": "xu2015show",
    "vision-transformer": "dosovitskiy2021vit",
    # reading-attention chapter
    "attention-sink": "xiao2024streaming",
    "register-token": "darcet2024registers",
    "no-op-attention": "clark2019bert",
    "norm-based-analysis": "kobayashi2020attention",
    "attention-flow": "abnar2020quantifying",
    "sparsemax": "martins2016sparsemax",
    "entmax": "peters2019sparse",
    "hard-attention": "xu2015show",
    "recurrent-attention-model": "mnih2014recurrent",
    "pointer-network": "vinyals2015pointer",
    "induction-head": "olsson2022induction",
}


@pytest.mark.parametrize(("slug", "key"), sorted(PRIMARY_SOURCES.items()))
def test_concepts_cite_the_paper_that_introduced_them(slug: str, key: str) -> None:
    assert GLOSSARY[slug].sources[0] == key


def test_concepts_without_a_primary_source_in_the_bibliography_cite_none() -> None:
    """No invented attribution: the bibliography has no primary source for these."""
    for slug in ("padding", "padding-mask", "softmax", "teacher-forcing", "probability-simplex"):
        assert GLOSSARY[slug].sources == (), slug


def test_kv_cache_cites_a_description_not_an_inventor() -> None:
    """Shazeer (2019) describes incremental decoding with cached keys and values (expert
    review N5); the entry must not present it as the origin of the technique."""
    entry = GLOSSARY["kv-cache"]
    assert entry.sources == ("shazeer2019mqa",)
    claims = {"en": ("introduced", "invented"), "es": ("introdujo", "inventó")}
    for language, words in claims.items():
        text = entry.lang(language).explanation
        assert not any(word in text for word in words), language
