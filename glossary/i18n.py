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
        "download_csv": "CSV (UTF-8), one row per entry, both languages",
        "download_tbx": "TBX (ISO 30042:2019), for terminology and translation tools",
        "download_bib": "BibTeX, one record per entry and language",
        "entry_note": "glossary entry",
        "bib_note": "Glossary entry, version {version}",
        "month_format": "{year}, {month_name} {day}",
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
        "download_csv": "CSV (UTF-8), una fila por entrada, con los dos idiomas",
        "download_tbx": "TBX (ISO 30042:2019), para herramientas de terminología y traducción",
        "download_bib": "BibTeX, un registro por entrada e idioma",
        "entry_note": "entrada de glosario",
        "bib_note": "Entrada de glosario, versión {version}",
        "month_format": "{year}, {day} de {month_name}",
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
