"""RIS out (read back by rispy and by allrefs) and the round trips users make between
reference managers: BibTeX → CSL-JSON → BibTeX and RIS → CSL-JSON → RIS."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from allrefs.emit import dump_json, to_bibtex, to_csl_json
from allrefs.ingest import read_document
from allrefs.model import Person, Reference
from allrefs.parse import parse_reference
from allrefs.ris import read_ris_records, to_ris

SCHEMA = json.loads(files("allrefs").joinpath("data/csl-data.schema.json").read_text("utf-8"))

#: references with what breaks writers: accents, LaTeX specials, particles, organisations,
#: SICI and underscore DOIs, editors, chapters, books, theses, page prefixes
RICH_REFERENCES: tuple[Reference, ...] = (
    Reference(
        type="article-journal",
        authors=(
            Person("Müller", "Jörg"),
            Person("Ødegård", "Åsa"),
            Person("Łukasiewicz", "Ewa"),
            Person("O'Brien", "Seán"),
            Person("von Stackelberg", "Arend"),
        ),
        title="β-cell loss & CD19 CAR T cells: 10% of “young” mice in São Paulo",
        container_title="Journal of Cell_Biology & Medicine",
        year=2019,
        volume="12",
        issue="3",
        page_first="e231",
        page_last="e239",
        doi="10.1016/s1470-2045(16)30035-3",
        pmid="26465987",
        url="https://example.org/articles/a_b?x=1&y=2",
    ),
    Reference(
        type="chapter",
        authors=(Person(literal="World Health Organization"),),
        editors=(Person("Smith", "Alice B."), Person("Nguyen", "Văn An")),
        title="Guidelines for the #1 priority: costs in $ and €",
        container_title="Handbook of Global Health",
        publisher="Springer",
        publisher_place="Cham",
        year=2020,
        page_first="101",
        page_last="120",
        doi="10.1007/978-3-642-74643-7_81",
    ),
    Reference(
        type="book",
        authors=(Person("Dvořák", "Antonin"), Person("Gödel", "Kurt")),
        title="Über formal unentscheidbare Sätze: a ~ tilde and a ^ caret",
        publisher="Wiley",
        publisher_place="Hoboken",
        year=1931,
        doi="10.1002/(sici)1097-4636(199603)30:3<401::aid-jbm15>3.0.co;2-o",
    ),
    Reference(
        type="article-journal",
        authors=(Person("Zhang", "Wei"),),
        title="Gene–environment interactions in type 2 diabetes",
        container_title="Nature Reviews Endocrinology",
        year=2022,
        volume="18",
        page_first="S12",
        page_last="S19",
    ),
    Reference(
        type="thesis",
        authors=(Person("Ferreira", "João"),),
        title="Modelling ALL relapse",
        publisher="Universidade de Lisboa",
        year=2018,
    ),
)

#: Reference fields a user cares about in a reference manager
USER_FIELDS = (
    "type",
    "authors",
    "editors",
    "title",
    "container_title",
    "publisher",
    "publisher_place",
    "year",
    "volume",
    "issue",
    "page_first",
    "page_last",
    "doi",
    "url",
)


def _fields(ref: Reference, names: tuple[str, ...] = USER_FIELDS) -> dict[str, Any]:
    return {name: getattr(ref, name) for name in names}


def _read(path: Path, text: str) -> list[Reference]:
    path.write_text(text, encoding="utf-8")
    return list(read_document(path).references)


# -- RIS written by allrefs reads back ---------------------------------------------------


def test_ris_reads_back_with_rispy_to_the_same_fields() -> None:
    text = to_ris(RICH_REFERENCES)
    records = read_ris_records(text)
    assert len(records) == len(RICH_REFERENCES)
    first = records[0]
    assert first["type_of_reference"] == "JOUR"
    assert first["authors"][0] == "Müller, Jörg"
    assert first["authors"][4] == "von Stackelberg, Arend"
    assert first["title"] == RICH_REFERENCES[0].title
    assert first["secondary_title"] == "Journal of Cell_Biology & Medicine"
    assert (first["start_page"], first["end_page"]) == ("e231", "e239")
    assert first["doi"] == "10.1016/s1470-2045(16)30035-3"
    assert first["urls"] == ["https://example.org/articles/a_b?x=1&y=2"]
    assert first["accession_number"] == "26465987"
    chapter = records[1]
    assert chapter["type_of_reference"] == "CHAP"
    assert chapter["authors"] == ["World Health Organization"]
    assert chapter["editors"] == ["Smith, Alice B.", "Nguyen, Văn An"]
    assert (chapter["publisher"], chapter["place_published"]) == ("Springer", "Cham")
    assert records[2]["doi"] == RICH_REFERENCES[2].doi
    assert [r["type_of_reference"] for r in records] == ["JOUR", "CHAP", "BOOK", "JOUR", "THES"]


def test_ris_has_no_record_number_lines() -> None:
    text = to_ris(RICH_REFERENCES[:2])
    assert text.startswith("TY  - JOUR\n")
    assert all(line[:2].isalnum() and line[2:6] == "  - " for line in text.splitlines() if line)


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1
    ).filter(lambda t: t.strip()),
    family=st.from_regex(r"[A-Za-zÀ-ÿ' -]{1,20}", fullmatch=True).filter(lambda t: t.strip()),
)
def test_any_title_and_name_survive_rispy(title: str, family: str) -> None:
    ref = Reference(authors=(Person(family.strip(), "A."),), title=title, year=2000)
    [record] = read_ris_records(to_ris([ref]))
    assert record["title"] == " ".join(title.split())
    assert record["authors"] == [f"{family.strip()}, A."]


# -- round trips --------------------------------------------------------------------------


def test_bibtex_to_csl_json_to_bibtex_keeps_the_user_fields(tmp_path: Path) -> None:
    original = _read(tmp_path / "a.bib", to_bibtex(RICH_REFERENCES))
    items = to_csl_json(original)
    jsonschema.validate(items, SCHEMA)
    via_csl = _read(tmp_path / "b.json", dump_json(items))
    again = _read(tmp_path / "c.bib", to_bibtex(via_csl))
    for before, after in zip(original, again, strict=True):
        assert _fields(after) == _fields(before)
        assert after.pmid == before.pmid
        assert after.source_key == before.source_key  # keys survive, so \cite keeps working
    # and what came out is what went in
    kept = ("title", "authors", "editors", "year", "doi", "volume", "page_first", "page_last")
    for written, read in zip(RICH_REFERENCES, again, strict=True):
        assert _fields(read, kept) == _fields(written, kept)


def test_bibtex_url_with_ampersand_reads_back(tmp_path: Path) -> None:
    [read] = _read(tmp_path / "a.bib", to_bibtex(RICH_REFERENCES[:1]))
    assert read.url == RICH_REFERENCES[0].url


ZOTERO_RIS = """TY  - JOUR
ID  - smith2019
AU  - Müller, Jörg
AU  - O'Brien, Seán
TI  - β-cell loss & CD19 CAR T cells: 10% of “naïve” mice
T2  - Journal of Cell Biology
PY  - 2019
VL  - 12
IS  - 3
SP  - 1541
EP  - 1552
DO  - 10.1056/nejmra1400972
UR  - https://example.org/a_b?x=1&y=2
ER  -

TY  - CHAP
ID  - who2020guidelines
AU  - World Health Organization
ED  - Smith, Alice B.
TI  - Guidelines for priorities
T2  - Handbook of Global Health
PB  - Springer
CY  - Cham
PY  - 2020
SP  - 101
EP  - 120
ER  -

TY  - BOOK
ID  - dvorak1931uber
AU  - Dvořák, Antonín
TI  - Über Sätze
PB  - Wiley
CY  - Hoboken
PY  - 1931
ER  -
"""


def test_ris_to_csl_json_to_ris_keeps_the_user_fields(tmp_path: Path) -> None:
    original = _read(tmp_path / "a.ris", ZOTERO_RIS.replace("ER  -\n", "ER  - \n"))
    assert len(original) == 3
    items = to_csl_json(original)
    jsonschema.validate(items, SCHEMA)
    via_csl = _read(tmp_path / "b.json", dump_json(items))
    again = _read(tmp_path / "c.ris", to_ris(via_csl))
    for before, after in zip(original, again, strict=True):
        assert _fields(after) == _fields(before)
        assert after.source_key == before.source_key


def test_ris_organisation_author_stays_one_name(tmp_path: Path) -> None:
    refs = _read(tmp_path / "a.ris", ZOTERO_RIS)
    assert refs[1].authors == (Person(literal="World Health Organization"),)


def test_ris_round_trip_keeps_the_pmid(tmp_path: Path) -> None:
    [ref] = _read(tmp_path / "a.ris", to_ris(RICH_REFERENCES[:1]))
    assert ref.pmid == "26465987"


def test_bibtex_et_al_survives_as_et_al(tmp_path: Path) -> None:
    ref = Reference(authors=(Person("Smith", "A."),), et_al=True, title="T", year=2000)
    [read] = _read(tmp_path / "a.bib", to_bibtex([ref]))
    assert read.et_al and [p.family for p in read.authors] == ["Smith"]


def test_generated_bibliographies_convert_to_ris_and_back(tmp_path: Path) -> None:
    from conftest import ROOT

    bib = ROOT / "bib" / "karachunsky2025immunotherapy.bib"
    original = list(read_document(bib).references)
    again = _read(tmp_path / "k.ris", to_ris(original))
    assert [r.source_key for r in again] == [r.source_key for r in original]
    for before, after in zip(original, again, strict=True):
        assert _fields(after, ("title", "year", "volume", "issue", "doi")) == _fields(
            before, ("title", "year", "volume", "issue", "doi")
        )
        # "and others" is written as a note, not as an author called "others"
        assert all(p.family != "others" for p in after.authors)


def test_software_and_data_sets_keep_their_kind_in_ris(tmp_path: Path) -> None:
    software = parse_reference(
        "R Core Team. (2023). R: A language and environment for statistical computing "
        "[Computer software]. R Foundation for Statistical Computing."
    )
    data = parse_reference("Smith, J. (2019). Data about things [Data set]. Zenodo.")
    text = to_ris([software, data])
    assert [line for line in text.splitlines() if line.startswith("TY")] == [
        "TY  - COMP",
        "TY  - DATA",
    ]
    # and read back as what they were
    read = _read(tmp_path / "refs.ris", text)
    assert [ref.type for ref in read] == ["software", "dataset"]
