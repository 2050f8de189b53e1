"""The glossary's content: size, terminology, language purity, attribution (issue 5)."""

from __future__ import annotations

import re

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


# Transcribed from ../shared/terminology.md: entry -> Spanish term -> status.
TERMINOLOGY = {
    "attention": {"atención": "preferred", "mecanismo de atención": "preferred"},
    "attention-weight": {
        "peso de atención": "preferred",
        "coeficiente de atención": "admitted",
        "ponderación de atención": "deprecated",
    },
    "attention-score": {
        "puntuación de atención": "preferred",
        "puntaje de atención": "admitted",
        "puntuación de alineamiento": "admitted",
    },
    "attention-matrix": {"matriz de atención": "preferred", "mapa de atención": "preferred"},
    "query": {"consulta": "preferred"},
    "key": {"clave": "preferred", "llave": "deprecated"},
    "value": {"valor": "preferred"},
    "self-attention": {
        "autoatención": "preferred",
        "atención propia": "admitted",
        "self-attention": "deprecated",
    },
    "cross-attention": {
        "atención cruzada": "preferred",
        "atención codificador-decodificador": "admitted",
    },
    "multi-head-attention": {
        "atención multicabeza": "preferred",
        "atención de múltiples cabezas": "admitted",
        "atención de múltiples encabezados": "deprecated",
        "atención multicabezal": "deprecated",
    },
    "attention-head": {"cabeza de atención": "preferred", "encabezado": "deprecated"},
    "scaled-dot-product-attention": {
        "atención por producto escalar escalado": "preferred",
        "atención de producto punto escalado": "admitted",
        "atención de productos punto escalados": "deprecated",
    },
    "dot-product": {"producto escalar": "preferred", "producto punto": "admitted"},
    "additive-attention": {"atención aditiva": "preferred", "atención de Bahdanau": "admitted"},
    "multiplicative-attention": {
        "atención multiplicativa": "preferred",
        "atención de Luong": "admitted",
    },
    "softmax": {
        "softmax": "preferred",
        "función softmax": "preferred",
        "función exponencial normalizada": "admitted",
    },
    "temperature": {"temperatura": "preferred"},
    "attention-mask": {"máscara": "admitted", "enmascaramiento": "admitted"},
    "causal-mask": {"máscara causal": "preferred", "máscara de anticipación": "admitted"},
    "padding": {"relleno": "preferred", "acolchado": "deprecated", "padding": "deprecated"},
    "padding-mask": {"máscara de relleno": "preferred"},
    "encoder": {"codificador": "preferred"},
    "decoder": {"decodificador": "preferred"},
    "encoder-decoder": {
        "codificador-decodificador": "preferred",
        "secuencia a secuencia": "admitted",
        "seq2seq": "admitted",
    },
    "embedding": {
        "embedding": "preferred",
        "vector de representación": "admitted",
        "incrustación": "admitted",
        "incorporación": "deprecated",
    },
    "token": {"token": "preferred"},
    "transformer": {"Transformer": "preferred", "transformador": "admitted"},
    "alignment": {"alineamiento": "preferred", "alineación": "admitted"},
    "context-vector": {"vector de contexto": "preferred"},
    "hidden-state": {"estado oculto": "preferred"},
    "attention-rollout": {"attention rollout": "preferred"},
    "image-captioning": {
        "generación de descripciones de imágenes": "preferred",
        "subtitulado de imágenes": "admitted",
    },
    "object-detection": {"detección de objetos": "preferred"},
}


@pytest.mark.parametrize("slug", sorted(TERMINOLOGY))
def test_spanish_terms_follow_the_terminology_reference(slug: str) -> None:
    statuses = {v.term: v.status for v in GLOSSARY[slug].lang("es").terms}
    for term, status in TERMINOLOGY[slug].items():
        assert statuses.get(term) == status, f"{slug}: '{term}' should be {status}"


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
}


@pytest.mark.parametrize(("slug", "key"), sorted(PRIMARY_SOURCES.items()))
def test_concepts_cite_the_paper_that_introduced_them(slug: str, key: str) -> None:
    assert GLOSSARY[slug].sources[0] == key


def test_concepts_without_a_primary_source_in_the_bibliography_cite_none() -> None:
    """No invented attribution: the bibliography has no primary source for these."""
    for slug in ("padding", "padding-mask", "softmax"):
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
