"""Notebook 3: attention at scale (online softmax, chunked attention, measured memory)."""

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

ORDER = 3

CELLS = (
    Markdown(
        id="top",
        en="""
# Attention at scale: online softmax and chunked attention

Full attention builds an m × n matrix of weights, so for a sequence of length L its memory
grows like L². This notebook computes exactly the same output one chunk of keys at a time,
with an *online softmax* that never needs a whole row of scores (Milakov & Gimelshein, 2018;
Rabe & Staats, 2021; the same idea underlies FlashAttention, Dao et al., 2022), and measures
the peak memory of both. The sizes are small so that it runs in seconds: what matters is how
the numbers grow. It needs only Python 3.10 or later, numpy and matplotlib.
""",
        es="""
# La atención a gran escala: softmax en línea y atención por bloques

La atención completa construye una matriz de pesos de m × n, de modo que, para una secuencia de
longitud L, su memoria crece como L². Este cuaderno calcula exactamente la misma salida
recorriendo las claves bloque a bloque, con una softmax en línea (*online softmax*) que nunca
necesita una fila entera de puntuaciones (Milakov y Gimelshein, 2018; Rabe y Staats, 2021; la
misma idea sustenta FlashAttention, Dao et al., 2022), y mide la memoria máxima de ambas. Los
tamaños son pequeños para que se ejecute en segundos: lo que importa es cómo crecen las cifras.
Solo necesita Python 3.10 o posterior, numpy y matplotlib. Los decimales se escriben con punto,
como en Python, y el código y sus comentarios están en inglés, como en el resto del sitio.
""",
    ),
    Parameters(),
    SETUP_NOTE,
    setup("""
import math
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

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
        id="online-softmax",
        en="""
## Online softmax: one pass, any number of chunks

The softmax of a row needs two numbers: its maximum (for stability) and the sum of the
exponentials. Both can be kept up to date chunk by chunk: when a new chunk raises the
running maximum from `old` to `new`, the sum so far is multiplied by `exp(old − new)`, which
is what it would have been had `new` been known from the start. The table shows the running
values for a row of 10 scores read 4 at a time.
""",
        es="""
## Softmax en línea: una pasada, tantos bloques como haga falta

La softmax de una fila necesita dos números: su máximo (por estabilidad) y la suma de las
exponenciales. Ambos pueden actualizarse bloque a bloque: cuando un bloque nuevo eleva el
máximo acumulado de `old` a `new`, la suma hasta ese momento se multiplica por
`exp(old − new)`, que es lo que habría valido de haberse conocido `new` desde el principio.
La tabla muestra los valores acumulados para una fila de 10 puntuaciones leídas de 4 en 4.
""",
    ),
    Code("""
def online_softmax(row: np.ndarray, chunk: int) -> np.ndarray:
    \"\"\"Softmax of a 1-D row, reading it ``chunk`` entries at a time.\"\"\"
    running_max, total = -math.inf, 0.0
    print(f"{TEXT['entries']:>10} {TEXT['running_max']:>14} {TEXT['running_sum']:>14}")
    for start in range(0, len(row), chunk):
        block = row[start:start + chunk]
        new_max = max(running_max, float(block.max()))
        total = total * math.exp(running_max - new_max) + float(np.exp(block - new_max).sum())
        running_max = new_max
        print(f"{start:>4} – {start + len(block) - 1:<3} {running_max:>14.3f} {total:>14.3f}")
    return np.exp(row - running_max) / total


row = 3 * np.random.default_rng(0).standard_normal(10)
online = online_softmax(row, chunk=4)
print(TEXT["same_as_softmax"], np.allclose(online, softmax(row)))
"""),
    Markdown(
        id="chunked",
        en="""
## Chunked attention

`chunked_attention` applies the same bookkeeping to a whole attention layer: for each chunk
of keys it computes the scores of every query against that chunk only, updates a running
maximum and denominator per query, and adds the chunk's weighted values to a running sum,
rescaled whenever the maximum grows. The largest array alive is m × `chunk_size` instead of
m × n, and the output equals full attention up to rounding.
""",
        es="""
## Atención por bloques

`chunked_attention` aplica el mismo procedimiento de actualización a toda una capa de atención:
para cada bloque de claves calcula las puntuaciones de todas las consultas frente a ese bloque
solamente, actualiza un máximo y un denominador acumulados por consulta y suma los valores
ponderados del bloque a una suma acumulada, reescalada cada vez que crece el máximo. La
matriz más grande que existe es de m × `chunk_size` en lugar de m × n, y la salida coincide con
la atención completa salvo por el redondeo.
""",
    ),
    Snippet("snippets/chunked.py", names=("_chunk_size",), fold=True),
    Snippet("snippets/chunked.py", section="chunked"),
    Code("""
rng = np.random.default_rng(0)
q, k, v = rng.standard_normal((3, 300, 16))  # 300 queries and keys, d = 16
full, _ = scaled_dot_product_attention(q, k, v)
for chunk_size in (7, 64, 300):
    chunked = chunked_attention(q, k, v, chunk_size=chunk_size)
    print(TEXT["chunk_equal"].format(chunk=chunk_size), np.allclose(chunked, full))
"""),
    Markdown(
        id="memory",
        en="""
## Measured memory

numpy reports its allocations to Python's `tracemalloc`, so the peak traced memory during a
call is, to within some tens of kilobytes, the largest set of arrays alive at once. `measure_memory`
runs full and chunked self-attention on random `float32` inputs (one head, d = 64, chunks of
256 keys) for growing lengths L.
""",
        es="""
## Memoria medida

numpy informa de sus reservas de memoria al módulo `tracemalloc` de Python, así que la memoria
máxima registrada durante una llamada es, con un margen de unas decenas de kilobytes, el mayor
conjunto de matrices que coexisten en un mismo momento. `measure_memory` ejecuta la
autoatención completa y la atención por bloques sobre entradas aleatorias `float32` (una
cabeza, d = 64, bloques de 256 claves) para longitudes L crecientes.
""",
    ),
    Snippet("snippets/memory.py", names=("T", "MIB"), fold=True),
    Snippet("snippets/memory.py", section="peak_bytes"),
    Snippet("snippets/memory.py", names=("MemoryPoint", "measure_memory")),
    Code("""
def mib(n_bytes: int) -> float:
    \"\"\"Bytes in MiB, rounded down to 0.1 MiB.

    The arrays dominate the peak; the interpreter adds a few tens of kilobytes that vary a
    little from run to run. Rounding down drops them and keeps the table the same each run.
    \"\"\"
    return math.floor(10 * n_bytes / MIB) / 10


points = measure_memory([256, 512, 1024, 2048], d=64, chunk_size=256)
print(f"{'L':>6} {TEXT['full_mib']:>14} {TEXT['chunked_mib']:>16} {TEXT['ratio']:>8}")
for p in points:
    full_mib, chunked_mib = mib(p.full_bytes), mib(p.chunked_bytes)
    print(f"{p.length:>6} {full_mib:>14.1f} {chunked_mib:>16.1f} {full_mib / chunked_mib:>8.1f}")
"""),
    Markdown(
        id="growth",
        en="""
## How the memory grows

On logarithmic axes a power law is a straight line. Each doubling of L multiplies the memory
of full attention by 4 (it stores L × L scores and weights) and that of chunked attention by
about 2, closer to 2 as L grows (it stores L × 256 scores and a few L × d arrays).
""",
        es="""
## Cómo crece la memoria

En ejes logarítmicos, una ley de potencias es una recta. Cada vez que L se duplica, la memoria
de la atención completa se multiplica por 4 (guarda L × L puntuaciones y pesos) y la de la
atención por bloques, aproximadamente por 2, cada vez más cerca de 2 a medida que L crece
(guarda L × 256 puntuaciones y unas pocas matrices de L × d).
""",
    ),
    Code("""
lengths = [p.length for p in points]
full = [mib(p.full_bytes) for p in points]
chunked = [mib(p.chunked_bytes) for p in points]
fig, ax = plt.subplots(figsize=(5.5, 3.5))
ax.plot(lengths, full, "o-", label=TEXT["full"])
ax.plot(lengths, chunked, "s--", label=TEXT["chunked"])
ax.set_xscale("log", base=2)
ax.set_yscale("log", base=2)
ax.set_xticks(lengths, [str(n) for n in lengths])
mib_ticks = [2.0**e for e in range(-1, 7)]  # 0.5 ... 64 MiB, written as plain numbers
ax.set_yticks(mib_ticks, [f"{t:g}" for t in mib_ticks])
ax.set_xlabel(TEXT["length"])
ax.set_ylabel(TEXT["peak"])
ax.set_title(TEXT["memory_title"])
ax.legend()
plt.show()
for n in range(1, len(points)):
    full_growth, chunked_growth = full[n] / full[n - 1], chunked[n] / chunked[n - 1]
    print(f"L {lengths[n - 1]} → {lengths[n]}:",
          TEXT["growth"].format(full=full_growth, chunked=chunked_growth))
"""),
    Markdown(
        id="try-it",
        en="""
## Try it: the chunk size

The chunk size trades memory for speed: smaller chunks hold fewer scores at once, but they
run the matrix products on smaller pieces, which numpy does less efficiently. Change
`chunk_sizes` and run the cell to see the memory side of the trade.
""",
        es="""
## Pruébelo: el tamaño de bloque

El tamaño de bloque fija un compromiso entre memoria y velocidad: los bloques pequeños
guardan menos puntuaciones a la vez, pero reparten los productos de matrices en trozos más
pequeños, que numpy calcula con menos eficiencia. Cambie `chunk_sizes` y ejecute la celda
para ver el efecto en la memoria.
""",
    ),
    Code("""
chunk_sizes = [128, 512, 2048]
q, k, v = np.random.default_rng(0).standard_normal((3, 1, 2048, 64), dtype=np.float32)
for chunk_size in chunk_sizes:
    _, peak = peak_bytes(chunked_attention, q, k, v, chunk_size=chunk_size)
    print(TEXT["chunk_memory"].format(chunk=chunk_size, mib=mib(peak)))
"""),
)

SOURCE = NotebookSource(
    name="attention-at-scale",
    description={
        "en": "A runnable notebook: the online softmax, chunked attention that equals full "
              "attention, and the measured memory of both as the sequence grows.",
        "es": "Cuaderno ejecutable: la softmax en línea, una atención por bloques igual a la "
              "completa y la memoria medida de ambas a medida que crece la secuencia.",
    },
    labels={
        "entries": {"en": "entries", "es": "entradas"},
        "running_max": {"en": "running max", "es": "máximo acum."},
        "running_sum": {"en": "running sum", "es": "suma acum."},
        "same_as_softmax": {"en": "same as softmax(row):", "es": "igual que softmax(row):"},
        "chunk_equal": {"en": "chunks of {chunk:>3} keys, same output as full attention:",
                        "es": "bloques de {chunk:>3} claves, misma salida que la completa:"},
        "full_mib": {"en": "full (MiB)", "es": "completa (MiB)"},
        "chunked_mib": {"en": "chunked (MiB)", "es": "por bloques (MiB)"},
        "ratio": {"en": "ratio", "es": "cociente"},
        "full": {"en": "full attention", "es": "atención completa"},
        "chunked": {"en": "chunked attention (256 keys)",
                    "es": "atención por bloques (256 claves)"},
        "length": {"en": "sequence length L", "es": "longitud de la secuencia L"},
        "peak": {"en": "peak memory (MiB)", "es": "memoria máxima (MiB)"},
        "memory_title": {"en": "Peak memory of one attention call",
                         "es": "Memoria máxima de una llamada de atención"},
        "growth": {"en": "full × {full:.1f}, chunked × {chunked:.1f}",
                   "es": "completa × {full:.1f}, por bloques × {chunked:.1f}"},
        "chunk_memory": {"en": "L = 2048, chunks of {chunk:>4} keys: {mib:.1f} MiB",
                         "es": "L = 2048, bloques de {chunk:>4} claves: {mib:.1f} MiB"},
    },
    cells=CELLS,
)
