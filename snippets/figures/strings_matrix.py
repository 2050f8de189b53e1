"""Labels of the figures of the position and efficient-attention pages, per language.

Kept apart from ``strings.py`` (one file per family of pages) and merged into its
``STRINGS`` catalog on import, so ``render`` and the catalog tests see one catalog.
"""

from __future__ import annotations

from snippets.figures.strings import STRINGS

MATRIX_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        # position-distance
        "position.title": "How each scheme scores the distance i − j",
        "position.alt": (
            "Three line charts against the distance i − j between a query and a key. "
            "Left: with RoPE, the score of an all-ones query and key of dimension {d} "
            "starts at 1 and decays, with oscillations, as the distance grows. Middle: "
            "ALiBi's bias falls linearly with the distance, with a different slope for "
            "each of 8 heads, from 1/2 to 1/256. Right: the index of the learned term "
            "that T5 and Shaw et al. use for each relative position: T5 gives small "
            "distances a bucket each and larger ones logarithmically wider buckets up to "
            "128; Shaw et al. clip the distance at {clip}."
        ),
        "position.caption": (
            "What position adds to the score sᵢⱼ, as a function of the distance alone. "
            "RoPE: the score of a rotated query and key whose coordinates are all 1, "
            "divided by d = {d} (base 10000). ALiBi: the bias "
            "−m (i − j) of each head, with its own slope m. T5: bucket of a key i − j "
            "positions back (32 "
            "buckets, bidirectional, maximum distance 128); Shaw et al.: the distance "
            "clipped at {clip}, which selects the row of their table of relative "
            "embeddings."
        ),
        "position.table": "Values at selected distances i − j",
        "position.distance": "distance i − j",
        "position.rope": "RoPE score / d",
        "position.alibi": "ALiBi bias",
        "position.index": "index of the learned term",
        "position.t5": "T5 bucket",
        "position.shaw": "Shaw et al. (clip {clip})",
        "position.head": "head {h}",
        "position.rope_panel": "RoPE",
        "position.alibi_panel": "ALiBi, 8 heads",
        "position.learned_panel": "learned terms",
        # mask-zoo
        "zoo.title": "Attention masks beyond causal",
        "zoo.alt": (
            "Six grids of allowed (filled) and masked (empty) query-key pairs for 12 "
            "positions. Bottom-right causal: 4 new queries see all 8 cached keys and the "
            "new keys up to their own. Sliding window: each query sees itself and the 3 "
            "previous keys. Strided: a local window plus every 4th key back. BigBird: a "
            "band, one global position in the first row and column, and a random key per "
            "row. Prefix-LM: the first 5 keys are visible to every query, the rest is "
            "causal. Packed sequences: three causal blocks of 5, 4 and 3 positions on the "
            "diagonal."
        ),
        "zoo.caption": (
            "Which entries of the attention matrix are computed at all. Rows are queries, "
            "columns keys, 12 positions (the first panel: the last 4 queries against all "
            "12 keys)."
        ),
        "zoo.table": "Allowed pairs of each pattern",
        "zoo.pattern": "pattern",
        "zoo.allowed": "allowed",
        "zoo.total": "of",
        "zoo.causal_bottom_right": "causal, bottom-right",
        "zoo.sliding_window": "sliding window (4)",
        "zoo.strided": "strided (4)",
        "zoo.bigbird": "BigBird",
        "zoo.prefix_lm": "prefix-LM (5)",
        "zoo.block_diagonal": "packed: 5 + 4 + 3",
        "zoo.legend_allowed": "may attend",
        "zoo.legend_masked": "masked",
    },
    "es": {
        "position.title": "Cómo puntúa cada esquema la distancia i − j",
        "position.alt": (
            "Tres gráficos de líneas en función de la distancia i − j entre una consulta "
            "y una clave. Izquierda: con RoPE, la puntuación de una consulta y una clave "
            "formadas solo por unos, de dimensión {d}, empieza en 1 y decae, con "
            "oscilaciones, al crecer la distancia. Centro: el sesgo de ALiBi baja "
            "linealmente con la distancia, con una pendiente distinta para cada una de las 8 "
            "cabezas, de 1/2 a 1/256. Derecha: el índice del término aprendido que T5 y "
            "Shaw et al. usan para cada posición relativa: T5 da un intervalo propio a cada "
            "distancia pequeña e intervalos logarítmicamente más anchos a las mayores, hasta "
            "128; Shaw et al. recortan la distancia en {clip}."
        ),
        "position.caption": (
            "Lo que la posición añade a la puntuación sᵢⱼ, en función solo de la "
            "distancia. RoPE: la puntuación de una consulta y una clave giradas cuyas "
            "coordenadas valen todas 1, dividida entre d = {d} (base 10 000). "
            "ALiBi: el sesgo −m (i − j) de cada cabeza, con su propia pendiente m. "
            "T5: intervalo de una clave situada "
            "i − j posiciones atrás (32 intervalos, bidireccional, distancia máxima 128); Shaw "
            "et al.: la distancia recortada en {clip}, que elige la fila de su tabla de "
            "representaciones relativas."
        ),
        "position.table": "Valores para algunas distancias i − j",
        "position.distance": "distancia i − j",
        "position.rope": "puntuación RoPE / d",
        "position.alibi": "sesgo de ALiBi",
        "position.index": "índice del término aprendido",
        "position.t5": "intervalo de T5",
        "position.shaw": "Shaw et al. (recorte {clip})",
        "position.head": "cabeza {h}",
        "position.rope_panel": "RoPE",
        "position.alibi_panel": "ALiBi, 8 cabezas",
        "position.learned_panel": "términos aprendidos",
        "zoo.title": "Máscaras de atención más allá de la causal",
        "zoo.alt": (
            "Seis cuadrículas de pares consulta-clave permitidos (celdas llenas) y "
            "enmascarados (celdas vacías) para 12 posiciones. Causal alineada abajo a la "
            "derecha: 4 consultas nuevas ven las 8 claves guardadas y las claves nuevas "
            "hasta la suya. Ventana deslizante: cada consulta se ve a sí misma y a las 3 "
            "claves anteriores. Con paso: una ventana local más una de cada 4 claves "
            "hacia atrás. BigBird: una banda, una posición global en la primera fila y la "
            "primera columna, y una clave aleatoria por fila. Prefijo: las 5 primeras "
            "claves son visibles para todas las consultas y el resto es causal. "
            "Secuencias empaquetadas: tres bloques causales de 5, 4 y 3 posiciones en la "
            "diagonal."
        ),
        "zoo.caption": (
            "Qué elementos de la matriz de atención se calculan. Las filas son consultas "
            "y las columnas, claves; 12 posiciones (en el primer panel, las 4 últimas "
            "consultas frente a las 12 claves)."
        ),
        "zoo.table": "Pares permitidos en cada patrón",
        "zoo.pattern": "patrón",
        "zoo.allowed": "permitidos",
        "zoo.total": "de",
        "zoo.causal_bottom_right": "causal, abajo a la derecha",
        "zoo.sliding_window": "ventana deslizante (4)",
        "zoo.strided": "con paso (4)",
        "zoo.bigbird": "BigBird",
        "zoo.prefix_lm": "prefijo (5)",
        "zoo.block_diagonal": "empaquetado: 5 + 4 + 3",
        "zoo.legend_allowed": "puede atender",
        "zoo.legend_masked": "enmascarado",
    },
}

for _lang, _labels in MATRIX_STRINGS.items():
    STRINGS[_lang].update(_labels)
