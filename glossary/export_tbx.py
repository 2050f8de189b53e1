"""glossary.tbx: TermBase eXchange (ISO 30042:2019), DCA style.

The file follows the TBX core structure (it validates against TBXcoreStructV03.rng) and
declares the TBX-Basic dialect, because it uses data categories of the TBX-Basic module:
definitions (descrip type="definition"), term statuses (termNote type="administrativeStatus"
with preferredTerm-admn-sts / admittedTerm-admn-sts / deprecatedTerm-admn-sts), part of speech
and grammatical gender (termNote type="partOfSpeech" / "grammaticalGender"), a context sentence
with its source on each headword (descripGrp: descrip type="context" + admin type="source"),
the subject field (descrip type="subjectField" on the concept), links between entries (ref
type="relatedConcept", the value TBX-Basic's schema allows), links to the entry pages (xref
type="externalCrossReference", on the headword's termSec, where TBX-Basic allows it) and
dates (transacGrp). TBX-Core, the minimal
dialect, allows no data categories at all, so a file with definitions and statuses cannot
honestly declare it. The file names the TBX-Basic schemas (same namespace as this file)
in xml-model processing instructions, so that validating editors find them.
"""

from __future__ import annotations

from lxml import etree

from glossary.markup import to_plain_text
from glossary.model import LANGUAGES, SUBJECTS, Context, Entry, Glossary
from glossary.notation import notation_plain
from glossary.site import AUTHOR, LICENSE, WORK_TITLE, Site

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DIALECT = "TBX-Basic"
# Pinned to the commit whose TBX-Basic schemas use this file's namespace (urn:...:ed-2).
SCHEMAS = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/"
    "6d29eb584c4bbb83e2039997486a5a18566b21fa/DCA/"
)
XML_MODELS = (
    f'href="{SCHEMAS}TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
    'schematypens="http://relaxng.org/ns/structure/1.0"',
    f'href="{SCHEMAS}TBX-Basic_DCA.sch" type="application/xml" '
    'schematypens="http://purl.oclc.org/dsdl/schematron"',
)
# TBX-Basic's partOfSpeech picklist has no properNoun: a proper noun is exported as a noun.
TBX_PART_OF_SPEECH = {"properNoun": "noun"}
ADMINISTRATIVE_STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}


def _element(parent: etree._Element, tag: str, text: str | None = None, **attributes: str):
    element = etree.SubElement(parent, f"{{{TBX_NAMESPACE}}}{tag}")
    for name, value in attributes.items():
        element.set(XML_LANG if name == "lang" else name, value)
    if text is not None:
        element.text = text
    return element


def _header(tbx: etree._Element, site: Site) -> None:
    file_desc = _element(_element(tbx, "tbxHeader"), "fileDesc")
    # TBX-Core's schema wants publicationStmt before titleStmt, TBX-Basic's after it: the
    # publication statement goes into sourceDesc, which both accept after the title.
    title_stmt = _element(file_desc, "titleStmt")
    _element(title_stmt, "title", WORK_TITLE)
    source = _element(file_desc, "sourceDesc")
    _element(source, "p", f"{AUTHOR}, version {site.version}, licence {LICENSE}.")
    _element(source, "p", f"Generated from the glossary data of {site.repository}")
    for lang in LANGUAGES:
        _element(source, "p", notation_plain(lang), lang=lang)


def _concept(body: etree._Element, entry: Entry, site: Site) -> None:
    concept = _element(body, "conceptEntry", id=entry.slug)
    if entry.subject:
        _element(concept, "descrip", SUBJECTS[entry.subject]["en"], type="subjectField")
    for transaction, day in (("origination", entry.created), ("modification", entry.updated)):
        group = _element(concept, "transacGrp")
        _element(group, "transac", transaction, type="transactionType")
        _element(group, "date", day.isoformat())
    for slug in entry.related:
        _element(concept, "ref", slug, type="relatedConcept", target=slug)
    for lang in LANGUAGES:
        section = entry.lang(lang)
        lang_sec = _element(concept, "langSec", lang=lang)
        _element(lang_sec, "descrip", to_plain_text(section.definition), type="definition")
        for variant in section.terms:
            term_sec = _element(lang_sec, "termSec")
            _element(term_sec, "term", variant.term)
            _element(
                term_sec,
                "termNote",
                ADMINISTRATIVE_STATUS[variant.status],
                type="administrativeStatus",
            )
            if variant.pos:
                pos = TBX_PART_OF_SPEECH.get(variant.pos, variant.pos)
                _element(term_sec, "termNote", pos, type="partOfSpeech")
            if variant.gender:
                _element(term_sec, "termNote", variant.gender, type="grammaticalGender")
            if variant is section.headword:
                if section.context:
                    group = _element(term_sec, "descripGrp")
                    _element(group, "descrip", section.context.text, type="context")
                    _element(group, "admin", context_source(section.context, site, lang),
                             type="source")
                _element(
                    term_sec,
                    "xref",
                    variant.term,
                    type="externalCrossReference",
                    target=site.entry_url(entry.slug, lang),
                )
            if variant.note:
                _element(term_sec, "note", to_plain_text(variant.note))


def context_source(context: Context, site: Site, language: str) -> str:
    """A BibTeX key as written, or the address of the site page the sentence is from."""
    site_page = context.site_page
    if site_page is None:
        return context.source
    page, anchor = site_page
    return f"{site.language_url(language)}{page}/#{anchor}"


def glossary_tbx(glossary: Glossary, site: Site) -> bytes:
    """The TBX document, UTF-8 encoded, with an XML declaration."""
    tbx = etree.Element(
        f"{{{TBX_NAMESPACE}}}tbx", nsmap={None: TBX_NAMESPACE}, type=DIALECT, style="dca"
    )
    tbx.set(XML_LANG, "en")
    _header(tbx, site)
    body = _element(_element(tbx, "text"), "body")
    for entry in glossary.entries:
        _concept(body, entry, site)
    document = etree.ElementTree(tbx)
    for model in XML_MODELS:  # processing instructions before the root element
        tbx.addprevious(etree.ProcessingInstruction("xml-model", model))
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True)
