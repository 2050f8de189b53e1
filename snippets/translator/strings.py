"""Every word drawn in or around the translator's figures, per page language.

Keys are shared by both languages; ``{…}`` placeholders are filled with
``str.format``. Spanish follows the glossary entries and glossary/style-es.md (atención cruzada,
alineamiento, cabeza de atención, codificador, decodificador). English and Spanish
phrases of the corpus are data, not labels, and are never translated.
"""

from __future__ import annotations

from collections.abc import Callable

from snippets.figures.strings import translator as shared_translator

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "data_summary": "Numbers behind the figure",
        "english": "English (encoder)",
        "spanish": "Spanish (decoder)",
        "weight": "attention weight",
        "gold": "gold alignment",
        "step": "step {step}",
        "step_header": "training step",
        "exact_match": "exact match (phrases)",
        "alignment": "alignment accuracy (words)",
        "class.determiner": "determiner",
        "class.noun": "noun",
        "class.adjective": "adjective",
        "class.verb": "verb",
        "class.preposition": "preposition",
        # translator-loss
        "loss.title": "Training the tiny translator: loss and held-out accuracy",
        "loss.alt": (
            "Two line charts against the training step, 0 to {steps}. Left, on a "
            "logarithmic axis: the training loss falls from {first:.2f} to {last}. "
            "Right: on the {phrases} held-out phrases, exact match goes from {em_first} "
            "to {em_last} and alignment accuracy from {al_first} to {al_last}, "
            "measured at steps {checkpoints}."
        ),
        "loss.caption": (
            "Left: mean cross-entropy over each window of {window} steps (batches of "
            "{batch} phrases, Adam, numpy only, {n_train} training phrases). Right: "
            "share of the {phrases} held-out phrases translated exactly by greedy "
            "decoding, and share of their Spanish words whose largest cross-attention "
            "weight falls on the gold English word."
        ),
        "loss.ylabel": "training loss (log scale)",
        "loss.xlabel": "training step",
        "loss.accuracy": "share of held-out data",
        "loss.table": "Held-out metrics at each checkpoint",
        "loss.curve_table": "Training loss (mean over the {window} steps before)",
        "loss.loss_header": "training loss",
        # translator-training
        "training.title": "Cross-attention of one held-out phrase during training",
        "training.alt": (
            "Heat maps of the cross-attention weights of “{source}” translated as "
            "“{target}”, one per training step ({checkpoints}): rows are the Spanish "
            "words, columns the English words. At step 0 the largest weight "
            "in any cell is {first_max:.2f}; at the end {correct} of the {words} Spanish "
            "words put their largest weight on their gold English word."
        ),
        "training.caption": (
            "Weights averaged over the {heads} attention heads, with the reference "
            "translation fed to the decoder; outlined cells are the gold alignment given "
            "by the grammar. The phrase never occurs in training: the combination "
            "“{combination}” is held out."
        ),
        "training.table": "Cross-attention weight on the gold English word, per Spanish word",
        "training.word": "Spanish word (gold English word)",
        # translator-alignment
        "alignment.title": "Learned alignment: the adjective and the noun swap places",
        "alignment.alt": (
            "Left: the English words of “{source}” in a row above the Spanish words of "
            "“{target}”, each Spanish word joined to the English words it attends to by "
            "a line as thick as the weight; the lines cross where Spanish puts the "
            "adjective after the noun. Right: the same {rows} by {cols} weights as a heat "
            "map, gold cells outlined; {correct} of the {rows} rows peak on the gold cell."
        ),
        "alignment.caption": (
            "Final cross-attention of the trained model on a held-out phrase, averaged "
            "over the {heads} attention heads. Producing each Spanish word, the decoder "
            "reads mostly the English word it translates, so the learned *alignment* "
            "crosses where the word order differs. Lines below a weight of {min_weight} "
            "are not drawn."
        ),
        "alignment.table": "Final cross-attention weights: Spanish words (rows) over English words",
        "alignment.corner": "Spanish \\ English",
        # translator-errors
        "errors.title": "Where the learned alignment differs from the gold one",
        "errors.alt": (
            "Left: horizontal bars of alignment accuracy by word class: {bars}. "
            "Right: heat map of the cross-attention of “{source}”, where the Spanish "
            "word “{word}” puts its largest weight on “{attended}” instead of its gold "
            "word “{gold}”."
        ),
        "errors.caption": (
            "Left: share of the {words} Spanish words of the {phrases} held-out phrases "
            "whose largest cross-attention weight falls on the gold English word, by the "
            "class of that word. Of the {misses} misses, {top_count} are “{top_word}” "
            "(gold: “{top_gold}”); in {next_count} of them the weight falls on the next "
            "English word, the determiner, which decides between “de” and “del”. Right: "
            "the shortest such phrase. Wrong translations: {mistakes} of {phrases}; the "
            "tables list the phrases the model is least sure of."
        ),
        "errors.xlabel": "alignment accuracy",
        "errors.class_table": "Alignment accuracy by word class",
        "errors.class_header": "class of the English word",
        "errors.words": "words",
        "errors.correct": "aligned to the gold word",
        "errors.accuracy": "accuracy",
        "errors.miss_table": "Misses: Spanish word, gold English word, English word attended",
        "errors.spanish_word": "Spanish word",
        "errors.gold_word": "gold English word",
        "errors.attended_word": "English word attended",
        "errors.count": "count",
        "errors.hard_table": "The {count} held-out phrases the model is least sure of",
        "errors.phrase": "English phrase",
        "errors.output": "greedy translation",
        "errors.hardest_word": "least likely reference word",
        "errors.probability": "its probability",
    },
    "es": {
        "data_summary": "Datos de la figura",
        "english": "inglés (codificador)",
        "spanish": "español (decodificador)",
        "weight": "peso de atención",
        "gold": "alineamiento de referencia",
        "step": "paso {step}",
        "step_header": "paso de entrenamiento",
        "exact_match": "coincidencia exacta (frases)",
        "alignment": "exactitud del alineamiento (palabras)",
        "class.determiner": "determinante",
        "class.noun": "sustantivo",
        "class.adjective": "adjetivo",
        "class.verb": "verbo",
        "class.preposition": "preposición",
        # translator-loss
        "loss.title": (
            "Entrenamiento del pequeño traductor: pérdida y exactitud en frases reservadas"
        ),
        "loss.alt": (
            "Dos gráficos de líneas en función del paso de entrenamiento, de 0 a {steps}. "
            "A la izquierda, en escala logarítmica: la pérdida de entrenamiento baja de "
            "{first:.2f} a {last}. A la derecha: en las {phrases} frases reservadas, "
            "la coincidencia exacta pasa del {em_first} al {em_last} y la "
            "exactitud del alineamiento, del {al_first} al {al_last}, medidas en "
            "los pasos {checkpoints}."
        ),
        "loss.caption": (
            "Izquierda: entropía cruzada media de cada tramo de {window} pasos (lotes de "
            "{batch} frases, Adam, solo numpy, {n_train} frases de entrenamiento). "
            "Derecha: proporción de las {phrases} frases reservadas que la decodificación "
            "voraz traduce exactamente, y proporción de sus palabras en español cuyo "
            "mayor peso de atención cruzada recae en la palabra de referencia en inglés."
        ),
        "loss.ylabel": "pérdida de entrenamiento (escala logarítmica)",
        "loss.xlabel": "paso de entrenamiento",
        "loss.accuracy": "proporción de los datos reservados",
        "loss.table": "Métricas en las frases reservadas en cada punto de control",
        "loss.curve_table": "Pérdida de entrenamiento (media de los {window} pasos anteriores)",
        "loss.loss_header": "pérdida de entrenamiento",
        # translator-training
        "training.title": "Atención cruzada de una frase reservada durante el entrenamiento",
        "training.alt": (
            "Mapas de calor de los pesos de atención cruzada de «{source}», traducida como "
            "«{target}», uno por paso de entrenamiento ({checkpoints}): las filas son las "
            "palabras en español y las columnas, las palabras en inglés. En el "
            "paso 0, el mayor peso de toda la matriz es {first_max:.2f}; al final, {correct} "
            "de las {words} palabras en español concentran su mayor peso en su palabra "
            "de referencia en inglés."
        ),
        "training.caption": (
            "Pesos promediados sobre las {heads} cabezas de atención, con la traducción "
            "de referencia como entrada del decodificador; las celdas recuadradas son el "
            "alineamiento de referencia que da la gramática. La frase nunca aparece en el "
            "entrenamiento: la combinación «{combination}» está reservada."
        ),
        "training.table": (
            "Peso de atención cruzada sobre la palabra de referencia en inglés, por palabra "
            "en español"
        ),
        "training.word": "palabra en español (palabra de referencia en inglés)",
        # translator-alignment
        "alignment.title": "Alineamiento aprendido: el adjetivo y el sustantivo cambian de lugar",
        "alignment.alt": (
            "A la izquierda, las palabras en inglés de «{source}» en una fila sobre las "
            "palabras en español de «{target}»; cada palabra en español está unida a las "
            "palabras en inglés a las que atiende por una línea tan gruesa como el peso, y "
            "las líneas se cruzan donde el español pone el adjetivo después del "
            "sustantivo. A la derecha, los mismos pesos, {rows} por {cols}, como mapa de "
            "calor con las celdas de referencia recuadradas; {correct} de las {rows} filas "
            "alcanzan su máximo en la celda de referencia."
        ),
        "alignment.caption": (
            "Atención cruzada final del modelo entrenado sobre una frase reservada, "
            "promediada sobre las {heads} cabezas de atención. Al producir cada palabra "
            "en español, el decodificador lee sobre todo la palabra en inglés que traduce, "
            "de modo que el *alineamiento* aprendido se cruza donde cambia el orden de las "
            "palabras. No se dibujan las líneas de peso inferior a {min_weight}."
        ),
        "alignment.table": (
            "Pesos finales de atención cruzada: palabras en español (filas) sobre palabras "
            "en inglés"
        ),
        "alignment.corner": "español \\ inglés",
        # translator-errors
        "errors.title": "Dónde el alineamiento aprendido difiere del de referencia",
        "errors.alt": (
            "A la izquierda, barras horizontales con la exactitud del alineamiento por "
            "clase de palabra: {bars}. A la derecha, mapa de calor de la atención cruzada "
            "de «{source}», donde la palabra «{word}» concentra su mayor peso en "
            "«{attended}» en lugar de en su palabra de referencia, «{gold}»."
        ),
        "errors.caption": (
            "Izquierda: proporción de las {words} palabras en español de las {phrases} "
            "frases reservadas cuyo mayor peso de atención cruzada recae en la palabra "
            "de referencia en inglés, según la clase de esa palabra. De los {misses} "
            "fallos, {top_count} son «{top_word}» (referencia: «{top_gold}»); en {next_count} "
            "de ellos el peso recae en la palabra en inglés siguiente, el determinante, que "
            "decide entre «de» y «del». Derecha: la frase más corta con ese fallo. "
            "Traducciones erróneas: {mistakes} de {phrases}; las tablas muestran las "
            "frases en las que el modelo está menos seguro."
        ),
        "errors.xlabel": "exactitud del alineamiento",
        "errors.class_table": "Exactitud del alineamiento por clase de palabra",
        "errors.class_header": "clase de la palabra en inglés",
        "errors.words": "palabras",
        "errors.correct": "alineadas con la palabra de referencia",
        "errors.accuracy": "exactitud",
        "errors.miss_table": (
            "Fallos: palabra en español, palabra de referencia en inglés y palabra en "
            "inglés atendida"
        ),
        "errors.spanish_word": "palabra en español",
        "errors.gold_word": "palabra de referencia en inglés",
        "errors.attended_word": "palabra en inglés atendida",
        "errors.count": "veces",
        "errors.hard_table": "Las {count} frases reservadas en las que el modelo está menos seguro",
        "errors.phrase": "frase en inglés",
        "errors.output": "traducción voraz",
        "errors.hardest_word": "palabra de referencia menos probable",
        "errors.probability": "su probabilidad",
    },
}


def translator(figure: str, lang: str) -> Callable[..., str]:
    """Return t(key, **values) for one translator figure; unknown keys raise ValueError."""
    return shared_translator(figure, lang, STRINGS)
