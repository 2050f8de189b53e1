"""glossary.tbx: TermBase eXchange (ISO 30042:2019), DCA style.

The file follows the TBX core structure (it validates against TBXcoreStructV03.rng) and
declares the TBX-Basic dialect, because it uses data categories of the TBX-Basic module:
definitions (descrip type="definition"), term statuses (termNote type="administrativeStatus"
with preferredTerm-admn-sts / admittedTerm-admn-sts / deprecatedTerm-admn-sts), links between
entries (ref type="crossReference"), links to the entry pages (xref
type="externalCrossReference") and dates (transacGrp). TBX-Core, the minimal dialect, allows no
data categories at all, so a file with definitions and statuses cannot honestly declare it.
"""

from __future__ import annotations

from lxml import etree

from glossary.markup import to_plain_text
from glossary.model import LANGUAGES, Entry, Glossary
from glossary.notation import notation_plain
from glossary.site import AUTHOR, LICENSE, WORK_TITLE, Site

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DIALECT = "TBX-Basic"
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
    publication = _element(file_desc, "publicationStmt")
    _element(publication, "p", f"{AUTHOR}, version {site.version}, licence {LICENSE}.")
    title_stmt = _element(file_desc, "titleStmt")
    _element(title_stmt, "title", WORK_TITLE)
    source = _element(file_desc, "sourceDesc")
    _element(source, "p", f"Generated from the glossary data of {site.repository}")
    for lang in LANGUAGES:
        _element(source, "p", notation_plain(lang), lang=lang)


def _concept(body: etree._Element, entry: Entry, site: Site) -> None:
    concept = _element(body, "conceptEntry", id=entry.slug)
    for transaction, day in (("origination", entry.created), ("modification", entry.updated)):
        group = _element(concept, "transacGrp")
        _element(group, "transac", transaction, type="transactionType")
        _element(group, "date", day.isoformat())
    for slug in entry.related:
        _element(concept, "ref", slug, type="crossReference", target=slug)
    for lang in LANGUAGES:
        section = entry.lang(lang)
        lang_sec = _element(concept, "langSec", lang=lang)
        _element(lang_sec, "descrip", to_plain_text(section.definition), type="definition")
        _element(
            lang_sec,
            "xref",
            section.headword.term,
            type="externalCrossReference",
            target=site.entry_url(entry.slug, lang),
        )
        for variant in section.terms:
            term_sec = _element(lang_sec, "termSec")
            _element(term_sec, "term", variant.term)
            _element(
                term_sec,
                "termNote",
                ADMINISTRATIVE_STATUS[variant.status],
                type="administrativeStatus",
            )
            if variant.note:
                _element(term_sec, "note", to_plain_text(variant.note))


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
    return etree.tostring(tbx, xml_declaration=True, encoding="UTF-8", pretty_print=True)
