"""Notebook 4: a tiny English → Spanish translator trained in numpy (a short run)."""

from __future__ import annotations

from notebooks.cells import Code, Markdown, NotebookSource, Parameters, Snippet
from notebooks.sources._common import SETUP_NOTE, setup

ORDER = 4

LEXICON = "snippets/translator/lexicon.py"
CORPUS = "snippets/translator/corpus.py"
LAYERS = "snippets/translator/layers.py"
MODEL = "snippets/translator/model.py"
CHECKPOINT = "snippets/translator/checkpoint.py"
EVALUATE = "snippets/translator/evaluate.py"
TRAIN = "snippets/translator/train.py"

CELLS = (
    Markdown(
        id="top",
        en="""
# A tiny English → Spanish translator trained in numpy

This notebook trains a small translation model from scratch and watches its cross-attention
learn which English word each Spanish word comes from. A grammar writes English–Spanish
phrase pairs together with their gold word alignments; a Transformer-style encoder-decoder
with one layer on each side, whose forward and backward passes are written out in numpy,
learns to translate them; and its cross-attention weights are compared with the gold
alignments, including the crossing where Spanish puts the adjective after the noun.

So that it runs in a few seconds, the training here is **much shorter** than the run behind
the page *Learned cross-attention: a tiny English → Spanish translator*: fewer steps, smaller
batches, a smaller corpus. Every number below comes from this short run; the full run
(`make train` in a clone of the repository) and its measured accuracies are on that page.

The code is copied from the site's `snippets/translator/` modules, so the notebook needs only
Python 3.10 or later, numpy and matplotlib. Run the cells in order, from top to bottom.
""",
        es="""
# Un traductor diminuto de inglés a español entrenado con numpy

Este cuaderno entrena desde cero un pequeño modelo de traducción y observa cómo su atención
cruzada aprende de qué palabra en inglés procede cada palabra en español. Una gramática escribe
pares de frases en inglés y en español junto con el alineamiento de referencia de cada
palabra; un codificador-decodificador al estilo del Transformer, con una capa a cada lado y
con las pasadas hacia delante y hacia atrás escritas a mano en numpy, aprende a traducirlas;
y sus pesos de atención cruzada se comparan con esos alineamientos, incluido el cruce que se
produce cuando el español pone el adjetivo después del sustantivo.

Para que se ejecute en pocos segundos, el entrenamiento es aquí **mucho más corto** que el que
respalda la página *Atención cruzada aprendida: un traductor diminuto de inglés a español*:
menos pasos, lotes más pequeños y un corpus menor. Todas las cifras siguientes proceden de
este entrenamiento corto; el entrenamiento completo (`make train` en una copia del
repositorio) y las exactitudes medidas con él están en esa página.

El código está copiado de los módulos de `snippets/translator/` del sitio, de modo que el
cuaderno solo necesita Python 3.10 o posterior, numpy y matplotlib. Ejecute las celdas en
orden, de arriba abajo. Los decimales se escriben con punto, como en Python, y el código y sus
comentarios están en inglés, como en el resto del sitio.
""",
    ),
    Parameters(),
    SETUP_NOTE,
    setup("""
from __future__ import annotations  # annotations as text: a class may name itself in them

import functools
import os

# Before numpy loads: one BLAS thread. The matrices are tiny, and on a busy machine the
# hand-offs between threads made training several times slower; the results are the same.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass

import matplotlib.pyplot as plt
import numpy as np
"""),
    Markdown(
        id="words",
        en="""
## The words

The lexicon is closed and small: nouns with their gender and both numbers in both
languages, adjectives with their four Spanish forms, determiners, verbs and prepositions.
A Spanish determiner agrees with its noun in gender and number, so each English determiner
maps to one Spanish form per (gender, number) it can take; this table is shown, the other
word lists are folded. The vocabularies turn words into the integer ids the model reads, and
reserve ids for padding and for the `<bos>` and `<eos>` markers that start and end a Spanish
phrase.
""",
        es="""
## Las palabras

El léxico es cerrado y pequeño: sustantivos con su género y sus dos números en ambos idiomas,
adjetivos con sus cuatro formas en español, determinantes, verbos y preposiciones. El
determinante en español concuerda con su sustantivo en género y número, así que cada
determinante en inglés corresponde a una forma en español por cada combinación de género y número
que admite; esa tabla se muestra y las demás listas de palabras están plegadas. Los
vocabularios convierten las palabras en los identificadores enteros que lee el modelo y
reservan identificadores para el relleno y para las marcas `<bos>` y `<eos>`, que abren y
cierran una frase en español.
""",
    ),
    Snippet(LEXICON, names=("Noun", "Adjective", "adjective", "NOUNS", "ADJECTIVES"), fold=True),
    # By name, not the "determiners" section: that one opens with comment lines, which
    # tests/test_notebooks.py would take for the cell's "# From snippets/..." header.
    Snippet(LEXICON, names=("DETERMINERS",)),
    Snippet(LEXICON, names=("VERBS", "PREPOSITIONS", "NOUN_BY_ENGLISH", "ADJECTIVE_BY_ENGLISH"),
            fold=True),
    Snippet(LEXICON, section="vocabularies", fold=True),
    Markdown(
        id="data",
        en="""
## Phrase pairs with gold alignments

A grammar generates both sides of every phrase pair at once. A noun phrase is a determiner,
an optional adjective and a noun; a phrase is a noun phrase, optionally followed by a verb
(only animals may be its subject) and by a prepositional phrase. Because the grammar builds
the Spanish words itself, it knows which English word each one translates: a `Pair` holds
that *gold alignment*, one English position per Spanish word.

`noun_phrase` is where the languages part ways: Spanish puts the adjective after the noun,
so for *the red house* → *la casa roja* the alignment is `(0, 2, 1)`, and lines drawn from
the Spanish words to their English sources cross. Word counts need not match either: *near*
gives two words, *cerca de*, and *de* + *el* contracts to *del*, aligned to *the*. Finally, a
fixed fifth of the noun-adjective combinations never occur in the training phrases; every
*held-out* phrase contains at least one of them, so translating it requires putting together
what the model learned separately.
""",
        es="""
## Pares de frases con su alineamiento de referencia

Una gramática genera a la vez las dos mitades de cada par de frases. Un sintagma nominal
consta de un determinante, un adjetivo opcional y un sustantivo; una frase es un sintagma
nominal, seguido opcionalmente de un verbo (solo los animales pueden ser su sujeto) y de un
sintagma preposicional. Como la gramática construye ella misma las palabras en español, sabe
qué palabra en inglés traduce cada una: un `Pair` guarda ese *alineamiento de referencia*, una
posición de la frase en inglés por cada palabra en español.

`noun_phrase` es donde los dos idiomas divergen: el español pone el adjetivo detrás del
sustantivo, así que para *the red house* → *la casa roja* el alineamiento es `(0, 2, 1)`, y las
líneas trazadas desde cada palabra en español hasta la palabra en inglés de la que procede se
cruzan. Tampoco tiene por qué coincidir el número de palabras: *near* da dos, *cerca de*, y
*de* + *el* se contrae en *del*, que se alinea con *the*. Por último, una quinta parte fija de
las combinaciones de sustantivo y adjetivo no aparece nunca en las frases de entrenamiento;
cada una de las *frases reservadas* (*held-out*) contiene al menos una de ellas, de modo que
traducirla exige combinar lo que el modelo aprendió por separado.
""",
    ),
    Snippet(CORPUS, names=("Pair",)),
    Snippet(CORPUS, section="adjective_placement"),
    Snippet(CORPUS, names=("verb",), fold=True),
    Snippet(CORPUS, section="contraction"),
    Snippet(CORPUS, section="held_out"),
    Snippet(
        CORPUS,
        names=("reference", "_parse_noun_phrase", "_singular_noun", "_parse_verb", "FORMS",
               "FORM_PROBABILITIES", "ADJECTIVE_PROBABILITY", "_random_noun_phrase",
               "random_phrase", "Splits", "make_splits", "_distinct"),
        fold=True,
    ),
    Code("""
print(TEXT["gold"])
for text in ("the red house", "my black cows sleep", "a book on my table",
             "this cat runs near the big tree"):
    pair = reference(text)  # the grammar's translation and its gold alignment
    print(f"  {text}  →  {' '.join(pair.target)}")
    print("      " + "   ".join(f"{es} ← {pair.source[i]}"
                                for es, i in zip(pair.target, pair.alignment, strict=True)))
examples = ", ".join(f"{adjective} {noun}" for noun, adjective in HELD_OUT_COMBINATIONS[:4])
print(TEXT["held_out"].format(held=len(HELD_OUT_COMBINATIONS), total=len(NOUNS) * len(ADJECTIVES),
                              examples=examples))
"""),
    Markdown(
        id="model",
        en="""
## The model, forward and backward

The encoder turns the English words into states: embeddings plus position vectors, then
self-attention over the whole phrase and a feed-forward layer, each added to its input. The
decoder reads the Spanish phrase shifted one place to the right (`<bos>` first) and predicts
the next word at every position: causal self-attention over the words before it, then
**cross-attention**, whose queries come from the decoder and whose keys and values come from
the encoder states, then a feed-forward layer and an output layer with one score per Spanish
word. There is no layer normalisation and no dropout.

Every attention block runs `attention_forward`. Its `weights` are the attention weights; in
the cross-attention block, row t says how much Spanish position t reads from each English
word, and since position t produces Spanish word t, that row can be compared with the word's
gold alignment. No automatic differentiation is used: `attention_backward` is the gradient
worked out by hand (a comment marks the step through the softmax), and the site's tests check
every backward pass against finite differences. The other layers, the loss and the assembly
of the model are folded.
""",
        es="""
## El modelo, hacia delante y hacia atrás

El codificador convierte las palabras en inglés en estados: *embeddings* (vectores de
representación) más vectores de posición, seguidos de una autoatención sobre toda la frase y
de una red prealimentada, cada una sumada a su entrada. El decodificador lee la frase en
español desplazada una posición a la derecha (con `<bos>` al principio) y predice la palabra
siguiente en cada posición: autoatención causal sobre las palabras anteriores, después
**atención cruzada**, cuyas consultas proceden del decodificador y cuyas claves y valores
proceden de los estados del codificador, y por último una red prealimentada y una capa de
salida con una puntuación por palabra del español. No hay normalización de capa ni
desactivación aleatoria de neuronas (*dropout*).

Todos los bloques de atención usan `attention_forward`. Sus `weights` son los pesos de
atención; en el bloque de atención cruzada, la fila t indica cuánto lee la posición t de la
frase en español de cada palabra en inglés, y como la posición t produce la palabra en español t,
esa fila puede
compararse con el alineamiento de referencia de esa palabra. No se usa diferenciación
automática: `attention_backward` es el gradiente calculado a mano (un comentario señala el
paso por la softmax), y las pruebas del sitio comparan cada pasada hacia atrás con
diferencias finitas. Las demás capas, la pérdida y el montaje del modelo están plegados.
""",
    ),
    Snippet(LAYERS, names=("masked_softmax", "split_heads", "merge_heads", "AttentionCache"),
            fold=True),
    Snippet(LAYERS, section="attention_forward"),
    Snippet(LAYERS, section="attention_backward"),
    Snippet(
        LAYERS,
        names=("_sum_outer", "FeedForwardCache", "feed_forward_forward", "feed_forward_backward",
               "cross_entropy"),
        fold=True,
    ),
    Snippet(
        MODEL,
        names=("Params", "Config", "ATTENTION_BLOCKS", "FEED_FORWARD_BLOCKS", "init_params",
               "block", "Batch", "Cache", "encode"),
        fold=True,
    ),
    Snippet(MODEL, section="decoder_forward"),
    Snippet(
        MODEL,
        names=("forward", "backward", "_embedding_grad", "_position_grad", "greedy_decode"),
        fold=True,
    ),
    Markdown(
        id="training",
        en="""
## A short training run

One training step feeds the reference Spanish words to the decoder (*teacher forcing*),
computes the mean cross-entropy of each next word, runs the backward pass and lets Adam
update the weights. The learning rate rises linearly during a short warm-up, then decays
linearly to zero.

Two numbers measure the model on the held-out phrases. **Exact match** is the share of
phrases whose translation by *greedy decoding* (at every step, the likeliest next word, fed
back to the decoder) equals the reference word for word. **Alignment accuracy** is the share
of reference Spanish words whose largest cross-attention weight, averaged over the heads,
falls on their gold English word; it is measured with the reference fed to the decoder, so
that every word is scored. `train` measures both at a few checkpoints.
""",
        es="""
## Un entrenamiento corto

Un paso de entrenamiento suministra al decodificador las palabras correctas de la referencia en
español (la técnica llamada *teacher forcing*, o forzado por el profesor), calcula la entropía
cruzada media de cada palabra siguiente, ejecuta la pasada hacia atrás y deja que Adam
actualice los pesos. La tasa de aprendizaje crece linealmente durante un breve calentamiento y
luego decrece linealmente hasta cero.

Dos números miden el modelo en las frases reservadas. La **coincidencia exacta** es la
proporción de frases cuya traducción por *decodificación voraz* (*greedy decoding*: en cada
paso, la palabra siguiente más probable, que vuelve a entrar en el decodificador) es igual a
la referencia palabra por palabra. La **exactitud del alineamiento** es la proporción de
palabras en español de la referencia cuyo mayor peso de atención cruzada, promediado sobre las
cabezas, recae en su palabra de referencia en inglés; se mide con la referencia como entrada
del decodificador, para puntuar todas las palabras. `train` mide ambas en unos pocos puntos
de control.
""",
    ),
    Snippet(TRAIN, section="adam"),
    Snippet(TRAIN, section="training_step"),
    Snippet(CHECKPOINT, names=("History", "round_params"), fold=True),
    Snippet(EVALUATE, names=("Mistake", "WordAlignment", "Metrics", "cross_attention"),
            fold=True),
    Snippet(EVALUATE, section="alignment_accuracy"),
    Snippet(EVALUATE, names=("evaluate",), fold=True),
    Snippet(
        TRAIN,
        names=("EXAMPLE_SOURCE", "example_pair", "Schedule", "learning_rate", "train", "_trim",
               "_snapshot"),
        fold=True,
    ),
    Markdown(
        en="""
The short run keeps the model, the optimiser and the shape of the learning-rate curve of the
full run, and changes only the number of steps (the warm-up shrinks in proportion), the batch
size, the size of the training corpus and the number of held-out phrases. The next cell
prints both schedules, trains, and prints the held-out metrics at each checkpoint.
""",
        es="""
El entrenamiento corto conserva el modelo, el optimizador y la forma de la curva de la tasa de
aprendizaje del entrenamiento completo, y solo cambia el número de pasos (el calentamiento se
acorta en proporción), el tamaño del lote, el tamaño del corpus de entrenamiento y el número de
frases reservadas. La celda siguiente muestra ambos planes de entrenamiento, entrena e
imprime las métricas en las frases reservadas en cada punto de control.
""",
    ),
    Code("""
def percent(share: float) -> str:
    \"\"\"97.5% in English, 97.5 % in Spanish (RAE: a no-break space before the sign).\"\"\"
    return f"{share * 100:.1f}" + ("\\u00a0%" if LANG == "es" else "%")


def number(n: int) -> str:
    \"\"\"12,000 in English, 12 000 in Spanish (RAE: a no-break space from five digits on).\"\"\"
    if LANG == "en":
        return f"{n:,}"
    return f"{n:,}".replace(",", "\\u00a0") if n >= 10_000 else str(n)


config = Config()  # the sizes of the model behind the page
short = Schedule(steps=300, batch_size=32, warmup=30, n_train=3000, n_test=200,
                 checkpoints=(0, 100, 200, 300))
for run, s in ((TEXT["short_run"], short), (TEXT["full_run"], Schedule())):
    print(TEXT["schedule"].format(run=run, steps=s.steps, batch=s.batch_size, n=number(s.n_train),
                                  lr=s.learning_rate))
params, history = train(short, config)  # seeded: the same weights on every run
splits = make_splits(short.n_train, short.n_test, short.seed)  # the phrases train() used
print()
print(f"{TEXT['step']:>6}  {TEXT['exact_match']:>20}  {TEXT['alignment_accuracy']:>27}")
for step, exact, aligned in zip(history.checkpoint_steps, history.exact_match,
                                history.alignment, strict=True):
    print(f"{step:>6}  {percent(exact):>20}  {percent(aligned):>27}")
"""),
    Markdown(
        en="""
On the left, the training loss on a logarithmic scale; on the right, the same checkpoints as
the table. In this run, alignment accuracy rises first and exact match follows: the model
already looks at the right English word while it still gets Spanish words wrong, and exact
match needs every word of a phrase right.
""",
        es="""
A la izquierda, la pérdida de entrenamiento en escala logarítmica; a la derecha, los mismos
puntos de control que la tabla. En este entrenamiento, la exactitud del alineamiento sube
primero y la coincidencia exacta la sigue: el modelo ya mira la palabra en inglés correcta
mientras todavía se equivoca en palabras en español, y la coincidencia exacta exige acertar
todas las palabras de una frase.
""",
    ),
    Code("""
fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3), layout="constrained")
left.plot(history.loss_steps, history.loss)
left.set_yscale("log")
left.set_xlabel(TEXT["step_axis"])
left.set_ylabel(TEXT["loss_axis"])
left.set_title(TEXT["loss_title"].format(n=short.log_every))
right.plot(history.checkpoint_steps, history.exact_match, "o-", label=TEXT["exact_match"])
right.plot(history.checkpoint_steps, history.alignment, "s--", label=TEXT["alignment_accuracy"])
right.set_xticks(history.checkpoint_steps)
right.set_ylim(0, 1.05)
right.set_xlabel(TEXT["step_axis"])
right.set_ylabel(TEXT["share_axis"])
right.set_title(TEXT["metrics_title"].format(n=len(splits.test)))
right.legend(loc="lower right")
plt.show()
"""),
    Markdown(
        id="crossing",
        en="""
## The crossing

The example phrase is *the small cat sleeps near the red house* → *el gato pequeño duerme
cerca de la casa roja*: two adjectives that move behind their nouns, and one English word
that gives two Spanish words. It is a held-out phrase: *red house* never occurs in training.
With the reference fed to the decoder, its cross-attention, averaged over the heads, is drawn
first as lines from each Spanish word (below) to the English words (above), each line as
thick as its weight, then as a heat map with the gold alignment outlined.
""",
        es="""
## El cruce

La frase de ejemplo es *the small cat sleeps near the red house* → *el gato pequeño duerme
cerca de la casa roja*: dos adjetivos que pasan detrás de su sustantivo y una palabra en inglés
que da dos en español. Es una frase reservada: *red house* no aparece nunca en el
entrenamiento. Con la referencia como entrada del decodificador, su atención cruzada,
promediada sobre las cabezas, se dibuja primero como líneas que van de cada palabra en español
(abajo) a las palabras en inglés (arriba), cada una tan gruesa como su peso, y después como un
mapa de calor con el alineamiento de referencia recuadrado.
""",
    ),
    Code("""
example = example_pair()
english, spanish = example.source, example.target
attention = cross_attention(params, config, [example])[0]  # (heads, Spanish words + <eos>, English)
weights = attention.mean(axis=0)[: len(spanish)]  # heads averaged; the <eos> row dropped
x_english = np.linspace(0, 1, len(english))
x_spanish = np.linspace(0, 1, len(spanish))
fig, ax = plt.subplots(figsize=(8, 2.6))
for j, i in np.argwhere(weights >= 0.05):  # thinner lines would be invisible anyway
    ax.plot([x_spanish[j], x_english[i]], [0, 1], color="C0", linewidth=6 * weights[j, i],
            solid_capstyle="round")
for x, word in zip(x_english, english, strict=True):
    ax.text(x, 1.08, word, ha="center", va="bottom")
for x, word in zip(x_spanish, spanish, strict=True):
    ax.text(x, -0.08, word, ha="center", va="top")
ax.set_xlim(-0.06, 1.06)
ax.set_ylim(-0.3, 1.3)
ax.axis("off")
ax.set_title(TEXT["lines_title"].format(heads=config.heads))
plt.show()
"""),
    Code("""
fig, ax = plt.subplots(figsize=(5.5, 4.5))
image = ax.imshow(weights, cmap="viridis", vmin=0, vmax=1, interpolation="nearest")
for j, i in enumerate(example.alignment):  # the gold English word of Spanish word j
    ax.add_patch(plt.Rectangle((i - 0.5, j - 0.5), 1, 1, fill=False, edgecolor="C3",
                               linewidth=2))
ax.set_xticks(range(len(english)), english, rotation=45, ha="right")
ax.set_yticks(range(len(spanish)), spanish)
ax.set_xlabel(TEXT["source_axis"])
ax.set_ylabel(TEXT["target_axis"])
ax.set_title(TEXT["heatmap_title"])
fig.colorbar(image, ax=ax, label=TEXT["weight"])
plt.show()
print(f"{TEXT['spanish_word']:<18}{TEXT['gold_word']:<16}{TEXT['largest_weight']}")
for a in word_alignments(params, config, [example]):
    miss = "" if a.predicted == a.gold else "  ✗"
    print(f"{spanish[a.position]:<18}{english[a.gold]:<16}"
          f"{english[a.predicted]} ({a.weight:.2f}){miss}")
"""),
    Markdown(
        en="""
Where Spanish keeps the English order, the lines run side by side; where the adjective
follows the noun, they cross: *gato* → *cat* against *pequeño* → *small*, and *casa* →
*house* against *roja* → *red*. The table gives, for each Spanish word, its gold English word
and the English word with the largest weight; ✗ marks a row whose largest weight misses the
gold word. After a run this short, some rows are still spread over several English words.
""",
        es="""
Donde el español conserva el orden del inglés, las líneas corren en paralelo; donde el
adjetivo sigue al sustantivo, se cruzan: *gato* → *cat* frente a *pequeño* → *small*, y
*casa* → *house* frente a *roja* → *red*. La tabla da, para cada palabra en español, su
palabra de referencia en inglés y la palabra en inglés con mayor peso; ✗ señala una fila cuyo
mayor peso no cae en la palabra de referencia. Tras un entrenamiento tan corto, algunas filas
siguen repartidas entre varias palabras en inglés.
""",
    ),
    Markdown(
        id="held-out",
        en="""
## Translating held-out phrases

`greedy_decode` translates without the reference: it starts from `<bos>`, takes the likeliest
next word, feeds it back, and stops at `<eos>`. The next cell translates the first held-out
phrases (✓ when the output equals the reference, which is printed below a wrong one), then
scores every held-out phrase and lists a few of the mistakes.
""",
        es="""
## Traducir frases reservadas

`greedy_decode` traduce sin la referencia: parte de `<bos>`, toma la palabra siguiente más
probable, la vuelve a introducir y se detiene en `<eos>`. La celda siguiente traduce las
primeras frases reservadas (✓ cuando la salida es igual a la referencia, que se imprime
debajo de una salida errónea), después puntúa todas las frases reservadas y muestra algunos de
los errores.
""",
    ),
    Code("""
shown = splits.test[:6]
outputs, _ = greedy_decode(params, config, Batch.from_pairs(shown).source)
for pair, words in zip(shown, outputs, strict=True):
    correct = tuple(words) == pair.target
    print(f"{'✓' if correct else '✗'} {' '.join(pair.source)}")
    print(f"    {TEXT['model']:<13}{' '.join(words)}")
    if not correct:
        print(f"    {TEXT['reference']:<13}{' '.join(pair.target)}")
metrics = evaluate(params, config, splits.test)
print()
print(TEXT["result"].format(right=metrics.phrases - len(metrics.mistakes), n=metrics.phrases,
                            exact=percent(metrics.exact_match),
                            aligned=percent(metrics.alignment)))
print(TEXT["mistakes"])
for mistake in metrics.mistakes[:4]:
    print(f"  {' '.join(mistake.source)}")
    print(f"    {TEXT['model']:<13}{' '.join(mistake.output)}")
    print(f"    {TEXT['reference']:<13}{' '.join(mistake.reference)}")
"""),
    Markdown(
        en="""
In this run, many of the mistakes are agreement errors: a determiner or an adjective in the
wrong gender or number. Others put one noun or adjective in place of another, drop or repeat a
word, or leave *de el* uncontracted. The full run removes most of them.
""",
        es="""
En este entrenamiento, muchos de los errores son de concordancia: un determinante o un
adjetivo en el género o el número equivocados. Otros ponen un sustantivo o un adjetivo en
lugar de otro, omiten o repiten una palabra, o dejan sin contraer *de el*. El entrenamiento
completo elimina la mayoría.
""",
    ),
    Markdown(
        id="try-it",
        en="""
## Try it: your own phrase

Change `phrase` and run the cell. It must follow the grammar and use words of the lexicon (at
most eight); otherwise `reference` raises a `ValueError` that names the problem. Try a
held-out combination such as *red house*, or a plural subject with a verb.
""",
        es="""
## Pruébelo: una frase propia

Cambie `phrase` y ejecute la celda. La frase debe seguir la gramática y usar palabras del
léxico (ocho como máximo); si no, `reference` lanza un `ValueError` que nombra el problema.
Pruebe una combinación reservada como *red house* o un sujeto en plural con un verbo.
""",
    ),
    Code("""
phrase = "these pretty hens walk under my green tree"
pair = reference(phrase)  # the grammar's translation; a ValueError names what it cannot parse
words, _ = greedy_decode(params, config, Batch.from_pairs([pair]).source)
print(f"{TEXT['model']:<13}{' '.join(words[0])}")
print(f"{TEXT['reference']:<13}{' '.join(pair.target)}")
"""),
    Markdown(
        id="next",
        en="""
## Where next

The page *Learned cross-attention: a tiny English → Spanish translator* trains the same model
with the full schedule printed above (`make train` in a clone of the repository, about ten
seconds on two CPU cores) and reports its measured exact match and alignment accuracy on the
held-out phrases. It also shows how the alignments emerge during training, derives the
backward pass of attention, and discusses where the attention misses the gold word (mostly
on the *de* of *cerca de*) and the limits of reading attention weights as an explanation.
""",
        es="""
## Para seguir

La página *Atención cruzada aprendida: un traductor diminuto de inglés a español* entrena el
mismo modelo con el plan completo mostrado más arriba (`make train` en una copia del
repositorio, unos diez segundos en dos núcleos de CPU) y da la coincidencia exacta y la
exactitud del alineamiento medidas en las frases reservadas. También muestra cómo surgen los
alineamientos durante el entrenamiento, desarrolla la pasada hacia atrás de la atención y
analiza dónde la atención no cae en la palabra de referencia (sobre todo en el *de* de
*cerca de*) y los límites de leer los pesos de atención como una explicación.
""",
    ),
)

SOURCE = NotebookSource(
    name="translator",
    description={
        "en": "A runnable notebook: a one-layer encoder-decoder written in numpy, trained "
              "briefly to translate English phrases into Spanish, with its cross-attention "
              "compared with the gold word alignment.",
        "es": "Cuaderno ejecutable: un codificador-decodificador de una capa escrito en numpy, "
              "entrenado brevemente para traducir frases del inglés al español, con su atención "
              "cruzada comparada con el alineamiento de referencia.",
    },
    labels={
        "gold": {"en": "gold alignment (Spanish word ← English word):",
                 "es": "alineamiento de referencia (palabra en español ← palabra en inglés):"},
        "held_out": {"en": "noun-adjective combinations held out of training: {held} of {total}, "
                           "for example {examples}",
                     "es": "combinaciones de sustantivo y adjetivo reservadas: {held} de {total}, "
                           "por ejemplo {examples}"},
        "short_run": {"en": "short run (this notebook)",
                      "es": "entrenamiento corto (este cuaderno)"},
        "full_run": {"en": "full run (make train)",
                     "es": "entrenamiento completo (make train)"},
        "schedule": {"en": "{run}: {steps} steps of {batch} phrases drawn from {n}, "
                           "peak learning rate {lr:g}",
                     "es": "{run}: {steps} pasos de {batch} frases tomadas de {n}, "
                           "tasa de aprendizaje máxima {lr:g}"},
        "step": {"en": "step", "es": "paso"},
        "exact_match": {"en": "exact match", "es": "coincidencia exacta"},
        "alignment_accuracy": {"en": "alignment accuracy", "es": "exactitud del alineamiento"},
        "step_axis": {"en": "training step", "es": "paso de entrenamiento"},
        "loss_axis": {"en": "training loss (cross-entropy)",
                      "es": "pérdida de entrenamiento (entropía cruzada)"},
        "loss_title": {"en": "Loss, mean of every {n} steps",
                       "es": "Pérdida, media de cada {n} pasos"},
        "share_axis": {"en": "share", "es": "proporción"},
        "metrics_title": {"en": "On the {n} held-out phrases",
                          "es": "En las {n} frases reservadas"},
        "lines_title": {"en": "Cross-attention, mean of {heads} heads: Spanish (below) reads "
                              "English (above)",
                        "es": "Atención cruzada, media de {heads} cabezas: el español (abajo) "
                              "lee el inglés (arriba)"},
        "source_axis": {"en": "English word (keys and values)",
                        "es": "palabra en inglés (claves y valores)"},
        "target_axis": {"en": "Spanish word (queries)", "es": "palabra en español (consultas)"},
        "heatmap_title": {"en": "Cross-attention weights, gold alignment outlined",
                          "es": "Pesos de atención cruzada, alineamiento de referencia "
                                "recuadrado"},
        "weight": {"en": "attention weight", "es": "peso de atención"},
        "spanish_word": {"en": "Spanish word", "es": "palabra en español"},
        "gold_word": {"en": "gold word", "es": "referencia"},
        "largest_weight": {"en": "largest weight", "es": "mayor peso"},
        "model": {"en": "model:", "es": "modelo:"},
        "reference": {"en": "reference:", "es": "referencia:"},
        "result": {"en": "held-out phrases: exact match {right} of {n} ({exact}), "
                         "alignment accuracy {aligned}",
                   "es": "frases reservadas: coincidencia exacta en {right} de {n} ({exact}), "
                         "exactitud del alineamiento {aligned}"},
        "mistakes": {"en": "some of the mistakes:", "es": "algunos de los errores:"},
    },
    cells=CELLS,
)
