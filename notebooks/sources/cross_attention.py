"""Notebook 2: cross-attention, Spanish words attending over an English sentence."""

from __future__ import annotations

from notebooks.cells import Code, Markdown, NotebookSource, Parameters, Snippet
from notebooks.sources._common import (
    ATTENTION,
    CHECKS,
    HELPERS_NOTE,
    MASKED_SOFTMAX,
    SETUP_NOTE,
    SOFTMAX,
    setup,
)

ORDER = 2

CELLS = (
    Markdown(
        id="top",
        en="""
# Cross-attention for English → Spanish translation

In an encoder-decoder Transformer (Vaswani et al., 2017, *Attention Is All You Need*), the
decoder writes the Spanish sentence while attending over the encoder's states of the English
one: the **queries** come from the target (Spanish), the **keys and values** from the source
(English). This is cross-attention. Its weight matrix has one row per Spanish word and one
column per English word, so it need not be square, and each row reads like a soft word
alignment, the idea Bahdanau et al. (2015) introduced for translation.

The states here are built by hand rather than learned, so that the mechanics are easy to
follow; the notebook needs only Python 3.10 or later, numpy and matplotlib.
""",
        es="""
# Atención cruzada para traducir del inglés al español

En un Transformer codificador-decodificador (Vaswani et al., 2017, *Attention Is All You
Need*), el decodificador escribe la oración en español mientras atiende a los estados que el
codificador ha calculado para la oración en inglés: las **consultas** proceden del destino (el
español) y las **claves y los valores**, del origen (el inglés). Eso es la atención cruzada.
Su matriz de pesos tiene una fila por palabra en español y una columna por palabra en inglés, de
modo que no tiene por qué ser cuadrada, y cada fila se lee como un alineamiento suave entre
palabras, la idea que Bahdanau et al. (2015) introdujeron para la traducción.

Aquí los estados se construyen a mano en lugar de aprenderse, para que el mecanismo sea fácil
de seguir; el cuaderno solo necesita Python 3.10 o posterior, numpy y matplotlib. Los decimales
se escriben con punto, como en Python, y el código y sus comentarios están en inglés, como en
el resto del sitio.
""",
    ),
    Parameters(),
    SETUP_NOTE,
    setup("""
import math

import matplotlib.pyplot as plt
import numpy as np
from numpy.typing import ArrayLike
"""),
    HELPERS_NOTE,
    CHECKS,
    SOFTMAX,
    MASKED_SOFTMAX,
    ATTENTION,
    Markdown(
        id="two-sentences",
        en="""
## Two sentences, two lengths

The source is *the black cat sat on the mat* (n = 7 words), the target *el gato negro se
sentó en la alfombra* (m = 8). Each word gets a state made of a one-hot "meaning" (the
English word it translates) and a small code of its relative position in its sentence. A
trained encoder and decoder learn richer states; these are enough to show what the weights
do. Note the word order: *gato negro* is *black cat* the other way round.
""",
        es="""
## Dos oraciones de longitudes distintas

El origen es *the black cat sat on the mat* (n = 7 palabras) y el destino, *el gato negro se
sentó en la alfombra* (m = 8). Cada palabra recibe un estado formado por un «significado»,
codificado como un vector con un único 1 (*one-hot*) que indica la palabra en inglés que traduce,
y un pequeño código de su posición relativa en la oración. Un codificador y un decodificador
entrenados aprenden estados más ricos; estos bastan para mostrar lo que hacen los pesos. Fíjese
en el orden: *gato negro* es *black cat* al revés.
""",
    ),
    Snippet("snippets/cross_attention.py", names=("SOURCE_EN", "TARGET_ES", "GLOSS", "toy_states")),
    Code("""
concepts = tuple(dict.fromkeys(SOURCE_EN))  # the distinct English words, in order
source = toy_states(SOURCE_EN, concepts)  # (7, 8): one state per English word
target = toy_states(TARGET_ES, concepts)  # (8, 8): one state per Spanish word
print(TEXT["source"], " ".join(SOURCE_EN), source.shape)
print(TEXT["target"], " ".join(TARGET_ES), target.shape)
"""),
    Markdown(
        id="cross-attention",
        en="""
## Queries from one sentence, keys and values from the other

`cross_attention` projects the target into queries and the source into keys and values, then
calls the same `scaled_dot_product_attention` as self-attention. The toy states already live
in a shared space, so the projections here are identity matrices.
""",
        es="""
## Consultas de una oración, claves y valores de la otra

`cross_attention` proyecta el destino en consultas y el origen en claves y valores, y después
llama a la misma `scaled_dot_product_attention` que la autoatención. Los estados de ejemplo ya
están en un espacio común, así que aquí las proyecciones son matrices identidad.
""",
    ),
    Snippet("snippets/cross_attention.py", names=("_projection",), fold=True),
    Snippet("snippets/cross_attention.py", section="cross_attention"),
    Code("""
identity = np.eye(source.shape[1])
_, weights = cross_attention(target, source, identity, identity, identity)  # (8, 7)
first = max(len(TEXT["target_source"]), 8) + 1  # width of the first column
print(f"{TEXT['target_source']:>{first}}" + "".join(f"{w:>7}" for w in SOURCE_EN) + f"{'Σ':>7}")
for word, row in zip(TARGET_ES, weights, strict=True):
    print(f"{word:>{first}}" + "".join(f"{w:7.3f}" for w in row) + f"{row.sum():7.3f}")
"""),
    Markdown(
        id="alignment",
        en="""
## The weights as an alignment

Each row (a Spanish word) sums to 1 over the English words. The brightest cell of each row is
the English word that the Spanish word attends to most: *gato* → *cat* and *negro* → *black*
cross each other, and both *se* and *sentó* attend to *sat*.
""",
        es="""
## Los pesos como alineamiento

Cada fila (una palabra en español) suma 1 sobre las palabras en inglés. La celda más clara de
cada fila es la palabra en inglés a la que más atiende la palabra en español: *gato* → *cat* y
*negro* → *black* se cruzan, y tanto *se* como *sentó* atienden a *sat*.
""",
    ),
    Code("""
fig, ax = plt.subplots(figsize=(5.5, 4.5))
image = ax.imshow(weights, cmap="viridis", vmin=0, vmax=1, interpolation="nearest")
ax.set_xticks(range(len(SOURCE_EN)), SOURCE_EN)
ax.set_yticks(range(len(TARGET_ES)), TARGET_ES)
ax.set_xlabel(TEXT["source_axis"])
ax.set_ylabel(TEXT["target_axis"])
ax.set_title(TEXT["heatmap_title"])
fig.colorbar(image, ax=ax, label=TEXT["weight"])
plt.show()
best = weights.argmax(axis=-1)
pairs = zip(TARGET_ES, best, strict=True)
print(TEXT["alignment"], "  ".join(f"{t} → {SOURCE_EN[j]}" for t, j in pairs))
"""),
    Markdown(
        id="padding",
        en="""
## Padding: sentences of different lengths in one batch

In a batch, shorter source sentences are filled up with padding tokens. A padding mask
(`True` = may attend) keeps the decoder from attending to them: their weights become exactly 0
and the other weights are the same as without padding. Without the mask, the padding states
(zero vectors here) would take some of the weight.
""",
        es="""
## Relleno: oraciones de longitudes distintas en un mismo lote

En un lote, las oraciones de origen más cortas se completan con tokens de relleno. Una máscara
de relleno (`True` = puede atender) impide que el decodificador atienda a esos tokens: sus
pesos pasan a ser exactamente 0 y los demás pesos son los mismos que sin relleno. Sin la
máscara, los estados de relleno (aquí, vectores nulos) se llevarían parte del peso.
""",
    ),
    Code("""
padded = (*SOURCE_EN, "<pad>", "<pad>")
padded_source = np.concatenate([source, np.zeros((2, source.shape[1]))])  # (9, 8)
mask = np.array([word != "<pad>" for word in padded])[None, :]  # (1, 9): one row for all queries
_, masked = cross_attention(target, padded_source, identity, identity, identity, mask=mask)
_, unmasked = cross_attention(target, padded_source, identity, identity, identity)
print(TEXT["with_mask"], masked[:, -2:].max())
print(TEXT["same_as_before"], np.allclose(masked[:, :-2], weights))
print(TEXT["without_mask"], round(float(unmasked[:, -2:].sum(axis=-1).max()), 3))
"""),
    Markdown(
        id="try-it",
        en="""
## Try it: change the Spanish sentence

The alignment follows the words, not their positions. Put the adjective first (*el negro
gato*, a rare, poetic order in Spanish) and run the cell: each word still finds its English
counterpart. Try other orders or drop a word.
""",
        es="""
## Pruébelo: cambie la oración en español

El alineamiento sigue a las palabras, no a sus posiciones. Anteponga el adjetivo (*el negro
gato*, un orden poco habitual y más bien poético) y ejecute la celda: cada palabra sigue
encontrando su equivalente inglés. Pruebe otros órdenes o quite una palabra.
""",
    ),
    Code("""
sentence = ("el", "negro", "gato", "se", "sentó", "en", "la", "alfombra")
_, new_weights = cross_attention(toy_states(sentence, concepts), source, identity, identity,
                                 identity)
best = new_weights.argmax(axis=-1)
pairs = zip(sentence, best, strict=True)
print(TEXT["alignment"], "  ".join(f"{t} → {SOURCE_EN[j]}" for t, j in pairs))
"""),
    Markdown(
        id="next",
        en="""
## Where next

A trained model learns its states, and its cross-attention weights are less crisp than
these. The notebook *Attention at scale* shows how the same output is computed for long
sequences without storing the whole weight matrix.
""",
        es="""
## Para seguir

Un modelo entrenado aprende sus estados, y sus pesos de atención cruzada son menos nítidos que
estos. El cuaderno *La atención a gran escala* muestra cómo se calcula la misma salida para
secuencias largas sin guardar la matriz de pesos completa.
""",
    ),
)

SOURCE = NotebookSource(
    name="cross-attention",
    description={
        "en": "A runnable notebook: cross-attention between a Spanish sentence and its English "
              "source with numpy, its weights read as a word alignment, and a padding mask.",
        "es": "Cuaderno ejecutable: atención cruzada con numpy entre una oración en español y "
              "su original en inglés, sus pesos leídos como alineamiento y una máscara de "
              "relleno.",
    },
    labels={
        "source": {"en": "source (English):", "es": "origen (inglés):"},
        "target": {"en": "target (Spanish):", "es": "destino (español):"},
        "target_source": {"en": "target\\source", "es": "destino\\origen"},
        "source_axis": {"en": "source word (English, keys and values)",
                        "es": "palabra de origen (inglés, claves y valores)"},
        "target_axis": {"en": "target word (Spanish, queries)",
                        "es": "palabra de destino (español, consultas)"},
        "heatmap_title": {"en": "Cross-attention weights", "es": "Pesos de atención cruzada"},
        "weight": {"en": "attention weight", "es": "peso de atención"},
        "alignment": {"en": "strongest weight:", "es": "peso más alto:"},
        "with_mask": {"en": "largest weight on padding, with the mask:",
                      "es": "mayor peso sobre el relleno, con la máscara:"},
        "same_as_before": {"en": "other weights as without padding:",
                           "es": "demás pesos iguales que sin relleno:"},
        "without_mask": {"en": "largest total weight on padding, without the mask:",
                         "es": "mayor peso total sobre el relleno, sin la máscara:"},
    },
    cells=CELLS,
)
