"""The project's own TBX conformance check: TBX-Core structure, TBX-Basic data categories.

The official TBX-Core RelaxNG schema is not part of the repository (its repository states no
licence); tests/test_glossary_exports.py uses it in addition when TBX_SCHEMA points to a copy.
This module checks what that schema checks for the elements the export writes (child order,
required attributes, ID/IDREF, dates), plus the data categories and values of the declared
TBX-Basic dialect, which the schema does not know. Each problem names the element's path.
"""

from __future__ import annotations

import datetime
import re

from lxml import etree

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_AUX = r"(?:(?:admin|adminGrp|descrip|descripGrp|note|ref|transacGrp|xref) )*"
# Children of each element, as a regular expression over their names joined by spaces
# (TBXcoreStructV03.rng); "" means text only.
CONTENT = {
    "tbx": r"tbxHeader text",
    "tbxHeader": r"fileDesc(?: encodingDesc)?(?: revisionDesc)?",
    "fileDesc": r"(?:publicationStmt )?(?:titleStmt )?sourceDesc",
    "publicationStmt": r"p(?: p)*",
    "titleStmt": r"title(?: note)*",
    "sourceDesc": r"p(?: p)*",
    "text": r"(?:body)?(?: ?back)?",
    "body": r"conceptEntry(?: conceptEntry)*",
    "conceptEntry": _AUX + r"langSec(?: langSec)*",
    "langSec": _AUX + r"termSec(?: termSec)*",
    "termSec": r"term(?: termNote| termNoteGrp)*" + r"(?: (?:admin|adminGrp|descrip|descripGrp"
               r"|note|ref|transacGrp|xref))*",
    "transacGrp": r"transac(?: date| note| ref| transacNote| xref)*",
    "descripGrp": r"descrip(?: (?:admin|adminGrp|descripNote|note|ref|transacGrp|xref))*",
    **dict.fromkeys(("p", "title", "note", "term", "termNote", "descrip", "ref", "xref",
                     "transac", "date", "admin"), ""),
}
REQUIRED = {
    "tbx": ("type", "style", XML_LANG),
    "conceptEntry": ("id",),
    "langSec": (XML_LANG,),
    "descrip": ("type",), "termNote": ("type",), "ref": ("type",), "transac": ("type",),
    "admin": ("type",),
    "xref": ("type", "target"),
}
# TBX-Basic data categories: element -> type -> allowed values (None: any text).
DATA_CATEGORIES: dict[str, dict[str, frozenset[str] | None]] = {
    "descrip": {"definition": None, "context": None, "subjectField": None},
    "termNote": {
        "administrativeStatus": frozenset({"preferredTerm-admn-sts", "admittedTerm-admn-sts",
                                           "deprecatedTerm-admn-sts",
                                           "supersededTerm-admn-sts"}),
        # TBX-Basic's picklists (TBX-Basic_DCA.sch); it has no value for proper nouns.
        "partOfSpeech": frozenset({"noun", "verb", "adjective", "adverb", "other"}),
        "grammaticalGender": frozenset({"masculine", "feminine", "neuter", "other"}),
        "termType": None,
    },
    # TBX-Basic's integrated schema allows these two ref types (not crossReference).
    "ref": {"relatedConcept": None, "relatedTerm": None},
    "admin": {"source": None, "customerSubset": None, "projectSubset": None},
    "xref": {"externalCrossReference": None, "xGraphic": None},
    "transac": {"transactionType": frozenset({"origination", "modification"})},
}
_LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*")
_NCNAME = re.compile(r"[A-Za-z_][\w.-]*")


def _name(element: etree._Element) -> str:
    return etree.QName(element).localname


def _path(element: etree._Element) -> str:
    """tbx/text/body/conceptEntry[key]/langSec[es]/termSec[2]: readable, unlike XPath with a
    default namespace."""
    steps = []
    for node in [*reversed(list(element.iterancestors())), element]:
        step, parent = _name(node), node.getparent()
        label = node.get("id") or node.get(XML_LANG)
        if label:
            step += f"[{label}]"
        elif parent is not None and len(parent.findall(node.tag)) > 1:
            step += f"[{parent.findall(node.tag).index(node) + 1}]"
        steps.append(step)
    return "/".join(steps)


def problems(root: etree._Element) -> list[str]:
    """Every conformance problem of a TBX document (DCA style), or [] if there is none."""
    found: list[str] = []
    ids: dict[str, str] = {}
    targets: list[tuple[str, str]] = []
    if _name(root) != "tbx":
        return [f"root element is <{_name(root)}>, expected <tbx>"]
    if root.get("style") not in ("dca", "dct") or not re.fullmatch(r"TBX-.+", root.get("type", "")):
        found.append("tbx: style must be dca or dct and type TBX-<dialect>")
    for element in root.iter(etree.Element):
        path, name = _path(element), _name(element)
        if etree.QName(element).namespace != NS:
            found.append(f"{path}: element outside the TBX namespace")
            continue
        if name not in CONTENT:
            found.append(f"{path}: <{name}> is not allowed here")
            continue
        children = " ".join(_name(child) for child in element.iterchildren(etree.Element))
        if not re.fullmatch(CONTENT[name], children):
            found.append(f"{path}: children [{children}] do not match <{name}>'s content model")
        for attribute in REQUIRED.get(name, ()):
            if not element.get(attribute):
                found.append(f"{path}: missing attribute {attribute}")
        if (lang := element.get(XML_LANG)) is not None and not _LANGUAGE.fullmatch(lang):
            found.append(f"{path}: xml:lang {lang!r} is not a language tag")
        if (identifier := element.get("id")) is not None:
            if not _NCNAME.fullmatch(identifier) or identifier in ids:
                found.append(f"{path}: id {identifier!r} is not a unique XML name")
            ids[identifier] = path
        if name in DATA_CATEGORIES:
            category = element.get("type")
            if category not in DATA_CATEGORIES[name]:
                found.append(f"{path}: <{name} type={category!r}> is not a TBX-Basic category")
            elif (allowed := DATA_CATEGORIES[name][category]) and element.text not in allowed:
                found.append(f"{path}: {category} value {element.text!r} not in {sorted(allowed)}")
            if name == "ref" and element.get("target"):
                targets.append((path, element.get("target")))
        if name == "date":
            try:
                datetime.date.fromisoformat(element.text or "")
            except ValueError:
                found.append(f"{path}: date {element.text!r} is not YYYY-MM-DD")
    found += [f"{path}: target {target!r} names no id in the file"
              for path, target in targets if target not in ids]
    return found
