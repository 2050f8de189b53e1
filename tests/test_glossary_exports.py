"""The downloadable exports: JSON (+ schema), CSV, TBX, BibTeX (issue 5)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from lxml import etree
from pybtex.database import parse_string

from glossary.build import exports, project_data
from glossary.export_csv import columns
from glossary.export_tbx import ADMINISTRATIVE_STATUS, TBX_NAMESPACE
from glossary.site import SCHEMA_PATH, Site
from tests import tbx_core

SITE = Site(
    "https://example.org/attention/", {"en": "", "es": "es/"}, "https://github.com/o/r", "0.1.0"
)
DATA = project_data()
GLOSSARY = DATA.glossary
FILES = exports(DATA, SITE)
NS = {"tbx": TBX_NAMESPACE}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_every_export_is_generated() -> None:
    assert sorted(FILES) == [
        f"glossary/glossary.{ext}" for ext in ("bib", "csv", "json", "schema.json", "tbx", "tsv")
    ]


def test_json_export_is_valid_against_its_schema() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    document = json.loads(FILES["glossary/glossary.json"])
    errors = sorted(Draft7Validator(schema).iter_errors(document), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    assert len(document["entries"]) == len(GLOSSARY)
    assert json.loads(FILES["glossary/glossary.schema.json"]) == schema


def test_json_schema_rejects_an_unknown_status() -> None:
    """The schema is strict enough to catch the errors the loader catches."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    document = json.loads(FILES["glossary/glossary.json"])
    document["entries"][0]["es"]["terms"][0]["status"] = "obsolete"
    del document["entries"][1]["es"]["definition"]
    messages = [e.message for e in Draft7Validator(schema).iter_errors(document)]
    assert any("'obsolete' is not one of" in m for m in messages)
    assert any("'definition' is a required property" in m for m in messages)


def test_json_export_carries_both_languages_and_the_cited_references() -> None:
    document = json.loads(FILES["glossary/glossary.json"])
    weight = next(e for e in document["entries"] if e["slug"] == "attention-weight")
    assert weight["es"]["terms"][0] == {"term": "peso de atención", "status": "preferred",
                                        "pos": "noun", "gender": "masculine"}
    assert weight["subject"] == "attention-mechanisms"
    assert weight["es"]["context"]["source"] == "site:attention-weights#reading-heat-maps"
    assert weight["en"]["url"] == "https://example.org/attention/glossary/attention-weight/"
    assert weight["es"]["url"] == "https://example.org/attention/es/glossary/attention-weight/"
    assert "[" not in weight["es"]["explanation"]  # plain text: links reduced to their text
    assert "[softmax][softmax]" in weight["es"]["explanation_markdown"]
    cited = {key for entry in document["entries"] for key in entry["sources"]}
    assert set(document["references"]) == cited
    assert document["references"]["vaswani2017attention"]["citation"] == "Vaswani et al. (2017)"


def test_csv_has_one_row_per_entry_with_both_languages() -> None:
    text = FILES["glossary/glossary.csv"]
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == len(GLOSSARY)
    assert list(rows[0]) == columns()
    assert [row["slug"] for row in rows] == [entry.slug for entry in GLOSSARY.entries]
    for row in rows:
        for language in ("en", "es"):
            assert row[f"term_{language}"] and row[f"definition_{language}"], row["slug"]
    key = next(row for row in rows if row["slug"] == "key")
    assert key["term_es"] == "clave"
    assert key["deprecated_es"] == "llave"
    assert text.encode("utf-8").decode("utf-8") == text and "ó" in text  # UTF-8, not escaped


def test_tbx_conforms_to_the_tbx_core_structure_and_basic_categories() -> None:
    document = etree.fromstring(FILES["glossary/glossary.tbx"])  # raises if not well-formed
    assert tbx_core.problems(document) == []
    assert document.get("style") == "dca"
    assert document.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_tbx_conformance_check_reports_broken_documents() -> None:
    document = etree.fromstring(FILES["glossary/glossary.tbx"])
    concept = document.find(".//tbx:conceptEntry", NS)
    concept.find("tbx:ref", NS).set("target", "no-such-entry")
    concept.find(".//tbx:termNote", NS).text = "obsoleteTerm-admn-sts"
    header = document.find("tbx:tbxHeader/tbx:fileDesc", NS)
    header.append(header[0])  # titleStmt moved after sourceDesc
    found = "\n".join(tbx_core.problems(document))
    assert "target 'no-such-entry' names no id" in found
    assert "'obsoleteTerm-admn-sts' not in" in found
    assert "tbx[en]/tbxHeader/fileDesc: children [sourceDesc titleStmt]" in found


def test_tbx_is_valid_against_the_official_tbx_core_schema() -> None:
    """The official RelaxNG schema, when TBX_SCHEMA points to a copy of TBXcoreStructV03.rng."""
    path = os.environ.get("TBX_SCHEMA")
    if not path:
        pytest.skip("skipped: TBX_SCHEMA not set")
    schema = etree.RelaxNG(etree.parse(path))
    document = etree.fromstring(FILES["glossary/glossary.tbx"])
    assert schema.validate(document), schema.error_log


def test_tbx_holds_definitions_and_every_term_status() -> None:
    document = etree.fromstring(FILES["glossary/glossary.tbx"])
    concepts = document.findall(".//tbx:conceptEntry", NS)
    assert [c.get("id") for c in concepts] == [e.slug for e in GLOSSARY.entries]
    definitions = document.findall(".//tbx:langSec/tbx:descrip[@type='definition']", NS)
    assert len(definitions) == 2 * len(GLOSSARY)
    statuses = [n.text for n in document.iterfind(".//tbx:termNote", NS)
                if n.get("type") == "administrativeStatus"]
    for status, value in ADMINISTRATIVE_STATUS.items():
        expected = sum(len(e.lang(lang).with_status(status)) for e in GLOSSARY.entries
                       for lang in ("en", "es"))
        assert statuses.count(value) == expected > 0
    key = document.find(".//tbx:conceptEntry[@id='key']/tbx:langSec[@xml:lang='es']", {
        **NS, "xml": "http://www.w3.org/XML/1998/namespace"})
    terms = {ts.findtext("tbx:term", namespaces=NS): ts.findtext("tbx:termNote", namespaces=NS)
             for ts in key.findall("tbx:termSec", NS)}
    assert terms == {"clave": "preferredTerm-admn-sts", "llave": "deprecatedTerm-admn-sts"}


def test_bibtex_export_parses_and_cites_every_entry_in_both_languages() -> None:
    bibliography = parse_string(FILES["glossary/glossary.bib"], "bibtex")
    keys = set(bibliography.entries)
    for entry in GLOSSARY.entries:
        for language in ("en", "es"):
            record = bibliography.entries[f"attention-glossary:{entry.slug}:{language}"]
            assert record.fields["url"] == SITE.version_url(entry.slug, entry.version, language)
    assert "attention-glossary" in keys
    cited = {key for entry in GLOSSARY.entries for key in entry.sources}
    assert cited <= keys
    assert len(keys) == 1 + 2 * len(GLOSSARY) + len(cited)


def test_exports_do_not_depend_on_the_language_being_built() -> None:
    """Both builds write the same files: the English and Spanish copies are identical."""
    assert exports(DATA, SITE) == FILES


def test_translator_fields_reach_the_json_export_and_validate(tmp_path: Path) -> None:
    """pos, gender, context, subject and history (issue 17) are exported and in the schema."""
    import shutil

    import yaml

    from glossary.build import load_data
    from glossary.site import BIB_PATH, ENTRIES_DIR

    entries = tmp_path / "entries"
    shutil.copytree(ENTRIES_DIR, entries)
    shutil.copytree(ENTRIES_DIR.parent / "archive", tmp_path / "archive")
    path = entries / "softmax.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["subject"] = "mathematical-foundations"
    data["en"]["terms"][0]["pos"] = "noun"
    data["es"]["terms"][0].update(pos="noun", gender="feminine")
    data["es"]["context"] = {"text": "La softmax convierte puntuaciones en pesos.",
                             "source": "site:attention-weights#softmax"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    document = json.loads(exports(load_data(entries, BIB_PATH), SITE)["glossary/glossary.json"])
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = list(Draft7Validator(schema).iter_errors(document))
    assert not errors, errors[0].message
    softmax = next(e for e in document["entries"] if e["slug"] == "softmax")
    assert softmax["subject"] == "mathematical-foundations"
    assert softmax["es"]["terms"][0]["gender"] == "feminine"
    assert softmax["es"]["context"]["source"] == "site:attention-weights#softmax"
    assert softmax["history"][0] == {"version": "1.0", "date": "2026-11-21",
                                     "en": "First published.", "es": "Primera publicación."}


def test_schema_picklists_match_the_loader() -> None:
    """The schema and the loader accept the same parts of speech, genders and subjects."""
    from glossary.model import GENDERS, PARTS_OF_SPEECH, SUBJECTS

    definitions = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["definitions"]
    assert definitions["pos"]["enum"] == list(PARTS_OF_SPEECH)
    assert definitions["gender"]["enum"] == list(GENDERS)
    assert definitions["subject"]["enum"] == list(SUBJECTS)


def test_tsv_is_the_same_table_with_a_byte_order_mark_and_tabs() -> None:
    """The spreadsheet variant: programs that assume a legacy encoding see the BOM."""
    data = FILES["glossary/glossary.tsv"]
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter="\t"))
    expected = list(csv.DictReader(io.StringIO(FILES["glossary/glossary.csv"], newline="")))
    assert rows == expected


def test_csv_carries_the_translator_fields() -> None:
    rows = {row["slug"]: row for row in csv.DictReader(
        io.StringIO(FILES["glossary/glossary.csv"], newline=""))}
    weight = rows["attention-weight"]
    assert weight["pos_es"] == "noun" and weight["gender_es"] == "masculine"
    assert weight["subject"] == "attention-mechanisms"
    assert weight["context_es"].startswith("Un mapa de calor de pesos de atención")
    assert weight["context_source_es"] == (
        "https://example.org/attention/es/attention-weights/#reading-heat-maps")
    softmax = rows["softmax"]
    assert softmax["term_es"] == "softmax | función softmax"
    assert softmax["gender_es"] == "feminine | feminine"  # one per preferred term, in order
    assert all(row["subject"] for row in rows.values())
    with_context = [e for e in GLOSSARY.entries if e.lang("en").context and e.lang("es").context]
    assert len(with_context) >= 44
    assert all(rows[e.slug]["context_en"] and rows[e.slug]["context_es"] for e in with_context)


def _tbx():
    return etree.fromstring(FILES["glossary/glossary.tbx"])


def test_tbx_declares_its_schemas_with_xml_model_instructions() -> None:
    head = FILES["glossary/glossary.tbx"].split(b"<tbx", 1)[0].decode()
    models = re.findall(r'<\?xml-model href="([^"]+)" type="application/xml" '
                        r'schematypens="([^"]+)"\?>', head)
    assert [schema for _href, schema in models] == [
        "http://relaxng.org/ns/structure/1.0", "http://purl.oclc.org/dsdl/schematron"]
    assert models[0][0].endswith("/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng")
    assert models[1][0].endswith("/DCA/TBX-Basic_DCA.sch")


# TBX-Basic's rules for the data categories used here (its Schematron file, TBX-Basic_DCA.sch):
# picklists and the level at which each category may appear.
TBX_BASIC_PICKLISTS = {
    "partOfSpeech": {"noun", "verb", "adjective", "adverb", "other"},
    "grammaticalGender": {"masculine", "feminine", "neuter", "other"},
    "administrativeStatus": set(ADMINISTRATIVE_STATUS.values()),
}
TBX_BASIC_LEVELS = {
    "descrip[@type='subjectField']": {"conceptEntry"},
    "descrip[@type='definition']": {"conceptEntry", "langSec"},
    "descrip[@type='context']": {"termSec"},  # inside a descripGrp of a termSec
    "xref[@type='externalCrossReference']": {"termSec", "conceptEntry"},
    "termNote": {"termSec"},
}


def test_tbx_data_categories_follow_tbx_basic_picklists_and_levels() -> None:
    document = _tbx()
    for note in document.iterfind(".//tbx:termNote", NS):
        allowed = TBX_BASIC_PICKLISTS.get(note.get("type"))
        assert allowed is not None and note.text in allowed, (note.get("type"), note.text)
    for path, levels in TBX_BASIC_LEVELS.items():
        found = document.findall(f".//tbx:{path}", NS)
        assert found, path
        for element in found:
            parent = element.getparent()
            if etree.QName(parent).localname == "descripGrp":
                parent = parent.getparent()
            assert etree.QName(parent).localname in levels, (path, etree.QName(parent).localname)


def test_tbx_carries_pos_gender_context_and_subject_for_every_entry() -> None:
    document = _tbx()
    for entry in GLOSSARY.entries:
        concept = document.find(f".//tbx:conceptEntry[@id='{entry.slug}']", NS)
        subject = concept.find("tbx:descrip[@type='subjectField']", NS)
        assert subject is not None and subject.text, entry.slug
        for lang_sec in concept.findall("tbx:langSec", NS):
            for term_sec in lang_sec.findall("tbx:termSec", NS):
                notes = {n.get("type"): n.text for n in term_sec.findall("tbx:termNote", NS)}
                assert "partOfSpeech" in notes, entry.slug
                if lang_sec.get(XML_LANG) == "es" and notes["partOfSpeech"] == "noun":
                    assert notes.get("grammaticalGender"), entry.slug
            if entry.lang(lang_sec.get(XML_LANG)).context is None:
                continue  # reported by test_glossary_contexts
            group = lang_sec.find("tbx:termSec", NS).find("tbx:descripGrp", NS)
            assert group.findtext("tbx:descrip[@type='context']", namespaces=NS), entry.slug
            assert group.findtext("tbx:admin[@type='source']", namespaces=NS), entry.slug


def test_json_schema_requires_the_translator_fields() -> None:
    """The schema catches what the loader catches: no pos, a Spanish noun without gender,
    a gender on an English term, no subject, no history. (A missing context sentence is
    reported by test_glossary_contexts, not by the build or the schema.)"""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    document = json.loads(FILES["glossary/glossary.json"])
    entries = document["entries"]
    del entries[0]["en"]["terms"][0]["pos"]
    del entries[1]["es"]["terms"][0]["gender"]
    entries[2]["en"]["terms"][0]["gender"] = "feminine"
    entries[3]["es"]["context"] = {"text": "Una oración."}  # a context without its source
    del entries[4]["subject"]
    del entries[5]["history"]
    errors = list(Draft7Validator(schema).iter_errors(document))
    where = {tuple(error.absolute_path)[1:3] for error in errors}
    assert {(0, "en"), (1, "es"), (2, "en"), (3, "es")} <= where
    messages = " ".join(error.message for error in errors)
    assert "'subject' is a required property" in messages
    assert "'history' is a required property" in messages
    assert "'gender' is a required property" in messages


def test_bibtex_record_of_the_whole_work_has_the_release_year_and_date() -> None:
    """UX review, finding 4: the whole-work record had no year."""
    from glossary.page_citation import release_date

    record = parse_string(FILES["glossary/glossary.bib"], "bibtex").entries["attention-glossary"]
    assert record.fields["year"] == str(release_date().year)
    assert record.fields["date"] == release_date().isoformat()
