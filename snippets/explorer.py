"""The live attention explorer: build-time data and HTML (issues 7 and 8).

The browser script ``overrides/assets/javascripts/explorer.js`` turns each block made here
into an interactive figure: query and key tokens, a heat map and a bipartite view of the
weights, and controls (temperature, 1/√d_k scaling, masks) that recompute the weights
live. The queries and keys it works on are computed here, with numpy, by the same toy
models as the static figures, or read from the trained translator; ``numpy_weights`` is the
reference the browser must match.

Public API
----------
``render_explorer(kind, lang, fallback=True) -> str``
    kind "self" (self-attention over "the cat sat on the mat"), "cross" (Spanish
    queries over an English source padded with two ``<pad>`` keys) or "learned" (the
    trained translator's cross-attention on its example phrase, one head at a time, with
    a head selector); lang "en" or "es".
    One HTML block: ``<div class="ag-explorer">`` holding the static figure (what a reader
    without JavaScript sees; the script hides it) and the data as
    ``<script type="application/json">``. ``fallback=False`` leaves the figure out, for a
    page that already shows it elsewhere (a figure rendered twice would repeat its ids).
``explorer_data(kind) -> ExplorerData``
    Tokens, q (H, m, d_k), k (H, n, d_k) (H = 1 except for "learned") and the boolean
    masks (m, n), True = may attend.
``numpy_weights(kind, settings) -> ndarray (m, n)``
    The weights for one setting of the controls, computed by the snippet library.
``reference_settings(kind) -> list[Settings]``
    Settings (temperature, scaling, masks, head) on which the browser is checked against numpy.
``TEMPERATURES``: the stops of the temperature slider.

Use from a page with markdown-exec (use "es" on the Spanish page)::

    ```python exec="on" html="on"
    from snippets.explorer import render_explorer
    print(render_explorer("self", "en"))
    ```
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from snippets import cross_attention as cross
from snippets import toy_embedding
from snippets.figures import render
from snippets.figures._cache import kept
from snippets.masks import PAD, causal_mask, padding_mask_from_tokens
from snippets.scores import dot_scores, scaled_dot_scores
from snippets.softmax import masked_softmax
from snippets.toy_data import SENTENCE, embed, projection
from snippets.translator import plots as translator_plots
from snippets.translator.checkpoint import load as load_translator
from snippets.translator.model import Batch, decode, encode
from snippets.translator.train import example_pair

KINDS = ("self", "cross", "learned", "typed")
LANGUAGES = ("en", "es")
# Slider stops: exact, round values, so what the reader sees is what is computed.
TEMPERATURES: tuple[float, ...] = (0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0)
SOURCE_PADDING = 2  # <pad> keys appended to the English source in the cross example
# The sentence the "typed" explorer (the home page's) starts from, per page language.
TYPED_DEFAULTS = {"en": "the cat sat on the mat", "es": "el gato se sentó en la alfombra"}

# Every word of the explorer's interface, per page language. Tokens are data, never translated.
UI_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "label": "Attention explorer",
        "controls": "Settings",
        "temperature": "Temperature T",
        "scaled": "Divide the scores by √dₖ (dₖ = {d})",
        "mask.causal": "Causal mask: no query attends to a later key",
        "mask.padding": "Padding mask: no query attends to a <pad> key",
        "self.queries": "Queries (choose one)",
        "self.keys": "Keys: weights of the chosen query",
        "cross.queries": "Spanish queries (choose one)",
        "cross.keys": "English keys: weights of the chosen query",
        "learned.queries": "Spanish queries, by the word they produce (choose one)",
        "learned.keys": "English keys: weights of the chosen query",
        "head": "Attention head",
        "help": "Point at a query to preview its row; click it or use the arrow keys to "
                "choose it.",
        "reset": "Reset",
        "scale": "weight",
        "typed.self": "Your sentence (up to {max} words and signs)",
        "typed.queries": "Sentence that asks: the queries",
        "typed.keys": "Sentence that is read: the keys",
        "typed.apply": "Show its weights",
        "typed.error": "Each sentence needs 1 to {max} words and punctuation signs.",
        "typed.caption": "Weights of the sentence you typed, from the toy spelling embedding: "
                         "each token's vector is built from its letter trigrams, so tokens "
                         "spelled alike attend to each other (queries and keys are these "
                         "vectors, dₖ = {d}). Nothing here is learned.",
        "typed.label": "Self-attention over your own sentence",
        "heatmap": "Heat map: one row per query, one column per key",
        "lines": "Lines from queries to keys, as thick as the weight",
        "status": "Query “{query}”: the largest weight, {weight}, goes to the key “{key}”.",
        "table.summary": "Current weights as a table",
        "table.caption": "Attention weights with the current settings: rows are queries, "
                         "columns are keys",
        "query_key": "query \\ key",
        "self.caption": "Live version of the figure: the queries and keys of the toy "
                        "self-attention layer (random vectors, dₖ = {d}), with weights "
                        "recomputed in your browser whenever a setting changes.",
        "cross.caption": "Live version of the figure: the English source is padded with "
                         "{pad} <pad> tokens, as in a batch with a longer sentence; the "
                         "padding mask keeps them out. The weights are recomputed in your "
                         "browser whenever a setting changes.",
        "learned.caption": "The trained translator's cross-attention on the example phrase, "
                           "one head at a time ({heads} heads, dₖ = {d}): the decoder's query "
                           "vector for each Spanish word, with the reference translation fed "
                           "to the decoder, against the encoder's key vectors of the English "
                           "words. With the scores divided by √dₖ and T = 1, the weights are "
                           "exactly the model's; the static figure averages the heads. Your "
                           "browser recomputes the weights whenever a setting changes.",
    },
    "es": {
        "label": "Explorador de atención",
        "controls": "Ajustes",
        "temperature": "Temperatura T",
        "scaled": "Dividir las puntuaciones entre √dₖ (dₖ = {d})",
        "mask.causal": "Máscara causal: ninguna consulta atiende a una clave posterior",
        "mask.padding": "Máscara de relleno: ninguna consulta atiende a una clave <pad>",
        "self.queries": "Consultas (elija una)",
        "self.keys": "Claves: pesos de la consulta elegida",
        "cross.queries": "Consultas en español (elija una)",
        "cross.keys": "Claves en inglés: pesos de la consulta elegida",
        "learned.queries": "Consultas en español, según la palabra que producen (elija una)",
        "learned.keys": "Claves en inglés: pesos de la consulta elegida",
        "head": "Cabeza de atención",
        "help": "Pase el puntero sobre una consulta para ver su fila; haga clic en ella o pulse "
                "las flechas para elegirla.",
        "reset": "Restablecer",
        "scale": "peso",
        "typed.self": "Su oración (hasta {max} palabras y signos)",
        "typed.queries": "Oración que pregunta: las consultas",
        "typed.keys": "Oración que se lee: las claves",
        "typed.apply": "Ver sus pesos",
        "typed.error": "Cada oración debe tener entre 1 y {max} palabras y signos de puntuación.",
        "typed.caption": "Pesos de la oración que usted escribió, según una representación "
                         "vectorial de juguete basada en la ortografía: el vector de cada "
                         "token se construye con sus trigramas de letras, de modo que los "
                         "tokens que se escriben de forma parecida se atienden entre sí (las "
                         "consultas y las claves son esos vectores, dₖ = {d}). Aquí nada se "
                         "aprende.",
        "typed.label": "Autoatención sobre su propia oración",
        "heatmap": "Mapa de calor: una fila por consulta, una columna por clave",
        "lines": "Líneas de las consultas a las claves, tan gruesas como el peso",
        "status": "Consulta «{query}»: el mayor peso, {weight}, corresponde a la clave «{key}».",
        "table.summary": "Pesos actuales en forma de tabla",
        "table.caption": "Pesos de atención con los ajustes actuales: las filas son consultas "
                         "y las columnas, claves",
        "query_key": "consulta \\ clave",
        "self.caption": "Versión interactiva de la figura: las consultas y claves de la capa "
                        "de autoatención ilustrativa (vectores aleatorios, dₖ = {d}), con pesos "
                        "que su navegador recalcula cada vez que cambia un ajuste.",
        "cross.caption": "Versión interactiva de la figura: la oración de origen en inglés se "
                         "rellena con {pad} tokens <pad>, como en un lote con una oración más "
                         "larga; la máscara de relleno los excluye. Su navegador recalcula los "
                         "pesos cada vez que cambia un ajuste.",
        "learned.caption": "La atención cruzada del traductor entrenado sobre la frase de "
                           "ejemplo, cabeza por cabeza ({heads} cabezas, dₖ = {d}): el vector "
                           "de consulta del decodificador para cada palabra en español, con la "
                           "traducción de referencia como entrada del decodificador, frente a "
                           "los vectores de clave que el codificador da a las palabras en "
                           "inglés. Con las puntuaciones divididas entre √dₖ y T = 1, los pesos "
                           "son exactamente los del modelo; la figura estática promedia las "
                           "cabezas. Su navegador recalcula los pesos cada vez que cambia un "
                           "ajuste.",
    },
}


@dataclass(frozen=True)
class ExplorerData:
    """What the browser needs: m query tokens, n key tokens, q (H, m, d_k), k (H, n, d_k).

    H is the number of heads the reader can choose from (1 for the toy kinds).
    """

    kind: str
    figure: str  # the static figure shown without JavaScript
    queries: tuple[str, ...]
    keys: tuple[str, ...]
    q: np.ndarray  # (H, m, d_k)
    k: np.ndarray  # (H, n, d_k)
    masks: dict[str, np.ndarray]  # name -> (m, n) bool, True = may attend
    default_masks: tuple[str, ...]  # masks switched on when the page opens


@dataclass(frozen=True)
class Settings:
    """One position of the controls."""

    temperature: float = 1.0
    scaled: bool = True
    masks: tuple[str, ...] = ()
    head: int = 0  # index into the first axis of q and k


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown explorer kind {kind!r}; expected one of {KINDS}")
    return kind


def _self_data() -> ExplorerData:
    # The same queries and keys as snippets.attention.example() (the heat-map figure).
    d = 4
    x = embed(SENTENCE, d)
    q, k = (x @ projection(name, d, d) for name in ("w_q", "w_k"))
    masks = {"causal": causal_mask(len(SENTENCE))}
    return ExplorerData("self", "attention-heatmap", SENTENCE, SENTENCE, q[None], k[None],
                        masks, ())


def _cross_data() -> ExplorerData:
    # The states of snippets.cross_attention.example() (identity projections), with the
    # source padded as in a batch: each <pad> key gets the toy embedding of the word "<pad>".
    concepts = tuple(dict.fromkeys(cross.SOURCE_EN))
    source = cross.toy_states(cross.SOURCE_EN, concepts)
    target = cross.toy_states(cross.TARGET_ES, concepts)
    pads = embed((PAD,) * SOURCE_PADDING, source.shape[1])
    keys = (*cross.SOURCE_EN, *(PAD,) * SOURCE_PADDING)
    m = len(cross.TARGET_ES)
    padding = np.broadcast_to(padding_mask_from_tokens([keys])[0], (m, len(keys)))
    return ExplorerData("cross", "cross-attention", cross.TARGET_ES, keys, target[None],
                        np.concatenate([source, pads])[None], {"padding": padding}, ("padding",))


def _learned_data() -> ExplorerData:
    # The committed translator on its example phrase, with the reference translation fed to
    # the decoder (teacher forcing), exactly as the translator page's figures compute it.
    saved, pair = load_translator(), example_pair()
    batch = Batch.from_pairs([pair])  # one phrase: no source padding, so no mask is needed
    memory, _ = encode(saved.params, saved.config, batch.source)
    _, (_, cache, _, _) = decode(saved.params, saved.config, memory, batch.source,
                                 batch.target_in)
    # Row t of the cross-attention produces Spanish word t; the figures drop the <eos> row.
    m, n = len(pair.target), len(pair.source)
    return ExplorerData("learned", "translator-alignment", pair.target, pair.source,
                        cache.q[0, :, :m], cache.k[0, :, :n], {}, ())


def _typed_data(lang: str) -> ExplorerData:
    # The toy spelling embedding of snippets.toy_embedding, used as queries and keys: what
    # the browser computes for any sentence the reader types.
    tokens = toy_embedding.tokenize(TYPED_DEFAULTS[lang])
    x = toy_embedding.embed_tokens(tokens)
    return ExplorerData("typed", "", tokens, tokens, x[None], x[None],
                        {"causal": causal_mask(len(tokens))}, ())


_BUILDERS = {"self": _self_data, "cross": _cross_data, "learned": _learned_data}


@functools.cache
def explorer_data(kind: str, lang: str = "en") -> ExplorerData:
    """Queries, keys and masks of one explorer (computed once per process).

    ``lang`` matters only for "typed", whose default sentence is in the page's language.
    """
    if _check_kind(kind) == "typed":
        if lang not in TYPED_DEFAULTS:
            raise ValueError(f"explorer: unknown language {lang!r}; expected one of {LANGUAGES}")
        return _typed_data(lang)
    return _BUILDERS[kind]()


def _static_figure(name: str, lang: str) -> str:
    # The translator's figures have their own module; the others are snippets.figures'.
    if name in translator_plots.available():
        return translator_plots.render(name, lang)
    return render(name, lang)


def numpy_weights(kind: str, settings: Settings, lang: str = "en") -> np.ndarray:
    """Weights (m, n) for one setting of the controls: the browser must reproduce these.

    softmax over the allowed keys of (q · k) · (1/√d_k if scaled else 1) / T, for the
    chosen head's q (m, d_k) and k (n, d_k).
    """
    data = explorer_data(kind, lang)
    unknown = set(settings.masks) - set(data.masks)
    if unknown:
        raise ValueError(f"explorer {kind!r} has no mask {sorted(unknown)}; "
                         f"available: {sorted(data.masks)}")
    heads = data.q.shape[0]
    if not 0 <= settings.head < heads:
        raise ValueError(f"explorer {kind!r} has {heads} head(s); head index {settings.head} "
                         "is out of range")
    q, k = data.q[settings.head], data.k[settings.head]
    scores = scaled_dot_scores(q, k) if settings.scaled else dot_scores(q, k)
    allowed = np.ones(scores.shape, dtype=bool)
    for name in settings.masks:
        allowed &= data.masks[name]
    return masked_softmax(scores, allowed, temperature=settings.temperature)


def reference_settings(kind: str, lang: str = "en") -> list[Settings]:
    """Extreme and middle temperatures, scaling on and off, masks on and off, every head.

    The last setting differs from the first in every control.
    """
    data = explorer_data(kind, lang)
    mask_choices = list(dict.fromkeys([(), tuple(data.masks)]))  # one choice if no masks
    return [
        Settings(t, scaled, masks, head)
        for t in (0.1, 0.5, 1.0, 2.0, 10.0)
        for scaled in (True, False)
        for masks in mask_choices
        for head in range(data.q.shape[0])
    ]


def ui_strings(lang: str) -> dict[str, str]:
    """The interface words in ``lang``; a key missing from a translation raises ValueError."""
    if lang not in UI_STRINGS:
        raise ValueError(f"explorer: unknown language {lang!r}; expected one of {LANGUAGES}")
    strings = UI_STRINGS[lang]
    for key in UI_STRINGS["en"]:
        if not strings.get(key):
            raise ValueError(f"explorer: missing translation of UI string {key!r} "
                             f"for language {lang!r}")
    return strings


def colormap() -> str:
    """The figures' colour map as 256 hex colours, one after the other (the browser splits
    it). Kept between builds like the figures, and made by the pre-build with them: it is
    what loads matplotlib, which the pages' builds then never import."""
    return kept("snippets.explorer.colormap.txt", _colormap_hex)


def _colormap_hex() -> str:
    from snippets.figures._style import CMAP  # matplotlib: only when not kept

    rgb = (CMAP(np.linspace(0, 1, 256))[:, :3] * 255).round().astype(int)
    return "".join(f"{r:02x}{g:02x}{b:02x}" for r, g, b in rgb)


def _typed_spec(kind: str, lang: str) -> dict[str, object] | None:
    """The "type your own sentence" form: prefilled with the page's own example."""
    common = {"dim": toy_embedding.DIM, "max": toy_embedding.MAX_TOKENS}
    if kind == "typed":
        return {"mode": "self", "queries": TYPED_DEFAULTS[lang], **common}
    if kind == "self":
        return {"mode": "self", "queries": " ".join(SENTENCE), **common}
    if kind == "cross":
        return {"mode": "cross", "queries": " ".join(cross.TARGET_ES),
                "keys": " ".join(cross.SOURCE_EN), **common}
    return None


def _payload(data: ExplorerData, lang: str) -> dict[str, object]:
    t = ui_strings(lang)
    heads, d_k = data.q.shape[0], data.q.shape[-1]
    prefix = "self" if data.kind == "typed" else data.kind
    typed = _typed_spec(data.kind, lang)
    return {
        "queries": list(data.queries),
        "keys": list(data.keys),
        # Python floats print with round-trip precision. The typed explorer sends none: the
        # browser embeds its sentence itself (snippets.toy_embedding's steps).
        "q": None if data.kind == "typed" else data.q.tolist(),
        "k": None if data.kind == "typed" else data.k.tolist(),
        "masks": {name: mask.tolist() for name, mask in data.masks.items()},
        "defaults": {"temperature": 1.0, "scaled": True, "masks": list(data.default_masks),
                     "head": 0},
        "temperatures": list(TEMPERATURES),
        "cmap": colormap(),
        "compact": data.kind == "typed",
        **({"typed": typed} if typed else {}),
        "strings": {
            **{key: t[key] for key in ("label", "controls", "temperature", "help", "heatmap",
                                       "lines", "status", "table.summary", "table.caption",
                                       "query_key", "head", "reset", "scale", "typed.queries",
                                       "typed.keys", "typed.apply")},
            "label": t["typed.label"] if data.kind == "typed" else t["label"],
            "scaled": t["scaled"],  # "{d}": the browser fills in the shown data's d_k
            "queries": t[f"{prefix}.queries"],
            "keys": t[f"{prefix}.keys"],
            "caption": (t["typed.caption"] if data.kind == "typed" else t[f"{prefix}.caption"])
            .format(d=d_k, pad=SOURCE_PADDING, heads=heads),
            "typed.self": t["typed.self"].format(max=toy_embedding.MAX_TOKENS),
            "typed.error": t["typed.error"].format(max=toy_embedding.MAX_TOKENS),
            "typed.caption": t["typed.caption"].format(d=toy_embedding.DIM),
            **{f"mask.{name}": t[f"mask.{name}"] for name in data.masks},
        },
    }


def _script_json(value: object) -> str:
    # Inside <script>, "</" would end the element; \u-escape the markup characters.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


# explorer.js (and through it explorer.css) is loaded only by pages that hold an explorer, and
# only once the first explorer comes within a screen of the viewport: a reader who never
# scrolls that far downloads neither. Material's __config (its "base" is the relative path to
# the site root) comes after the content, hence the wait for DOMContentLoaded; the data
# attribute keeps it to one load when a page holds several explorers.
_LOADER = (
    "<script>document.addEventListener('DOMContentLoaded',()=>{"
    "const base=JSON.parse(document.getElementById('__config').textContent).base;"
    "const load=()=>{if(document.querySelector('script[data-ag-explorer]'))return;"
    "const s=document.createElement('script');s.dataset.agExplorer='';"
    "s.src=new URL(base+'/assets/javascripts/explorer.js',location.href).href;"
    "document.head.append(s);};"
    "if(!('IntersectionObserver' in window))return load();"
    "const o=new IntersectionObserver(es=>{"
    "if(es.some(e=>e.isIntersecting)){o.disconnect();load();}},{rootMargin:'100% 0px'});"
    "document.querySelectorAll('.ag-explorer').forEach(e=>o.observe(e));});</script>"
)


NOJS = {
    "en": "The live explorer needs JavaScript. Its static version, with the same numbers as "
          "a table, is on the <a href=\"{page}\">attention weights</a> page.",
    "es": "El explorador interactivo necesita JavaScript. Su versión estática, con los mismos "
          "números en forma de tabla, está en la página de <a href=\"{page}\">pesos de "
          "atención</a>.",
}


def render_explorer(kind: str, lang: str, fallback: bool = True) -> str:
    """HTML of one explorer: the static figure (no-JavaScript fallback) plus its data.

    The "typed" explorer (home page) has no static figure: without JavaScript it says where
    the static one is.
    """
    ui_strings(lang)  # validates lang and the translations first
    data = explorer_data(_check_kind(kind), lang)
    payload = _payload(data, lang)
    if kind == "typed":
        static = (f'<p class="ag-explorer-nojs">'
                  f'{NOJS[lang].format(page="attention-weights/#worked-example")}</p>')
    else:
        static = _static_figure(data.figure, lang) if fallback else ""
    return (
        f'<div class="ag-explorer" id="explorer-{kind}">'
        f"{static}"
        f'<script type="application/json" class="ag-explorer-data">{_script_json(payload)}'
        f"</script></div>{_LOADER}"
    )


def print_reference(kind: str, settings: Iterable[Settings]) -> None:
    """Print reference weights (a quick look: ``python -m snippets.explorer``)."""
    for s in settings:
        print(kind, s)
        print(np.array2string(numpy_weights(kind, s), precision=3, floatmode="fixed"))


if __name__ == "__main__":
    for name in KINDS:
        print_reference(name, reference_settings(name)[:2])
