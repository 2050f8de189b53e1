"""Notebook 1: attention weights from scratch (scores, softmax, weighted average)."""

from __future__ import annotations

from notebooks.cells import Code, Markdown, NotebookSource, Parameters, Snippet
from notebooks.sources._common import ATTENTION, CHECKS, MASKED_SOFTMAX, SETUP_NOTE, SOFTMAX, setup

ORDER = 1

CELLS = (
    Markdown(
        id="top",
        en="""
# Attention weights from scratch

This notebook computes the attention weights of a tiny sentence step by step: the scores
between queries and keys, the softmax that turns each row of scores into weights, and the
weighted average of the values that those weights produce. The functions come from the
site's tested `snippets/` modules, copied into the cells below, so the notebook needs only
Python 3.10 or later, numpy and matplotlib.

Run the cells in order, from top to bottom.
""",
        es="""
# Pesos de atención desde cero

Este cuaderno calcula paso a paso los pesos de atención de una oración muy corta: las
puntuaciones entre consultas y claves, la softmax que convierte cada fila de puntuaciones en
pesos y el promedio ponderado de los valores que producen esos pesos. Las funciones proceden
de los módulos probados de `snippets/` del sitio, copiadas en las celdas siguientes, de modo
que el cuaderno solo necesita Python 3.10 o posterior, numpy y matplotlib.

Ejecute las celdas en orden, de arriba abajo. Los decimales se escriben con punto, como en
Python, y el código y sus comentarios están en inglés, como en el resto del sitio.
""",
    ),
    Parameters(),
    SETUP_NOTE,
    setup("""
import math
import zlib
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from numpy.typing import ArrayLike
"""),
    Markdown(
        id="toy-sentence",
        en="""
## A toy sentence

Every word of *the cat sat on the mat* gets a random vector, its *embedding*, drawn from a
generator seeded by the word itself: the same word always gets the same vector. Three fixed
random matrices project these vectors into queries, keys and values. Nothing is trained; the
point is to follow the arithmetic. The first cell below, folded, holds the input checks that
every function of the site uses: a wrong shape raises a `ValueError` that names it.
""",
        es="""
## Una oración de ejemplo

Cada palabra de la oración en inglés *the cat sat on the mat* recibe un vector aleatorio, su
*embedding* (vector de representación), obtenido de un generador cuya semilla es la propia
palabra: la misma palabra recibe siempre el mismo vector. Tres matrices aleatorias fijas
proyectan esos vectores en consultas, claves y valores. No se entrena nada; se trata de seguir
las cuentas. La primera de las celdas siguientes, plegada, contiene las comprobaciones de
entrada que usan todas las funciones del sitio: una forma incorrecta lanza un `ValueError` que
la nombra.
""",
    ),
    CHECKS,
    Snippet("snippets/toy_data.py", names=("SENTENCE", "_rng", "embed", "projection")),
    Code("""
d = 4
x = embed(SENTENCE, d)  # (6, 4): one row per token
q, k, v = (x @ projection(name, d, d) for name in ("w_q", "w_k", "w_v"))
print(TEXT["tokens"], " ".join(SENTENCE))
print(TEXT["shapes"].format(x=x.shape, q=q.shape, k=k.shape, v=v.shape))
"""),
    Markdown(
        id="scores",
        en="""
## Scores: how well each query matches each key

The score of query *i* and key *j* is their dot product divided by √d_k, the width of the
keys. Vaswani et al. (2017, *Attention Is All You Need*) introduced this scaling so that the
spread of the scores does not grow with d_k. Row *i* of `scores` holds the scores of query
*i* against every key.
""",
        es="""
## Puntuaciones: cuánto se ajusta cada consulta a cada clave

La puntuación de la consulta *i* y la clave *j* es su producto escalar dividido entre √d_k, la
dimensión de las claves. Vaswani et al. (2017, *Attention Is All You Need*) introdujeron este
escalado para que la dispersión de las puntuaciones no crezca con d_k. La fila *i* de
`scores` contiene las puntuaciones de la consulta *i* frente a cada clave.
""",
    ),
    Code("""
scores = q @ k.T / math.sqrt(d)  # (6, 6): one score per (query, key) pair
print(scores)
"""),
    Markdown(
        id="softmax",
        en="""
## Softmax: from scores to weights

The softmax turns a row of scores `s` into weights `w_j = exp(s_j) / Σ_l exp(s_l)`: every
weight is positive and each row sums to 1. Subtracting the row's maximum first does not
change the result, because the softmax ignores a constant added to every score, but it keeps
`exp` from overflowing. This is the site's `softmax`:
""",
        es="""
## Softmax: de las puntuaciones a los pesos

La softmax convierte una fila de puntuaciones `s` en los pesos
`w_j = exp(s_j) / Σ_l exp(s_l)`: todos los pesos son positivos y cada fila suma 1. Restar
antes el máximo de la fila no cambia el resultado, porque la softmax no se ve afectada por
una constante sumada a todas las puntuaciones, pero evita que `exp` se desborde. Esta es la
función `softmax` del sitio:
""",
    ),
    SOFTMAX,
    Code("""
weights = softmax(scores, axis=-1)  # (6, 6): row i = how much token i attends to each token
first = len(TEXT["query_key"]) + 1  # width of the first column
print(f"{TEXT['query_key']:>{first}}" + "".join(f"{t:>7}" for t in SENTENCE) + f"{'Σ':>7}")
for token, row in zip(SENTENCE, weights, strict=True):
    print(f"{token:>{first}}" + "".join(f"{w:7.3f}" for w in row) + f"{row.sum():7.3f}")
"""),
    Markdown(
        id="heatmap",
        en="""
## The weights as a heatmap

Each row is one query and its six weights sum to 1; brighter cells are larger weights. The
table above gives the same numbers.
""",
        es="""
## Los pesos como mapa de calor

Cada fila es una consulta y sus seis pesos suman 1; las celdas más claras son los pesos más
grandes. La tabla anterior da las mismas cifras.
""",
    ),
    Code("""
fig, ax = plt.subplots(figsize=(5, 4))
image = ax.imshow(weights, cmap="viridis", vmin=0, interpolation="nearest")
ax.set_xticks(range(len(SENTENCE)), SENTENCE)
ax.set_yticks(range(len(SENTENCE)), SENTENCE)
ax.set_xlabel(TEXT["key"])
ax.set_ylabel(TEXT["query"])
ax.set_title(TEXT["heatmap_title"])
fig.colorbar(image, ax=ax, label=TEXT["weight"])
for i, row in enumerate(weights):
    for j, w in enumerate(row):  # dark text on bright cells, light text on dark ones
        colour = "black" if w > 0.6 * weights.max() else "white"
        ax.text(j, i, f"{w:.2f}", ha="center", va="center", fontsize=8, color=colour)
plt.show()
"""),
    Markdown(
        id="output",
        en="""
## The output: a weighted average of the values

Row *i* of the output mixes the value vectors with the weights of query *i*. Computed by
hand for the query *sat*, it equals row 2 of `weights @ v`.
""",
        es="""
## La salida: un promedio ponderado de los valores

La fila *i* de la salida mezcla los vectores valor con los pesos de la consulta *i*.
Calculada a mano para la consulta *sat*, coincide con la fila 2 de `weights @ v`.
""",
    ),
    Code("""
output = weights @ v  # (6, 4)
by_hand = sum(w * value for w, value in zip(weights[2], v, strict=True))
print(TEXT["output_row"].format(token=SENTENCE[2]), output[2])
print(TEXT["by_hand"], by_hand)
"""),
    Markdown(
        id="library",
        en="""
## The same result with the site's function

`scaled_dot_product_attention` does all of the above in one call, for batches of sequences
and with an optional boolean mask (`True` means "may attend"), in which case it uses
`masked_softmax`:
""",
        es="""
## El mismo resultado con la función del sitio

`scaled_dot_product_attention` hace todo lo anterior en una sola llamada, para lotes de
secuencias y con una máscara booleana opcional (`True` significa «puede atender»); en ese caso
usa `masked_softmax`:
""",
    ),
    MASKED_SOFTMAX,
    ATTENTION,
    Code("""
library_output, library_weights = scaled_dot_product_attention(q, k, v)
print(TEXT["same_weights"], np.allclose(library_weights, weights))
print(TEXT["same_output"], np.allclose(library_output, output))
"""),
    Markdown(
        id="temperature",
        en="""
## Try it: temperature

Dividing the scores by a temperature T before the softmax sharpens the weights (T < 1) or
flattens them (T > 1); their order never changes. Change `temperatures` and run the cell
again.
""",
        es="""
## Pruébelo: la temperatura

Dividir las puntuaciones por una temperatura T antes de la softmax concentra los pesos
(T < 1) o los reparte (T > 1); su orden no cambia nunca. Cambie `temperatures` y vuelva a
ejecutar la celda.
""",
    ),
    Code("""
temperatures = [0.25, 1.0, 4.0]
query = 2  # the query "sat"
positions = np.arange(len(SENTENCE))
width = 0.8 / len(temperatures)
fig, ax = plt.subplots(figsize=(5.5, 3))
for n, t in enumerate(temperatures):
    row = softmax(scores[query], temperature=t)
    print(f"T = {t:<5}", row)
    offset = (n - (len(temperatures) - 1) / 2) * width
    ax.bar(positions + offset, row, width, label=f"T = {t}")
ax.set_xticks(positions, SENTENCE)
ax.set_xlabel(TEXT["key"])
ax.set_ylabel(TEXT["weight"])
ax.set_title(TEXT["temperature_title"].format(token=SENTENCE[query]))
ax.legend()
plt.show()
"""),
    Markdown(
        id="next",
        en="""
## Where next

The notebook *Cross-attention for English → Spanish translation* uses the same function
with queries from one sentence and keys and values from another; *Attention at scale*
computes the same output without ever storing the whole weight matrix.
""",
        es="""
## Para seguir

El cuaderno *Atención cruzada para traducir del inglés al español* usa la misma función con
las consultas de una oración y las claves y los valores de otra; *La atención a gran escala*
calcula la misma salida sin guardar nunca la matriz de pesos completa.
""",
    ),
)

SOURCE = NotebookSource(
    name="attention-weights",
    description={
        "en": "A runnable notebook: attention weights computed step by step with numpy, "
              "from scores and softmax to the weighted average of the values.",
        "es": "Cuaderno ejecutable: los pesos de atención calculados paso a paso con numpy, "
              "desde las puntuaciones y la softmax hasta el promedio ponderado de los valores.",
    },
    labels={
        "tokens": {"en": "tokens:", "es": "tokens:"},
        "shapes": {"en": "shapes: x {x}, q {q}, k {k}, v {v}",
                   "es": "formas: x {x}, q {q}, k {k}, v {v}"},
        "query_key": {"en": "query\\key", "es": "consulta\\clave"},
        "key": {"en": "key", "es": "clave"},
        "query": {"en": "query", "es": "consulta"},
        "weight": {"en": "attention weight", "es": "peso de atención"},
        "heatmap_title": {"en": "Self-attention weights", "es": "Pesos de autoatención"},
        "output_row": {"en": "output of {token!r}:", "es": "salida de {token!r}:"},
        "by_hand": {"en": "by hand:", "es": "a mano:"},
        "same_weights": {"en": "same weights:", "es": "mismos pesos:"},
        "same_output": {"en": "same output:", "es": "misma salida:"},
        "temperature_title": {"en": "Weights of the query {token!r} at three temperatures",
                              "es": "Pesos de la consulta {token!r} a tres temperaturas"},
    },
    cells=CELLS,
)
