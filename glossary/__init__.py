"""The bilingual glossary: entry data (entries/*.yml), validation, pages and exports.

Everything here is plain Python (no MkDocs); hooks/glossary_pages.py wires it into the build.
"""

from glossary.loader import GlossaryError, load_glossary
from glossary.model import LANGUAGES, STATUSES, Entry, Glossary, LanguageSection, Variant

__all__ = [
    "LANGUAGES",
    "STATUSES",
    "Entry",
    "Glossary",
    "GlossaryError",
    "LanguageSection",
    "Variant",
    "load_glossary",
]
