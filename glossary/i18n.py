"""Every user-visible string of the generated glossary pages, in each language."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "glossary": "Glossary",
        "definition": "Definition",
        "terms": "Terms",
        "term": "Term",
        "language": "Language",
        "status": "Status",
        "note": "Note",
        "lang_en": "English",
        "lang_es": "Spanish",
        "status_preferred": "preferred",
        "status_admitted": "admitted",
        "status_deprecated": "deprecated",
        "do_not_use": "do not use",
        "explanation": "Explanation",
        "formula": "Formula",
        "related": "Related entries",
        "backlinks": "Entries that refer to this one",
        "sources": "Primary sources",
        "no_sources": (
            "This entry describes general background; no primary source from the project's "
            "bibliography is cited for it."
        ),
        "cite": "Cite this definition",
        "cite_intro": (
            "Cite the entry in the language you read it in; the URL below is this page. "
            "The text is licensed under CC BY 4.0."
        ),
        "version": "Version",
        "version_line": "Version {version} · created {created} · last updated {updated}.",
        "suggest": "Suggest a correction",
        "suggest_intro": (
            "Found an error? Corrections are discussed in public and reviewed before they are "
            "published:"
        ),
        "correction_title": "Correction: {term} ({slug}, {lang})",
        "correction_body": (
            "Entry: {slug}\nLanguage: {lang}\nVersion: {version}\nURL: {url}\n\n"
            "What is wrong, and what should it say? Please cite a source if you can.\n"
        ),
        "index_title": "Glossary",
        "index_description": (
            "Citable bilingual definitions of the terms of attention in neural networks."
        ),
        "index_intro": (
            "{count} concepts, each defined in English and in Spanish under the same address, "
            "with its Spanish equivalents, its formula, its primary sources and a ready-made "
            "citation. Variants are listed under their own letter and point to the entry."
        ),
        "letters": "Letters",
        "see": "see",
        "downloads": "Download the whole glossary",
        "downloads_intro": (
            "The same data in standard formats (described on the [Data]({data}) page):"
        ),
        "download_json": "JSON, with its [JSON Schema](glossary.schema.json)",
        "download_csv": "CSV (UTF-8), one row per entry, both languages, for scripts",
        "download_tsv": (
            "the same table for spreadsheets: tab-separated, UTF-8 with a byte order mark, "
            "so accents display correctly in Excel"
        ),
        "download_tbx": "TBX (ISO 30042:2019), for terminology and translation tools",
        "download_bib": "BibTeX, one record per entry and language",
        "entry_note": "glossary entry",
        "bib_note": "Glossary entry, version {version}",
        "month_format": "{year}, {month_name} {day}",
        "current_version_at": "Current version: {url}",
        "accessed_placeholder": "[date of access]",
        "accessed_iso_placeholder": "YYYY-MM-DD",
        "copy": "Copy to clipboard",
        "cite_version": "Cite this version",
        "cite_version_intro": (
            "The URL below is the permanent page of version {version}, whose text never "
            "changes; the entry's own address always shows the current version. The date on "
            "which you copy the citation is filled in as the access date. The text is licensed "
            "under CC BY 4.0."
        ),
        "history": "History",
        "history_intro": "Each published version keeps its own page, whose text never changes.",
        "history_version": "Version",
        "history_date": "Date",
        "history_changes": "What changed",
        "current": "current",
        "version_title": "{term} (version {version})",
        "version_description": "Version {version} of the glossary entry “{term}”: {definition}",
        "superseded": "Superseded version",
        "superseded_text": (
            "This is version {version} of the entry, published on {date}. Version {current} "
            "replaced it on {current_date}: [read the current version]({link})."
        ),
        "current_version": "Current version",
        "current_text": (
            "This is version {version} of the entry, published on {date}, and it is the current "
            "version. The entry's address, [{term}]({link}), always shows the latest version."
        ),
        "grammar": "Grammar",
        "pos_noun": "noun",
        "pos_verb": "verb",
        "pos_adjective": "adjective",
        "pos_adverb": "adverb",
        "pos_properNoun": "proper noun",
        "pos_other": "other",
        "gender_masculine": "masculine",
        "gender_feminine": "feminine",
        "gender_neuter": "neuter",
        "gender_other": "other",
        "subject": "Subject field",
        "context": "In context",
        "context_source": "Source",
        "other_language": "In {language}",
        "other_language_summary": "Definition and context in {language}, side by side",
        "read_more": "Pages of this site that discuss it:",
        "synonym": "synonym",
        "cite_page": "Cite this page",
        "cite_page_intro": (
            "This page is part of release {release} of the whole work. Its text may change in "
            "a later release, so the citation records the date on which you read it (filled in "
            "when you copy it). The text is licensed under CC BY 4.0."
        ),
    },
    "es": {
        "glossary": "Glosario",
        "definition": "Definición",
        "terms": "Términos",
        "term": "Término",
        "language": "Idioma",
        "status": "Estado",
        "note": "Nota",
        "lang_en": "inglés",
        "lang_es": "español",
        "status_preferred": "preferido",
        "status_admitted": "admitido",
        "status_deprecated": "desaconsejado",
        "do_not_use": "no usar",
        "explanation": "Explicación",
        "formula": "Fórmula",
        "related": "Entradas relacionadas",
        "backlinks": "Entradas que remiten a esta",
        "sources": "Fuentes primarias",
        "no_sources": (
            "Esta entrada describe conocimientos generales; no cita ninguna fuente primaria de "
            "la bibliografía del proyecto."
        ),
        "cite": "Cómo citar esta definición",
        "cite_intro": (
            "Cite la entrada en el idioma en que la ha leído; la URL que aparece es la de esta "
            "página. El texto se publica con la licencia CC BY 4.0."
        ),
        "version": "Versión",
        "version_line": "Versión {version} · creada el {created} · actualizada el {updated}.",
        "suggest": "Proponer una corrección",
        "suggest_intro": (
            "¿Ha encontrado un error? Las correcciones se debaten en público y se revisan antes "
            "de publicarse:"
        ),
        "correction_title": "Corrección: {term} ({slug}, {lang})",
        "correction_body": (
            "Entrada: {slug}\nIdioma: {lang}\nVersión: {version}\nURL: {url}\n\n"
            "¿Qué está mal y qué debería decir? Si puede, cite una fuente.\n"
        ),
        "index_title": "Glosario",
        "index_description": (
            "Definiciones bilingües y citables de los términos de la atención en redes "
            "neuronales."
        ),
        "index_intro": (
            "{count} conceptos, cada uno definido en inglés y en español con la misma dirección, "
            "con sus variantes terminológicas, su fórmula, sus fuentes primarias y una cita lista "
            "para copiar. Las variantes aparecen en su propia letra y remiten a la entrada."
        ),
        "letters": "Letras",
        "see": "véase",
        "downloads": "Descargar el glosario completo",
        "downloads_intro": (
            "Los mismos datos en formatos estándar (descritos en la página [Datos]({data})):"
        ),
        "download_json": "JSON, con su [esquema JSON](glossary.schema.json)",
        "download_csv": "CSV (UTF-8), una fila por entrada, con los dos idiomas, para programas",
        "download_tsv": (
            "la misma tabla para hojas de cálculo: separada por tabuladores, en UTF-8 con marca "
            "de orden de bytes, para que Excel muestre bien las tildes"
        ),
        "download_tbx": "TBX (ISO 30042:2019), para herramientas de terminología y traducción",
        "download_bib": "BibTeX, un registro por entrada e idioma",
        "entry_note": "entrada de glosario",
        "bib_note": "Entrada de glosario, versión {version}",
        "month_format": "{year}, {day} de {month_name}",
        "current_version_at": "Versión vigente: {url}",
        "accessed_placeholder": "[fecha de consulta]",
        "accessed_iso_placeholder": "AAAA-MM-DD",
        "copy": "Copiar al portapapeles",
        "cite_version": "Cómo citar esta versión",
        "cite_version_intro": (
            "La URL que aparece es la página permanente de la versión {version}, cuyo texto no "
            "cambia nunca; la dirección de la entrada muestra siempre la versión vigente. La "
            "fecha en que copie la cita se añade como fecha de consulta. El texto se publica con "
            "la licencia CC BY 4.0."
        ),
        "history": "Historial",
        "history_intro": "Cada versión publicada conserva su propia página, cuyo texto no cambia.",
        "history_version": "Versión",
        "history_date": "Fecha",
        "history_changes": "Cambios",
        "current": "vigente",
        "version_title": "{term} (versión {version})",
        "version_description": "Versión {version} de la entrada de glosario «{term}»: {definition}",
        "superseded": "Versión sustituida",
        "superseded_text": (
            "Esta es la versión {version} de la entrada, publicada el {date}. La sustituyó la "
            "versión {current} el {current_date}: [lea la versión vigente]({link})."
        ),
        "current_version": "Versión vigente",
        "current_text": (
            "Esta es la versión {version} de la entrada, publicada el {date}, y es la vigente. "
            "La dirección de la entrada, [{term}]({link}), muestra siempre la última versión."
        ),
        "grammar": "Gramática",
        "pos_noun": "sustantivo",
        "pos_verb": "verbo",
        "pos_adjective": "adjetivo",
        "pos_adverb": "adverbio",
        "pos_properNoun": "nombre propio",
        "pos_other": "otra categoría",
        "gender_masculine": "masculino",
        "gender_feminine": "femenino",
        "gender_neuter": "neutro",
        "gender_other": "otro género",
        "subject": "Campo temático",
        "context": "En contexto",
        "context_source": "Fuente",
        "other_language": "En {language}",
        "other_language_summary": "Definición y contexto en {language}, para comparar",
        "read_more": "Páginas de este sitio que lo tratan:",
        "synonym": "sinónimo",
        "cite_page": "Cómo citar esta página",
        "cite_page_intro": (
            "Esta página forma parte de la edición {release} de la obra. Su texto puede cambiar "
            "en una edición posterior, por lo que la cita indica la fecha en que la consultó "
            "(se añade al copiarla). El texto se publica con la licencia CC BY 4.0."
        ),
    },
}

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
}


def text(language: str, key: str) -> str:
    """The UI string `key` in `language`; a missing translation is a ValueError."""
    try:
        return STRINGS[language][key]
    except KeyError as error:
        raise ValueError(f"no UI string {key!r} for language {language!r}") from error
