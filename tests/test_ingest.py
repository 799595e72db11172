"""Reading documents: the seeds, BibTeX, CSL-JSON, and every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from allrefs import InputError, read_document
from allrefs.ingest import expand_paths
from allrefs.plaintext import join_wrapped, read_plaintext
from conftest import SEEDS

SEED_001 = SEEDS / "001_37e1ae7db2030da5.txt"
SEED_000 = SEEDS / "000_a41e6538813f1c70.txt"

# label: (first author family, year, volume, first page, canonical DOI) as printed in seed 001
SEED_001_EXPECTED = {
    "1": ("Hunger", 2015, "373", "1541", "10.1056/nejmra1400972"),
    "2": ("Alaggio", 2022, "36", "1720", "10.1038/s41375-022-01620-2"),
    "3": ("Dong", 2020, "9", "14", "10.1186/s40164-020-00170-6"),
    "4": ("Aur", 1971, "37", "272", None),
    "5": ("Riehm", 1990, "33", "439", "10.1007/978-3-642-74643-7_81"),
    "6": ("Rumyntsev", 1992, "64", "806", None),
    "7": ("von Stackelberg", 1999, "35", "1349", "10.1016/s0959-8049(99)00112-4"),
    "8": ("Karachunskiy", 2008, "22", "1144", "10.1038/leu.2008.63"),
    "9": ("Schmiegelow", 2016, "17", "e231", "10.1016/s1470-2045(16)30035-3"),
    "10": ("Kohler", 1975, "256", "495", "10.1038/256495a0"),
    "11": ("Aldeghaither", 2019, "7", "230", "10.1158/2326-6066.cir-18-0266"),
    "12": ("Thiery", 2011, "12", "770", "10.1038/ni.2050"),
    "13": ("Queudeville", 2021, "10", "2544", "10.3390/jcm10122544"),
    "14": ("Su", 2021, "11", "3889", "10.1016/j.apsb.2021.03.042"),
    "15": ("Kantarjian", 2016, "375", "740", "10.1056/nejmoa1509277"),
    "16": ("Park", 2018, "378", "449", "10.1056/nejmoa1709919"),
    "17": ("Del Zotto", 2017, "92", "100", "10.1002/cyto.b.21508"),
    "18": ("Dustin", 2010, "235", "24", "10.1111/j.0105-2896.2010.00904.x"),
}


def test_seed_001_has_all_18_entries_in_order_with_their_fields() -> None:
    document = read_document(SEED_001)
    assert [r.label for r in document.references] == [str(i) for i in range(1, 19)]
    for ref in document.references:
        family, year, volume, first_page, doi = SEED_001_EXPECTED[ref.label or ""]
        got = (ref.first_author_family, ref.year, ref.volume, ref.page_first, ref.doi)
        assert got == (family, year, volume, first_page, doi), ref.label


def test_seed_001_dash_repairs_are_reported() -> None:
    document = read_document(SEED_001)
    dashed = [r.label for r in document.references if "doi-dash" in {f.code for f in r.findings}]
    assert dashed == ["2", "3", "5", "7", "9", "11", "18"]
    assert sum(1 for r in document.references if r.doi) == 16


def test_seed_001_own_record() -> None:
    record = read_document(SEED_001).record
    assert record is not None
    assert record.title == (
        "Immunotherapy of acute lymphoblastic leukemia in children and adolescents: "
        "the beginning of a new era"
    )
    assert [p.family for p in record.authors] == ["Karachunsky", "Rumyantseva", "Mansurova"]
    assert record.container_title is not None
    assert record.container_title.startswith("Rossiyskiy Vestnik Perinatologii i Pediatrii")
    assert (record.year, record.volume, record.issue) == (2025, "70", "4")
    assert (record.page_first, record.page_last) == ("5", "15")
    assert record.doi == "10.21508/1027-4065-2025-70-4-5-15"


def test_seed_000_cites_ten_and_lists_none() -> None:
    document = read_document(SEED_000)
    assert document.references == ()
    cited = sorted({label for m in document.markers for label in m.labels}, key=int)
    assert cited == [str(i) for i in range(1, 11)]
    messages = [f.message for f in document.findings if f.code == "no-reference-list"]
    assert messages == ["the text cites 10 references (1–10) but prints no reference list"]
    assert document.record is not None
    assert document.record.title == (
        "Benefits of immunotherapy in the treatment of pediatric acute lymphoblastic leukemia"
    )
    assert [(p.given, p.family) for p in document.record.authors] == [("Batol", "Abbasi")]


def test_markers_and_list_are_checked_against_each_other() -> None:
    text = (
        "Leukemia is common (1). Treatment improved [2, 3] and more (5-6).\n\n"
        "References\n"
        "1. Hunger SP, Mullighan CG. Acute leukemia. N Engl J Med. 2015;373:1541-52.\n"
        "2. Pui CH. Childhood leukemias. Lancet. 2008;371:1030-43.\n"
        "3. Inaba H. Acute lymphoblastic leukaemia. Lancet. 2013;381:1943-55.\n"
        "4. Cooper SL. Treatment of pediatric ALL. Pediatr Clin. 2015;62:61-73.\n"
    )
    document = read_plaintext(text, "review.txt")
    assert len(document.references) == 4
    missing = [f.message for f in document.findings if f.code == "marker-without-entry"]
    assert missing == [
        "line 1: citation (5-6) refers to 5, 6, which the reference list does not contain"
    ]
    never = [r.label for r in document.references if "never-cited" in {f.code for f in r.findings}]
    assert never == ["4"]


def test_wrapped_and_hyphenated_entries_are_rejoined() -> None:
    text = (
        "Bibliography\n\n"
        "[1] Ikeda S, Tanaka M. Endo-\n"
        "scopic sphincterotomy: long-term results in 408 patients. Endoscopy.\n"
        "1988;20:13-7. doi:10.1055/s-2007-\n"
        "1018117\n"
        "[2] Classen M, Demling L. Endoskopische Sphinkterotomie. Dtsch Med Wochenschr.\n"
        "1974;99:496-7. [PubMed] [Google Scholar]\n"
    )
    refs = read_plaintext(text, "x.txt").references
    assert [r.label for r in refs] == ["1", "2"]
    assert refs[0].title == "Endoscopic sphincterotomy: long-term results in 408 patients"
    assert refs[0].doi == "10.1055/s-2007-1018117"
    assert refs[0].year == 1988
    assert "PubMed" not in refs[1].raw and refs[1].page_last == "497"


def test_unnumbered_list_one_per_line() -> None:
    text = (
        "References\n"
        "Hunger SP, Mullighan CG. Acute leukemia. N Engl J Med. 2015;373:1541-52.\n"
        "Pui CH. Childhood leukemias. Lancet. 2008;371:1030-43.\n"
    )
    refs = read_plaintext(text, "x.txt").references
    assert [r.first_author_family for r in refs] == ["Hunger", "Pui"]
    assert [r.label for r in refs] == ["1", "2"]


def test_join_wrapped() -> None:
    assert join_wrapped(["Endo-", "scopic results"]) == "Endoscopic results"
    assert join_wrapped(["pages 1541–", "1552"]) == "pages 1541–1552"
    assert join_wrapped(["Acute", "leukemia"]) == "Acute leukemia"


BIBTEX = """@article{hunger2015,
  author = {Hunger, Stephen P. and Mullighan, Charles G. and {World Health Organization}},
  title = {Acute {Lymphoblastic} Leukemia in Children},
  journal = {New England Journal of Medicine},
  year = {2015}, volume = {373}, number = {16}, pages = {1541--1552},
  doi = {https://doi.org/10.1056/NEJMra1400972}
}

@article{broken,
  author = {Nobody
  title = {Unclosed

@book{alberts2008, title={Molecular Biology of the Cell}, publisher={Garland}, year={2008}}
"""


def test_bibtex_input_with_a_broken_block(tmp_path: Path) -> None:
    path = tmp_path / "my.bib"
    path.write_text(BIBTEX, encoding="utf-8")
    document = read_document(path)
    first = document.references[0]
    assert first.source_key == "hunger2015"
    assert first.doi == "10.1056/nejmra1400972"
    assert [p.family for p in first.authors[:2]] == ["Hunger", "Mullighan"]
    assert first.authors[2].literal == "World Health Organization"
    assert (first.page_first, first.page_last, first.issue) == ("1541", "1552", "16")
    assert first.title == "Acute Lymphoblastic Leukemia in Children"
    errors = [f.message for f in document.findings if f.code == "bibtex-syntax"]
    assert [r.label for r in document.references] == ["hunger2015", "line 9", "alberts2008"]
    assert errors and all(str(path) in m for m in errors)
    assert ":9:" in errors[0]  # names the line where the broken block starts


def test_csl_json_input(tmp_path: Path) -> None:
    items = [
        {
            "id": "a",
            "type": "article-journal",
            "title": "A title",
            "author": [{"family": "Doe", "given": "Jane"}],
            "issued": {"date-parts": [[2020, 5]]},
            "page": "10-12",
            "DOI": "10.1000/XYZ",
        }
    ]
    path = tmp_path / "lib.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    ref = read_document(path).references[0]
    assert (ref.title, ref.year, ref.page_last, ref.doi) == ("A title", 2020, "12", "10.1000/xyz")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("empty.txt", b"", "file is empty", id="empty"),
        pytest.param("blank.txt", b"\n  \n", "file is empty", id="whitespace_only"),
        pytest.param("x.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", id="binary"),
        pytest.param("x.json", b'[{"id": 1,', "not valid JSON", id="truncated_json"),
        pytest.param(
            "x.bib", b"no entries here at all", "no BibTeX entries", id="bib_without_entries"
        ),
    ],
)
def test_bad_files_raise_one_clear_error(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_windows_1252_is_decoded_with_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = "References\n1. K\xf6hler G, Milstein C. Continuous cultures. Nature. 1975;256:495-7.\n"
    path.write_bytes(text.encode("cp1252"))
    document = read_document(path)
    assert document.references[0].first_author_family == "Köhler"
    assert document.findings[0].code == "encoding"


def test_paths_that_do_not_exist_or_hold_nothing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        expand_paths([tmp_path / "missing.txt"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="holds no documents"):
        expand_paths([tmp_path / "empty"])


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(65 * 2**20)  # sparse: no 65 MiB written to disk
    with pytest.raises(InputError, match="allrefs reads at most 64 MiB") as caught:
        read_document(path)
    assert str(path) in str(caught.value)


def test_a_bibtex_article_keeps_its_journal_beside_a_trial_number_or_a_patent() -> None:
    # the patent and registration readings are for reference strings, not for records
    from allrefs.ingest import read_bibtex

    doc = read_bibtex(
        "@article{a, title={Widgets}, journal={The Lancet}, note={ClinicalTrials.gov "
        "NCT01234567}, year={2020}}\n@article{b, title={Licensing of US Patent 4,237,224}, "
        "journal={Harv J Law Technol}, year={2019}}",
        "x.bib",
    )
    assert [(r.type, r.container_title, r.number) for r in doc.references] == [
        ("article-journal", "The Lancet", None),
        ("article-journal", "Harv J Law Technol", None),
    ]


def test_a_bibtex_title_keeps_the_hyphens_its_author_typed() -> None:
    # a record is typed, not copied from a PDF's lines: no broken words to join
    from allrefs.ingest import read_bibtex

    doc = read_bibtex(
        "@article{a, title={Pre- and post- operative care of CD28- cells and multi- organ "
        "failure}, journal={J Widgets}, year={2020}}",
        "x.bib",
    )
    assert doc.references[0].title == (
        "Pre- and post- operative care of CD28- cells and multi- organ failure"
    )
