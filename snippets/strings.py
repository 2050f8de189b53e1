"""Words printed by the worked examples (``print_example``), per page language.

A Spanish page calls ``print_example(print, "es")`` and gets Spanish labels, as its figures
do. Only words are here: symbols (``T``, ``Σw``, ``d_k``), code expressions (``output[2]``,
``weights.shape``, ``chunked[2]``) and the tokens of the example sentences are data, the
same in both languages. Spanish follows glossary/style-es.md.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, dict[str, str]]] = {
    "en": {
        "softmax": {"keys": "keys:"},
        "scores": {
            "dot": "dot",
            "scaled_dot": "scaled_dot",
            "additive": "additive",
            "multiplicative": "multiplicative",
        },
        "scaling": {"max_w": "max w"},
        "masks": {"tokens": "tokens:", "padding": "padding:", "combined": "causal ∧ padding:"},
        "memory": {"full": "full MiB", "chunked": "chunked MiB", "ratio": "ratio"},
        "chunked": {
            "max_difference": "max |chunked − full|",
            "held": "scores held at once: {chunked} vs {full}",
        },
    },
    "es": {
        "softmax": {"keys": "claves:"},
        "scores": {
            "dot": "producto escalar",
            "scaled_dot": "producto escalar escalado",
            "additive": "aditiva",
            "multiplicative": "multiplicativa",
        },
        "scaling": {"max_w": "máx. w"},
        "masks": {"tokens": "tokens:", "padding": "relleno:", "combined": "causal ∧ relleno:"},
        "memory": {"full": "completa (MiB)", "chunked": "por bloques (MiB)", "ratio": "cociente"},
        "chunked": {
            "max_difference": "máx. |chunked − full|",
            "held": "puntuaciones guardadas a la vez: {chunked} frente a {full}",
        },
    },
}


def labels(example: str, lang: str) -> dict[str, str]:
    """The printed words of one worked example in ``lang``; a clear ValueError otherwise."""
    if lang not in STRINGS:
        raise ValueError(f"worked example {example!r}: no printed labels for language {lang!r} "
                         f"(available: {sorted(STRINGS)})")
    if example not in STRINGS[lang]:
        raise ValueError(f"worked example {example!r}: no printed labels in language {lang!r}")
    return STRINGS[lang][example]
