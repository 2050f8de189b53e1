"""Every word drawn in or around a figure, per page language.

Keys are shared by both languages; ``{…}`` placeholders are filled with
``str.format``. Spanish follows the glossary entries and glossary/style-es.md (peso de atención,
consulta, clave, puntuación, temperatura, máscara causal, máscara de relleno,
cabeza de atención, atención cruzada, …). Tokens of the example sentences are data,
not labels, and are never translated.
"""

from __future__ import annotations

from collections.abc import Callable

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "data_summary": "Numbers behind the figure",
        "attention_weight": "attention weight",
        "query": "query",
        "key": "key",
        "query_key": "query \\ key",
        # attention-heatmap
        "heatmap.title": "Self-attention weights for “the cat sat on the mat”",
        "heatmap.alt": (
            "Heat map with six rows (queries) and six columns (keys), one per token of "
            "“the cat sat on the mat”. Brighter cells are larger attention weights; the "
            "number printed on the right of each row is its sum, 1.000."
        ),
        "heatmap.caption": (
            "Attention weights of a toy self-attention layer (random 4-dimensional "
            "embeddings). Row i is the distribution of query i over all keys, so every "
            "row sums to 1."
        ),
        "heatmap.table": "Attention weights: one row per query, one column per key",
        "heatmap.sum": "Σ per row",
        # attention-sink (reading-attention page)
        "sink.title": "A head with nothing to attend to parks its weight on [SEP]",
        "sink.alt": (
            "Three 8 by 8 heat maps over “[CLS] the cat sat on the mat [SEP]”, queries as "
            "rows and keys as columns. Left, the attention weights: the rows of “cat” and "
            "“mat” are bright on the “the” just before them; every other row is bright in "
            "the [SEP] column ({weight} for “sat”). Middle, the length of each weighted value "
            "vector: the [SEP] column is dark, because its value vector is short; it carries "
            "{share} % of the summed lengths of the row “sat”. Right, the same head with "
            "[SEP] masked out: the rows without a noun spread their weight evenly over the "
            "seven words."
        ),
        "sink.caption": (
            "A hand-built head that links each noun to the determiner before it. Rows must "
            "sum to 1, so the tokens for which the head has no job put their weight on [SEP], "
            "whose value vector is short: large weights, small contributions. Without [SEP] "
            "the same rows must average the words' values."
        ),
        "sink.weights": "weights a_ij",
        "sink.moved": "lengths ‖a_ij v_j‖",
        "sink.no_sink": "weights, [SEP] masked",
        "sink.scale": "weight or length",
        "sink.table": "Per query: weight and weighted length on [SEP], output length with and "
                      "without [SEP]",
        "sink.on_sep": "weight on [SEP]",
        "sink.moved_sep": "‖a v‖ of [SEP]",
        "sink.norm": "‖o_i‖",
        "sink.norm_no_sink": "‖o_i‖ without [SEP]",
        # sparse-normalisers (reading-attention page)
        "sparse.title": "Softmax, 1.5-entmax and sparsemax of the same scores",
        "sparse.alt": (
            "Three bar charts side by side, softmax, 1.5-entmax and sparsemax, each over the "
            "six tokens of “the cat sat on the mat” with the score of each under its name. "
            "Softmax gives every token some weight; 1.5-entmax gives exactly 0 "
            "to the two copies of “the”; sparsemax also gives exactly 0 to “sat” and puts "
            "0.6, 0.1 and 0.3 on “cat”, “on” and “mat”."
        ),
        "sparse.caption": (
            "Three normalisers applied to one row of scores. The softmax is never exactly 0; "
            "the sparser the normaliser, the more keys get a weight of exactly 0. Each row "
            "still sums to 1."
        ),
        "sparse.table": "Weights given by each normaliser to each token (score in brackets)",
        "sparse.xlabel": "key and its score",
        "sparse.normaliser": "normaliser",
        # alignment-heads (reading-attention page)
        "align.title": (
            "The translator's two cross-attention heads and their gradient-weighted relevance "
            "against the gold alignment"
        ),
        "align.alt": (
            "Three heat maps: one per cross-attention head of the site's trained translator, "
            "and the gradient-weighted relevance of the two heads, "
            "for “the small cat sleeps near the red house” translated as “el gato pequeño "
            "duerme cerca de la casa roja”: Spanish words as rows, English words as columns, "
            "gold links outlined on the two heads. In both heads almost every row has one "
            "bright cell inside "
            "its outline, including the crossings of “gato pequeño” and “casa roja”. The row "
            "of “de” differs: head 1 puts most of its weight on the “the” after “near”, head "
            "2 most of it on “near”, its gold word; the gradient-weighted relevance also puts "
            "most of it on “near”."
        ),
        "align.caption": (
            "Teacher-forced cross-attention of the committed translator on one held-out "
            "phrase, one panel per head, and the gradient-weighted relevance of the heads "
            "(each row scaled to sum to 1), with the alignment error rate (AER) over all "
            "held-out phrases in each title."
        ),
        "align.head": "head {number} (AER {aer})",
        "align.relevance": "gradient-weighted (AER {aer})",
        "align.relevance_name": "gradient-weighted relevance",
        "align.scale": "weight or share of relevance",
        "align.head_name": "head {number}",
        "align.mean": "mean of the heads",
        "align.which": "weights",
        "align.table": (
            "AER over {phrases} held-out phrases ({words} Spanish words), and where the "
            "largest weight of the {de} rows of “de” falls"
        ),
        "align.de_near": "“de” on “near”",
        "align.de_next": "“de” on the next word",
        # softmax-temperature
        "temperature.title": "Effect of the temperature on the softmax",
        "temperature.alt": (
            "Line chart: the attention weights of three keys with scores 2.0, 1.0 and 0.1 "
            "as the temperature grows from 0.1 to 10 on a logarithmic axis. At low "
            "temperature the highest score takes almost all the weight; at high "
            "temperature the three weights approach 1/3."
        ),
        "temperature.caption": (
            "Dividing the scores by a temperature T before the softmax: T < 1 sharpens "
            "the distribution towards the highest score, T > 1 flattens it towards "
            "uniform weights."
        ),
        "temperature.table": "Attention weight of each key at selected temperatures",
        "temperature.xlabel": "temperature T (logarithmic scale)",
        "temperature.uniform": "uniform (1/3)",
        "temperature.score": "score",
        # scaling
        "scaling.title": "Why the scores are divided by √dₖ",
        "scaling.alt": (
            "Two line charts over the key dimension dₖ from 4 to 1024 on logarithmic "
            "axes. Left: the measured variance of q·k grows in proportion to dₖ, while "
            "that of q·k/√dₖ stays near 1. Right: without scaling, the mean largest "
            "softmax weight among 32 keys climbs towards 1 (saturation); with scaling it "
            "stays near {scaled_top}."
        ),
        "scaling.caption": (
            "Measured on random queries and keys with unit-variance entries ({trials} "
            "queries and {n_keys} keys per dimension). The variance of the score grows "
            "like dₖ, and the softmax of unscaled scores saturates; dividing by √dₖ "
            "keeps both stable."
        ),
        "scaling.table": "Measured score variance and mean largest weight per key dimension",
        "scaling.dim": "key dimension dₖ",
        "scaling.variance": "variance of the score",
        "scaling.max_weight": "mean largest weight",
        "scaling.unscaled": "unscaled",
        "scaling.scaled": "scaled by 1/√dₖ",
        "scaling.variance_header": "variance",
        "scaling.max_header": "largest weight",
        # masks
        "masks.title": "Causal mask, padding mask and their combination",
        "masks.alt": (
            "Three 6 by 6 grids for the sentence “the cat sat” padded with three <pad> "
            "tokens. Causal mask: each query may attend to itself and earlier keys only "
            "(lower triangle). Padding mask: no query may attend to the three <pad> keys. "
            "Combined: only cells allowed by both masks remain."
        ),
        "masks.caption": (
            "Filled cells may be attended to, empty cells are masked: their attention "
            "weight is exactly 0. The combined mask is the logical AND of the other two."
        ),
        "masks.table": "Combined mask (1 = may attend, 0 = masked)",
        "masks.causal": "causal mask",
        "masks.padding": "padding mask",
        "masks.combined": "combined",
        "masks.allowed": "may attend",
        "masks.masked": "masked",
        # cross-attention
        "cross.title": "Cross-attention from Spanish to English",
        "cross.alt": (
            "Left: the Spanish words “el gato negro se sentó en la alfombra” on one side "
            "and the English words “the black cat sat on the mat” on the other, joined by "
            "lines whose thickness is the attention weight; each Spanish word is joined "
            "mainly to its translation, with crossings where word order differs. Right: "
            "the same 8 by 7 weight matrix as a heat map."
        ),
        "cross.caption": (
            "Each Spanish word (query, from the decoder) attends over the English words "
            "(keys and values, from the encoder): the weight matrix is m × n = 8 × 7. "
            "The states are built by hand so that translations point in the same "
            "direction; a trained model learns its own states."
        ),
        "cross.table": "Cross-attention weights: Spanish queries (rows) over English keys",
        "cross.target": "Spanish (queries)",
        "cross.source": "English (keys)",
        # self-vs-cross
        "selfcross.title": "Self-attention and cross-attention on the same queries",
        "selfcross.alt": (
            "Two heat maps side by side with the same eight Spanish words as rows. Left, "
            "self-attention: the columns are the same Spanish words, a square {m} × {m} "
            "grid whose brightest cells lie on the diagonal. Right, cross-attention: the "
            "columns are the seven English words, a rectangular {m} × {n} grid whose "
            "brightest cell in each row is the word's translation."
        ),
        "selfcross.caption": (
            "The same attention function with the same Spanish queries X, called twice: "
            "with keys and values from X itself (self-attention, Z = X, {m} × {m}) and from "
            "the English sentence Z (cross-attention, {m} × {n}). Only the source of the "
            "keys changes, and with it the shape of the weight matrix."
        ),
        "selfcross.table": (
            "Attention weights of each Spanish query: over the Spanish words (X) and over "
            "the English words (Z)"
        ),
        "selfcross.self": "self-attention: Z = X ({m} × {m})",
        "selfcross.cross": "cross-attention: Z = English ({m} × {n})",
        "selfcross.queries": "queries (Spanish, X)",
        "selfcross.keys_x": "keys (Spanish, X)",
        "selfcross.keys_z": "keys (English, Z)",
        # multi-head
        "heads.title": "Four attention heads side by side",
        "heads.alt": (
            "Four 6 by 6 heat maps, one per attention head, for causal self-attention "
            "over “the cat sat on the mat”. The upper triangle is empty in all of them; "
            "below it each head spreads its weight differently."
        ),
        "heads.caption": (
            "Multi-head attention with 4 heads of width 2 (model width 8, causal mask): "
            "each head projects the tokens into its own subspace and produces its own "
            "weight matrix."
        ),
        "heads.table": "Attention weights of every head (rows: head and query, columns: keys)",
        "heads.head": "head {number}",
        "heads.head_header": "head",
        # chunked-memory
        "memory.title": "Peak memory of full and chunked attention",
        "memory.alt": (
            "Line chart on logarithmic axes: peak memory against sequence length from "
            "256 to 2048. Full attention grows with the square of the length, reaching "
            "{full_mib} MiB; chunked attention grows linearly, reaching {chunked_mib} MiB."
        ),
        "memory.caption": (
            "Measured with tracemalloc for one head, d = 64, float32. Full attention "
            "stores every score; chunked attention keeps only {chunk} keys' scores at a "
            "time, so its memory grows linearly with the length."
        ),
        "memory.table": "Measured peak memory in MiB, rounded to 0.1 MiB",
        "memory.length": "sequence length L",
        "memory.peak": "peak memory (MiB)",
        "memory.full": "full attention",
        "memory.chunked": "chunked attention ({chunk} keys per chunk)",
        "memory.ratio": "full ÷ chunked",
        # image-queries
        "images.title": "Words and object queries attending over the patches of an image",
        "images.alt": (
            "Left: a 48 by 48 pixel image with a red disc at the top left, a blue square at "
            "the top right and a green triangle at the bottom, divided by a grid into 8 by 8 "
            "patches numbered 0 to 7 by row and by column. Right: six 8 by 8 heat maps of "
            "attention weights, one per query, with the outlines of the three shapes drawn "
            "on top. The words “red”, “blue” and “green”, used as queries, put {red}%, "
            "{blue}% and {green}% of their weight on the patches of the disc, the square and "
            "the triangle; each object query puts between {low}% and {high}% of its weight "
            "on a single object, the one closest to the area it prefers."
        ),
        "images.caption": (
            "A synthetic illustration of the mechanism, not a trained captioning or "
            "detection model: every vector is set by hand. The {size} × {size} pixel image "
            "is split into {grid} × {grid} patches of {patch} × {patch} pixels, and each "
            "patch becomes a feature vector computed from its pixels (mean colour, share of "
            "pixels unlike the background, a sine code of its position). The {m} queries live "
            "in the same space and attend over the {n} patches (m × n = {m} × {n}): a word, "
            "as in image captioning, encodes only a colour; an object query, as in DETR, "
            "encodes “something unlike the background near one area”."
        ),
        "images.table": (
            "The {top} patches (row, column) with the largest weight for each query, and the "
            "total weight on the patches that contain part of one object"
        ),
        "images.image": "image, {grid} × {grid} patches",
        "images.row": "row",
        "images.column": "column",
        "images.word": "word {word}",
        "images.red": "“red”",
        "images.blue": "“blue”",
        "images.green": "“green”",
        "images.object_query": "object query {number}",
        "images.query_number": "query {number}",
        "images.words_heading": "words as queries",
        "images.objects_heading": "object queries",
        "images.disc": "disc",
        "images.square": "square",
        "images.triangle": "triangle",
        "images.patch": "patch {rank} (row, column)",
        "images.weight": "weight {rank}",
        "images.object": "object",
        "images.share": "weight on the object's patches",
        # dtw-path
        "dtw.title": "Word timestamps from cross-attention: the DTW path",
        "dtw.alt": (
            "Heat map with {m} rows, one per word of “the black cat sat on the mat”, and {n} "
            "columns, one per audio frame, showing the standardised cross-attention of heads "
            "{heads}. A solid line, the dynamic-time-warping path, runs from the top-left "
            "to the bottom-right corner, moving right or down. Dashed boxes mark where each "
            "word really is; the path follows the bright band through them and gives the "
            "silence at the start to the first word and the final silence to the last word."
        ),
        "dtw.caption": (
            "Constructed example: {n} audio frames of {step} s, cross-attention weights of "
            "the alignment heads {heads}, each frame standardised over the words. The DTW "
            "path of least cost through the negated matrix gives each word a start and an "
            "end time."
        ),
        "dtw.table": "True and recovered times of each word, in seconds",
        "dtw.path": "DTW path",
        "dtw.and": " and ",
        "dtw.true": "true word interval",
        "dtw.xlabel": "time (s), audio frames as keys",
        "dtw.ylabel": "word (query)",
        "dtw.colour": "standardised weight",
        "dtw.word": "word",
        "dtw.true_start": "true start",
        "dtw.true_end": "true end",
        "dtw.dtw_start": "DTW start",
        "dtw.dtw_end": "DTW end",
        # token-maps
        "maps.title": "Cross-attention maps of a prompt, and reweighting one token",
        "maps.alt": (
            "Top row: five 8 by 8 maps, one per token of “a red ball on grass”. The maps of "
            "“red” and “ball” are bright on a disc in the upper half, the map of “grass” on "
            "the two bottom rows, and “a” and “on” are dim everywhere. Bottom row: three "
            "maps of the output written by “red” when its map is multiplied by 0, 1 and 2: "
            "empty, then the disc, then the same disc twice as bright; the grass stays dark."
        ),
        "maps.caption": (
            "Constructed example: 64 image positions (queries) attend over five prompt "
            "tokens (keys and values). Column j of the weights, reshaped to the grid, is the "
            "map of token j. Multiplying one map by c scales that token's contribution to "
            "the output only where its map is large."
        ),
        "maps.table": (
            "Sum of each map and its mean weight on the ball and on the grass; then the "
            "output written by “red” after multiplying its map by c"
        ),
        "maps.after": "“red” × {c}",
        "maps.token": "“{word}”",
        "maps.output": "output written by “red”",
        "maps.row": "map",
        "maps.sum": "sum",
        "maps.ball": "mean on the ball",
        "maps.grass": "mean on the grass",
        # learned-queries
        "lq.title": "Scores per layer: learned queries versus early fusion",
        "lq.alt": (
            "Line chart on logarithmic axes of the number of query-key scores per layer "
            "against the input length n, from 3 to {big}. The connector's cross-attention "
            "with {N} learned queries grows in proportion to n; a language-model layer that "
            "reads the {N} outputs and {t} text tokens stays flat at {fixed}; with early "
            "fusion the language-model layer reads all n inputs and grows with the square "
            "of n + {t}, up to {early}."
        ),
        "lq.caption": (
            "Counted by the page's snippet: {N} learned queries, {t} text tokens. Learned "
            "queries pay N·n scores once, in the connector; early fusion pays (n + t)² in "
            "every layer of the language model."
        ),
        "lq.table": "Query-key scores per layer for each input length n",
        "lq.connector": "connector, N·n (N = {N})",
        "lq.with_queries": "language model after it, (N + t)²",
        "lq.early": "early fusion, (n + t)² (t = {t})",
        "lq.xlabel": "input length n (vectors)",
        "lq.ylabel": "scores per layer",
        "lq.thousands": ",",  # digits grouped from five on
    },
    "es": {
        "data_summary": "Datos de la figura",
        "attention_weight": "peso de atención",
        "query": "consulta",
        "key": "clave",
        "query_key": "consulta \\ clave",
        # attention-heatmap
        "heatmap.title": "Pesos de autoatención de «the cat sat on the mat»",
        "heatmap.alt": (
            "Mapa de calor de seis filas (consultas) y seis columnas (claves), una por "
            "cada token de «the cat sat on the mat». Las celdas más claras son pesos de "
            "atención mayores; el número a la derecha de cada fila es su suma, que vale 1."
        ),
        "heatmap.caption": (
            "Pesos de atención de una capa de autoatención ilustrativa (*embeddings* "
            "aleatorios de 4 dimensiones). La fila i es la distribución de la consulta i "
            "sobre todas las claves, por lo que cada fila suma 1."
        ),
        "heatmap.table": "Pesos de atención: una fila por consulta, una columna por clave",
        "heatmap.sum": "Σ por fila",
        # attention-sink (página de lectura de la atención)
        "sink.title": "Una cabeza sin nada a lo que atender deposita su peso en [SEP]",
        "sink.alt": (
            "Tres mapas de calor de 8 por 8 sobre «[CLS] the cat sat on the mat [SEP]», con "
            "las consultas en filas y las claves en columnas. A la izquierda, los pesos de "
            "atención: las filas de «cat» y «mat» se iluminan en el «the» que las precede; "
            "todas las demás filas se iluminan en la columna de [SEP] ({weight} para «sat»). "
            "En el centro, la longitud de cada vector valor ponderado: la columna de [SEP] "
            "es oscura, porque su vector valor es corto; aporta el {share} % de la suma de "
            "longitudes de la fila «sat». A la derecha, la misma cabeza con [SEP] "
            "enmascarado: las filas sin sustantivo reparten su peso por igual entre las "
            "siete palabras."
        ),
        "sink.caption": (
            "Una cabeza construida a mano que enlaza cada sustantivo con el determinante que "
            "lo precede. Cada fila debe sumar 1, así que los tokens para los que la cabeza no "
            "tiene tarea ponen su peso en [SEP], cuyo vector valor es corto: pesos grandes, "
            "aportaciones pequeñas. Sin [SEP], esas mismas filas deben promediar los valores "
            "de las palabras."
        ),
        "sink.weights": "pesos a_ij",
        "sink.moved": "longitudes ‖a_ij v_j‖",
        "sink.no_sink": "pesos, [SEP] enmascarado",
        "sink.scale": "peso o longitud",
        "sink.table": "Por consulta: peso y longitud ponderada en [SEP], longitud de la salida "
                      "con [SEP] y sin él",
        "sink.on_sep": "peso en [SEP]",
        "sink.moved_sep": "‖a v‖ de [SEP]",
        "sink.norm": "‖o_i‖",
        "sink.norm_no_sink": "‖o_i‖ sin [SEP]",
        # sparse-normalisers (página de lectura de la atención)
        "sparse.title": "Softmax, 1.5-entmax y sparsemax de las mismas puntuaciones",
        "sparse.alt": (
            "Tres gráficos de barras contiguos, softmax, 1.5-entmax y sparsemax, cada uno sobre "
            "los seis tokens de «the cat sat on the mat» con la puntuación de cada uno bajo su "
            "nombre. La softmax da algo de peso a todos los tokens; "
            "la 1.5-entmax da exactamente 0 a las dos copias de «the»; la sparsemax da "
            "además exactamente 0 a «sat» y pone 0.6, 0.1 y 0.3 en «cat», «on» y «mat»."
        ),
        "sparse.caption": (
            "Tres normalizadores aplicados a una misma fila de puntuaciones. La softmax nunca "
            "vale exactamente 0; cuanto más dispersa es la normalización, más claves reciben "
            "un peso de exactamente 0. Cada fila sigue sumando 1."
        ),
        "sparse.table": "Pesos que da cada normalizador a cada token (puntuación entre "
                        "paréntesis)",
        "sparse.xlabel": "clave y su puntuación",
        "sparse.normaliser": "normalizador",
        # alignment-heads (página de lectura de la atención)
        "align.title": (
            "Las dos cabezas de atención cruzada del traductor y su relevancia ponderada por el "
            "gradiente frente al alineamiento de referencia"
        ),
        "align.alt": (
            "Tres mapas de calor: uno por cabeza de atención cruzada del traductor entrenado "
            "del sitio, y la relevancia ponderada por el gradiente de las dos cabezas, para la "
            "frase «the small cat sleeps near the red house», traducida como «el "
            "gato pequeño duerme cerca de la casa roja»: palabras en español en las filas, "
            "palabras en inglés en las columnas y los enlaces de referencia recuadrados en las "
            "dos cabezas. En "
            "las dos cabezas casi todas las filas tienen una sola celda brillante dentro de "
            "su recuadro, incluidos los cruces de «gato pequeño» y «casa roja». La fila de "
            "«de» es distinta: la cabeza 1 pone la mayor parte de su peso en el «the» que "
            "sigue a «near»; la cabeza 2, en «near», su palabra de referencia; la relevancia "
            "ponderada por el gradiente también pone la mayor parte en «near»."
        ),
        "align.caption": (
            "Atención cruzada del traductor publicado sobre una frase reservada, con la "
            "traducción de referencia como entrada del decodificador (forzado por el "
            "profesor): un panel por cabeza y otro con la relevancia ponderada por el "
            "gradiente de las cabezas (cada fila escalada para que sume 1). Cada título da la "
            "tasa de error de alineamiento (AER) sobre todas las frases reservadas."
        ),
        "align.head": "cabeza {number} (AER {aer})",
        "align.relevance": "ponderada por el gradiente (AER {aer})",
        "align.relevance_name": "relevancia ponderada por el gradiente",
        "align.scale": "peso o proporción de la relevancia",
        "align.head_name": "cabeza {number}",
        "align.mean": "media de las cabezas",
        "align.which": "pesos",
        "align.table": (
            "AER sobre {phrases} frases reservadas ({words} palabras en español) y dónde cae "
            "el mayor peso de las {de} filas de «de»"
        ),
        "align.de_near": "«de» en «near»",
        "align.de_next": "«de» en la palabra siguiente",
        # softmax-temperature
        "temperature.title": "Efecto de la temperatura en la softmax",
        "temperature.alt": (
            "Gráfico de líneas: los pesos de atención de tres claves con puntuaciones "
            "2.0, 1.0 y 0.1 cuando la temperatura crece de 0.1 a 10 en un eje "
            "logarítmico. Con temperatura baja, la puntuación más alta se lleva casi todo "
            "el peso; con temperatura alta, los tres pesos se acercan a 1/3."
        ),
        "temperature.caption": (
            "Las puntuaciones se dividen entre una temperatura T antes de la softmax: con "
            "T < 1 la distribución se concentra en la puntuación más alta y con T > 1 se "
            "aplana hacia pesos uniformes."
        ),
        "temperature.table": "Peso de atención de cada clave a varias temperaturas",
        "temperature.xlabel": "temperatura T (escala logarítmica)",
        "temperature.uniform": "uniforme (1/3)",
        "temperature.score": "puntuación",
        # scaling
        "scaling.title": "Por qué las puntuaciones se dividen entre √dₖ",
        "scaling.alt": (
            "Dos gráficos de líneas en función de la dimensión de las claves dₖ, de 4 a "
            "1024, con ejes logarítmicos. Izquierda: la varianza medida de q·k crece en "
            "proporción a dₖ, mientras que la de q·k/√dₖ se mantiene cerca de 1. "
            "Derecha: sin escalar, la media del mayor peso de la softmax entre 32 claves "
            "sube hacia 1 (saturación); con el escalado se mantiene cerca de {scaled_top}."
        ),
        "scaling.caption": (
            "Medido sobre consultas y claves aleatorias con componentes de varianza 1 "
            "({trials} consultas y {n_keys} claves por dimensión). La varianza de la "
            "puntuación crece como dₖ y la softmax de las puntuaciones sin escalar se "
            "satura; dividir entre √dₖ estabiliza ambas."
        ),
        "scaling.table": "Varianza medida de la puntuación y media del mayor peso por dimensión",
        "scaling.dim": "dimensión de las claves dₖ",
        "scaling.variance": "varianza de la puntuación",
        "scaling.max_weight": "media del mayor peso",
        "scaling.unscaled": "sin escalar",
        "scaling.scaled": "con escalado 1/√dₖ",
        "scaling.variance_header": "varianza",
        "scaling.max_header": "mayor peso",
        # masks
        "masks.title": "Máscara causal, máscara de relleno y su combinación",
        "masks.alt": (
            "Tres cuadrículas de 6 por 6 para la oración «the cat sat» completada con tres "
            "tokens <pad> de relleno. Máscara causal: cada consulta solo puede atender a "
            "sí misma y a las claves anteriores (triángulo inferior). Máscara de relleno: ninguna "
            "consulta puede atender a las tres claves <pad>. Combinada: solo quedan las "
            "celdas que permiten ambas máscaras."
        ),
        "masks.caption": (
            "Las celdas llenas pueden recibir atención; las vacías están enmascaradas y "
            "su peso de atención es exactamente 0. La máscara combinada es la conjunción "
            "lógica (Y) de las otras dos."
        ),
        "masks.table": "Máscara combinada (1 = puede atender, 0 = enmascarada)",
        "masks.causal": "máscara causal",
        "masks.padding": "máscara de relleno",
        "masks.combined": "combinada",
        "masks.allowed": "puede atender",
        "masks.masked": "enmascarada",
        # cross-attention
        "cross.title": "Atención cruzada del español al inglés",
        "cross.alt": (
            "Izquierda: las palabras en español «el gato negro se sentó en la alfombra» "
            "a un lado y las palabras en inglés «the black cat sat on the mat» al otro, "
            "unidas por líneas cuyo grosor es el peso de atención; cada palabra en "
            "español se une sobre todo a su traducción, con cruces donde cambia el orden "
            "de las palabras. Derecha: la misma matriz de pesos de 8 por 7 como mapa de "
            "calor."
        ),
        "cross.caption": (
            "Cada palabra en español (consulta, del decodificador) atiende a las palabras "
            "en inglés (claves y valores, del codificador): la matriz de pesos es "
            "m × n = 8 × 7. Los estados se construyen a mano para que cada palabra y su "
            "traducción apunten en la misma dirección; un modelo entrenado aprende sus "
            "propios estados."
        ),
        "cross.table": (
            "Pesos de atención cruzada: consultas en español (filas) sobre claves en inglés"
        ),
        "cross.target": "español (consultas)",
        "cross.source": "inglés (claves)",
        # self-vs-cross
        "selfcross.title": "Autoatención y atención cruzada con las mismas consultas",
        "selfcross.alt": (
            "Dos mapas de calor, uno junto a otro, con las mismas ocho palabras en español "
            "como filas. A la izquierda, la autoatención: las columnas son las mismas "
            "palabras en español, una cuadrícula cuadrada de {m} × {m} cuyas celdas más "
            "claras están en la diagonal. A la derecha, la atención cruzada: las columnas "
            "son las siete palabras en inglés, una cuadrícula rectangular de {m} × {n} en "
            "la que la celda más clara de cada fila es la traducción de la palabra."
        ),
        "selfcross.caption": (
            "La misma función de atención con las mismas consultas en español X, llamada "
            "dos veces: con claves y valores tomados de la propia X (autoatención, Z = X, "
            "{m} × {m}) y de la oración en inglés Z (atención cruzada, {m} × {n}). Solo "
            "cambia de dónde salen las claves y, con ello, la forma de la matriz de pesos."
        ),
        "selfcross.table": (
            "Pesos de atención de cada consulta en español: sobre las palabras en español "
            "(X) y sobre las palabras en inglés (Z)"
        ),
        "selfcross.self": "autoatención: Z = X ({m} × {m})",
        "selfcross.cross": "atención cruzada: Z = inglés ({m} × {n})",
        "selfcross.queries": "consultas (español, X)",
        "selfcross.keys_x": "claves (español, X)",
        "selfcross.keys_z": "claves (inglés, Z)",
        # multi-head
        "heads.title": "Cuatro cabezas de atención, una junto a otra",
        "heads.alt": (
            "Cuatro mapas de calor de 6 por 6, uno por cabeza de atención, para la "
            "autoatención causal sobre «the cat sat on the mat». El triángulo superior "
            "está vacío en todos; por debajo, cada cabeza reparte su peso de forma "
            "distinta."
        ),
        "heads.caption": (
            "Atención multicabeza con 4 cabezas de ancho 2 (ancho del modelo 8, máscara causal): "
            "cada cabeza proyecta los tokens en su propio subespacio y produce su propia "
            "matriz de pesos."
        ),
        "heads.table": (
            "Pesos de atención de cada cabeza (filas: cabeza y consulta; columnas: claves)"
        ),
        "heads.head": "cabeza {number}",
        "heads.head_header": "cabeza",
        # chunked-memory
        "memory.title": "Memoria máxima de la atención completa y por bloques",
        "memory.alt": (
            "Gráfico de líneas con ejes logarítmicos: memoria máxima frente a la longitud "
            "de la secuencia, de 256 a 2048. La atención completa crece con el cuadrado "
            "de la longitud y llega a {full_mib} MiB; la atención por bloques crece de "
            "forma lineal y llega a {chunked_mib} MiB."
        ),
        "memory.caption": (
            "Medido con tracemalloc para una cabeza, d = 64, float32. La atención "
            "completa guarda todas las puntuaciones; la atención por bloques conserva "
            "solo las puntuaciones de {chunk} claves a la vez, así que su memoria crece "
            "de forma lineal con la longitud."
        ),
        "memory.table": "Memoria máxima medida, en MiB, redondeada a 0.1 MiB",
        "memory.length": "longitud de la secuencia L",
        "memory.peak": "memoria máxima (MiB)",
        "memory.full": "atención completa",
        "memory.chunked": "atención por bloques ({chunk} claves por bloque)",
        "memory.ratio": "completa ÷ por bloques",
        # image-queries
        "images.title": "Palabras y consultas de objetos que atienden a los parches de una imagen",
        "images.alt": (
            "Izquierda: una imagen de 48 por 48 píxeles con un disco rojo arriba a la "
            "izquierda, un cuadrado azul arriba a la derecha y un triángulo verde abajo, "
            "dividida mediante una cuadrícula en 8 por 8 parches numerados de 0 a 7 por fila y "
            "por columna. Derecha: seis mapas de calor de 8 por 8 con pesos de atención, uno "
            "por consulta, con los contornos de las tres figuras superpuestos. Las palabras "
            "«rojo», «azul» y «verde», usadas como consultas, ponen el {red} %, el {blue} % y "
            "el {green} % de su peso en los parches del disco, del cuadrado y del triángulo; "
            "cada consulta de objetos pone entre el {low} % y el {high} % de su peso en un "
            "solo objeto, el más cercano a la zona que prefiere."
        ),
        "images.caption": (
            "Ilustración sintética del mecanismo, no un modelo entrenado de generación de "
            "descripciones ni de detección: todos los vectores se fijan a mano. La imagen de "
            "{size} × {size} píxeles se divide en {grid} × {grid} parches (*patches*) de "
            "{patch} × {patch} píxeles, y cada parche se convierte en un vector de "
            "características calculado a partir de sus píxeles (color medio, proporción de "
            "píxeles distintos del fondo y un código sinusoidal de su posición). Las {m} "
            "consultas están en el mismo espacio y atienden a los {n} parches "
            "(m × n = {m} × {n}): una palabra, como en la generación de descripciones de "
            "imágenes, solo codifica un color; una consulta de objetos, como en DETR, "
            "codifica «algo distinto del fondo cerca de una zona»."
        ),
        "images.table": (
            "Los {top} parches (fila, columna) con más peso de cada consulta y el peso total "
            "en los parches que contienen parte de un objeto"
        ),
        "images.image": "imagen, {grid} × {grid} parches",
        "images.row": "fila",
        "images.column": "columna",
        "images.word": "palabra {word}",
        "images.red": "«rojo»",
        "images.blue": "«azul»",
        "images.green": "«verde»",
        "images.object_query": "consulta de objetos {number}",
        "images.query_number": "consulta {number}",
        "images.words_heading": "palabras como consultas",
        "images.objects_heading": "consultas de objetos",
        "images.disc": "disco",
        "images.square": "cuadrado",
        "images.triangle": "triángulo",
        "images.patch": "parche {rank} (fila, columna)",
        "images.weight": "peso {rank}",
        "images.object": "objeto",
        "images.share": "peso en los parches del objeto",
        # dtw-path
        "dtw.title": "Marcas de tiempo de palabras a partir de la atención cruzada: el camino DTW",
        "dtw.alt": (
            "Mapa de calor con {m} filas, una por palabra de «the black cat sat on the mat», y "
            "{n} columnas, una por trama de audio, que muestra la atención cruzada "
            "estandarizada de las cabezas {heads}. Una línea continua, el camino del "
            "alineamiento temporal dinámico, va de la esquina superior izquierda a la inferior "
            "derecha, avanzando hacia la derecha o hacia abajo. Unos recuadros discontinuos "
            "marcan dónde está realmente cada palabra; el camino sigue la banda clara que los "
            "atraviesa y asigna el silencio inicial a la primera palabra y el silencio final a "
            "la última."
        ),
        "dtw.caption": (
            "Ejemplo sintético: {n} tramas de audio de {step} s, pesos de atención "
            "cruzada de las cabezas de alineamiento {heads}, cada trama estandarizada "
            "sobre las palabras. El camino DTW de costo mínimo a través de la matriz con el "
            "signo cambiado da a cada palabra un instante de inicio y uno de fin."
        ),
        "dtw.table": "Tiempos reales y recuperados de cada palabra, en segundos",
        "dtw.path": "camino DTW",
        "dtw.and": " y ",
        "dtw.true": "intervalo real de la palabra",
        "dtw.xlabel": "tiempo (s), tramas de audio como claves",
        "dtw.ylabel": "palabra (consulta)",
        "dtw.colour": "peso estandarizado",
        "dtw.word": "palabra",
        "dtw.true_start": "inicio real",
        "dtw.true_end": "fin real",
        "dtw.dtw_start": "inicio DTW",
        "dtw.dtw_end": "fin DTW",
        # token-maps
        "maps.title": "Mapas de atención cruzada de una instrucción y reponderación de un token",
        "maps.alt": (
            "Fila superior: cinco mapas de 8 por 8, uno por token de «a red ball on grass». "
            "Los mapas de «red» y «ball» son claros sobre un disco en la mitad superior, el "
            "de «grass» en las dos filas inferiores, y «a» y «on» son tenues en todas partes. "
            "Fila inferior: tres mapas de la salida escrita por «red» cuando su mapa se "
            "multiplica por 0, 1 y 2: vacía, después el disco y después el mismo disco con el "
            "doble de intensidad; la hierba sigue oscura."
        ),
        "maps.caption": (
            "Ejemplo sintético: 64 posiciones de la imagen (consultas) atienden a cinco "
            "tokens de la instrucción (claves y valores). La columna j de los pesos, "
            "reorganizada en la cuadrícula, es el mapa del token j. Multiplicar un mapa por c "
            "escala la contribución de ese token a la salida solo donde su mapa es grande."
        ),
        "maps.table": (
            "Suma de cada mapa y su peso medio sobre la pelota y sobre la hierba; después, la "
            "salida escrita por «red» tras multiplicar su mapa por c"
        ),
        "maps.after": "«red» × {c}",
        "maps.token": "«{word}»",
        "maps.output": "salida escrita por «red»",
        "maps.row": "mapa",
        "maps.sum": "suma",
        "maps.ball": "media sobre la pelota",
        "maps.grass": "media sobre la hierba",
        # learned-queries
        "lq.title": "Puntuaciones por capa: consultas aprendidas frente a fusión temprana",
        "lq.alt": (
            "Gráfico de líneas con ejes logarítmicos del número de puntuaciones entre "
            "consultas y claves por capa frente a la longitud de la entrada n, de 3 a {big}. "
            "La atención cruzada del conector con {N} consultas aprendidas crece en "
            "proporción a n; una capa del modelo de lenguaje que lee las {N} salidas y {t} "
            "tokens de texto se mantiene constante en {fixed}; con la fusión temprana, la "
            "capa del modelo de lenguaje lee las n entradas y crece con el cuadrado de "
            "n + {t}, hasta {early}."
        ),
        "lq.caption": (
            "Contado por el fragmento de código de la página: {N} consultas aprendidas, {t} "
            "tokens de texto. Las consultas aprendidas cuestan N·n puntuaciones una sola vez, "
            "en el conector; la fusión temprana cuesta (n + t)² en cada capa del modelo de "
            "lenguaje."
        ),
        "lq.table": "Puntuaciones entre consultas y claves por capa para cada longitud n",
        "lq.connector": "conector, N·n (N = {N})",
        "lq.with_queries": "modelo de lenguaje posterior, (N + t)²",
        "lq.early": "fusión temprana, (n + t)² (t = {t})",
        "lq.xlabel": "longitud de la entrada n (vectores)",
        "lq.ylabel": "puntuaciones por capa",
        "lq.thousands": "\u00a0",  # RAE: a no-break space, from five digits on
    },
}


def translator(
    figure: str, lang: str, strings: dict[str, dict[str, str]] | None = None
) -> Callable[..., str]:
    """Return t(key, **values) for one figure and language; unknown keys raise ValueError.

    ``strings`` is the catalog to read (default: this module's); other figure families,
    such as the translator's, pass their own.
    """
    strings = STRINGS if strings is None else strings
    if lang not in strings:
        raise ValueError(
            f"figure {figure!r}: no label catalog for language {lang!r} "
            f"(available: {sorted(strings)})"
        )
    catalog = strings[lang]

    def t(key: str, **values: object) -> str:
        if key not in catalog:
            raise ValueError(
                f"figure {figure!r}: missing translation for key {key!r} in language {lang!r}"
            )
        return catalog[key].format(**values) if values else catalog[key]

    return t
