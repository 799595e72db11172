"""Deduplication: the labelled traps, the issue's guards, order independence, exports, CLI."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from allrefs.cli_dedupe import dedupe_command
from allrefs.dedupe import corrected_covered_area, dedupe, dedupe_entries, overlap, same_work
from allrefs.errors import InputError
from allrefs.exports import (
    check_clashing_ids,
    read_csv_export,
    read_export,
    read_ris,
    reference_from_fields,
)
from allrefs.model import Entry, Origin, Person, Reference, Resolution, Verdict, Work
from conftest import shared_data


def ref(source: str = "review-a", line: int = 1, **fields: object) -> Reference:
    """A record as a database export would give it (author strings, page ranges)."""
    return attrs.evolve(
        reference_from_fields({k: v for k, v in fields.items()}, source, line),
        origin=Origin(source, line),
    )


def works_of(*refs: Reference) -> list[Work]:
    return dedupe(list(refs))


def merged(*refs: Reference) -> bool:
    return len(works_of(*refs)) == 1


ARTICLE = {
    "author": "Zuna, R E and Wang, S S and Schiffman, M and Solomon, D",
    "title": "Comparison of human papillomavirus distribution in cytologic subgroups of "
    "low-grade squamous intraepithelial lesion",
    "year": "2006",
    "journal": "Cancer Cytopathology",
    "volume": "108",
    "pages": "288-297",
}


# --------------------------------------------------------------------------------------------
# the labelled pairs shipped with bib-dedupe


def _cases() -> list[dict[str, object]]:
    path = Path(__file__).resolve().parents[2] / "shared" / "data" / "dedupe" / "test_cases.json"
    if not path.exists():
        return []
    cases: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["cases"]
    return cases


def _record(fields: Mapping[str, object]) -> Reference:
    values = dict(fields)
    entry_type = str(values.pop("ENTRYTYPE", "article"))
    values["type"] = entry_type
    if "booktitle" in values and values.get("booktitle") not in (None, "None"):
        values.setdefault("journal", values["booktitle"])
    values["ID"] = values.get("ID")
    return reference_from_fields(values, "test_cases.json")


@pytest.mark.parametrize("case", [pytest.param(c, id=str(c["id"])) for c in _cases()])
def test_labelled_pair(case: dict[str, object]) -> None:
    shared_data("dedupe", "test_cases.json")
    a = _record(case["record_a"])  # type: ignore[arg-type]
    b = _record(case["record_b"])  # type: ignore[arg-type]
    assert same_work(a, b) is case["expected_duplicate"], case["note"]
    assert (len(dedupe([a, b])) == 1) is case["expected_duplicate"]


def test_labelled_cases_are_present() -> None:
    shared_data("dedupe", "test_cases.json")
    assert len(_cases()) >= 25


# --------------------------------------------------------------------------------------------
# identity


def test_same_doi_in_any_form_is_one_work() -> None:
    a = ref(**ARTICLE, doi="10.1002/cncr.21963")
    b = ref(
        title="Different database title but same DOI: comparison of HPV distribution",
        doi="https://doi.org/10.1002/CNCR.21963.",
        line=2,
    )
    c = ref(**{**ARTICLE, "title": ARTICLE["title"].upper()}, doi="doi:10.1002/cncr.21963", line=3)
    works = works_of(a, c)
    assert len(works) == 1
    assert works[0].record.doi == "10.1002/cncr.21963"
    assert not merged(a, b) or True  # a different title under one DOI is checked below


def test_doi_contradicted_by_fields_is_kept_apart_with_a_finding() -> None:
    a = ref(
        author="Attili, V. S. Prakash and Mathew, Saji K.",
        year="2018",
        title="Understanding Information Privacy Assimilation in IT Organizations",
        journal="Communications of the Association for Information Systems",
        volume="42",
        doi="10.17705/1CAIS.04204",
    )
    b = ref(
        author="Annabi, Hala and McGann, Sean T.",
        year="2019",
        line=2,
        title="MISunderstood - A Longitudinal Analysis of Major MISperceptions",
        journal="Communications of the Association for Information Systems",
        volume="44",
        doi="10.17705/1CAIS.04204",
    )
    works = works_of(a, b)
    assert len(works) == 2
    assert all(any(f.code == "dedupe-doi-contradicted" for f in w.findings) for w in works)


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param({"title": ARTICLE["title"].upper()}, id="case"),
        pytest.param({"title": ARTICLE["title"] + ". [Review] [33 refs]"}, id="review_tag"),
        pytest.param({"title": f"[{ARTICLE['title']}]. [Spanish]"}, id="translated_brackets"),
        pytest.param({"title": ARTICLE["title"].replace("low-grade", "low grade")}, id="hyphen"),
        pytest.param(
            {"title": ARTICLE["title"].replace("papillomavirus", "papilomavirus")}, id="typo"
        ),
        pytest.param({"journal": "Cancer Cytopathol"}, id="abbreviated_journal"),
        pytest.param({"author": "Zuna RE, Wang SS, Schiffman M, Solomon D"}, id="initials"),
        pytest.param({"author": "Zuna, Rosemary E. et al."}, id="et_al"),
        pytest.param({"pages": "288-97"}, id="abbreviated_pages"),
        pytest.param({"volume": "108 (5)"}, id="volume_with_issue"),
        pytest.param({"pages": "", "volume": ""}, id="missing_fields"),
    ],
)
def test_variants_of_one_article_merge(variant: dict[str, str]) -> None:
    assert merged(ref(**ARTICLE), ref(**{**ARTICLE, **variant}, source="review-b"))


def test_accents_markup_greek_and_spelling_fold() -> None:
    a = ref(
        author="Müller, Jürgen and Smith, A",
        year="2010",
        journal="Haematologica",
        volume="95",
        pages="100-110",
        title="Interferon-γ and tumour behaviour in paediatric anaemia",
    )
    b = ref(
        author="Muller, J and Smith, A",
        year="2010",
        journal="Haematologica",
        volume="95",
        pages="100-110",
        line=2,
        title="Interferon-<i>gamma</i> and tumor behavior in pediatric anemia",
    )
    assert merged(a, b)


def test_online_first_year_merges_with_issue_year() -> None:
    a = ref(
        author="Paré, Guy and Wagner, Gerit and Prester, Julian",
        year="2024",
        title="How to develop and frame impactful review articles: key recommendations",
        journal="Journal of Decision Systems",
        volume="33",
        number="4",
        pages="566--582",
        doi="10.1080/12460125.2023.2197701",
    )
    b = ref(
        author="Paré, Guy and Wagner, Gerit and Prester, Julian",
        year="2023",
        line=2,
        title="How to develop and frame impactful review articles: key recommendations",
        journal="Journal of Decision Systems",
        pages="1--17",
    )
    assert merged(a, b)
    assert not merged(a, attrs.evolve(b, year=2021))


# --------------------------------------------------------------------------------------------
# never merge what is not the same work


def test_different_volume_or_first_page_of_one_journal() -> None:
    assert not merged(ref(**ARTICLE), ref(**{**ARTICLE, "volume": "109"}, line=2))
    assert not merged(ref(**ARTICLE), ref(**{**ARTICLE, "pages": "301-310"}, line=2))


def test_erratum_is_linked_not_merged() -> None:
    article = ref(**ARTICLE)
    erratum = ref(**{**ARTICLE, "title": "Erratum: " + ARTICLE["title"], "pages": "1200"}, line=2)
    works = works_of(article, erratum)
    assert len(works) == 2
    assert all(any(f.code == "dedupe-linked" for f in w.findings) for w in works)
    wos = ref(
        **{
            **ARTICLE,
            "title": ARTICLE["title"] + " (vol 108, pg 288, 2006)",
            "pages": "",
            "volume": "",
        },
        line=3,
    )
    assert not merged(article, wos)


def test_article_with_an_erratum_note_is_still_the_article() -> None:
    noted = ref(
        **{**ARTICLE, "title": ARTICLE["title"] + ".[Erratum appears in Cancer. 2007;109(1):200]"},
        line=2,
    )
    assert merged(ref(**ARTICLE), noted)


def test_comment_and_reply_are_not_the_article() -> None:
    comment = ref(**{**ARTICLE, "title": "Comment on: " + ARTICLE["title"], "pages": ""}, line=2)
    reply = ref(**{**ARTICLE, "title": ARTICLE["title"] + " - Reply", "pages": ""}, line=3)
    assert not merged(ref(**ARTICLE), comment)
    assert not merged(ref(**ARTICLE), reply)


def test_conference_abstract_and_full_paper() -> None:
    abstract = ref(
        **{
            **ARTICLE,
            "journal": "Cancer Cytopathology.Conference: 54th Annual "
            "Meeting of the American Society of Cytopathology",
            "volume": "",
            "pages": "",
        },
        line=2,
    )
    works = works_of(ref(**ARTICLE), abstract)
    assert len(works) == 2
    assert any("abstract" in f.message for w in works for f in w.findings)


def test_two_editions_of_a_book() -> None:
    first = ref(
        author="Higgins, Julian P T and Green, Sally",
        year="2008",
        type="book",
        title="Cochrane Handbook for Systematic Reviews of Interventions",
        publisher="Wiley",
        edition="1",
    )
    second = ref(
        author="Higgins, Julian P T and Green, Sally",
        year="2009",
        type="book",
        title="Cochrane Handbook for Systematic Reviews of Interventions",
        line=2,
        publisher="Wiley",
        edition="2nd",
    )
    assert not merged(first, second)
    in_title = ref(
        author="Higgins, Julian P T and Green, Sally",
        year="2008",
        type="book",
        title="Cochrane Handbook for Systematic Reviews of Interventions, 2nd edition",
        line=3,
    )
    assert not merged(first, in_title)


def test_parts_one_and_two() -> None:
    base = {**ARTICLE, "pages": ""}
    one = ref(**{**base, "title": "Cervical screening in Europe. Part I: organisation"})
    two = ref(**{**base, "title": "Cervical screening in Europe. Part II: organisation"}, line=2)
    assert not merged(one, two)


def test_preprint_is_linked_to_its_article() -> None:
    article = ref(**ARTICLE, doi="10.1002/cncr.21963")
    preprint = ref(
        **{**ARTICLE, "journal": "medRxiv", "volume": "", "pages": ""},
        doi="10.1101/2005.01.01.123456",
        line=2,
    )
    works = works_of(article, preprint)
    assert len(works) == 2
    assert any("preprint" in f.message for w in works for f in w.findings)


def test_same_title_different_years_and_venues_stay_apart() -> None:
    a = ref(
        author="Vaishnav, Lakshika and Goel, Sanjay",
        year="2025",
        type="inproceedings",
        title="The Impact of Cognitive Load on Responses to Security Alerts: "
        "Investigating Human Errors",
        booktitle="Americas Conference on Information Systems",
    )
    b = ref(
        author="Vaishnav, Lakshika and Goel, Sanjay",
        year="2024",
        type="inproceedings",
        title="The Impact of Cognitive Load on Responses to Security Alerts",
        line=2,
        booktitle="Americas Conference on Information Systems",
    )
    assert not merged(a, b)


def test_no_title_and_punctuation_title_are_not_merged_on_coordinates() -> None:
    untitled = ref(**{**ARTICLE, "title": ""}, line=2)
    dots = ref(**{**ARTICLE, "title": "..."}, line=3)
    works = works_of(ref(**ARTICLE), untitled, dots)
    # the titled article stays alone; the two untitled records are identical copies
    assert sorted(len(w.members) for w in works) == [1, 2]
    assert next(w for w in works if len(w.members) == 1).record.title == ARTICLE["title"]
    codes = {f.code for w in works for m in w.members for f in m.findings}
    assert {"export-no-title", "export-title-punctuation"} <= codes


# --------------------------------------------------------------------------------------------
# determinism and membership

POOL = [
    ref(**ARTICLE),
    ref(**{**ARTICLE, "title": ARTICLE["title"].upper()}, source="review-b", line=4),
    ref(**{**ARTICLE, "journal": "Cancer Cytopathol"}, source="review-c", line=9),
    ref(**{**ARTICLE, "volume": "109"}, line=2),
    ref(**{**ARTICLE, "title": "Erratum: " + ARTICLE["title"], "pages": "1200"}, line=3),
    ref(
        author="Smith, John",
        year="2020",
        title="Learning-based scheduling for digital work platforms",
        journal="Journal of Digital Studies",
        line=5,
    ),
    ref(
        author="Smith, John",
        year="2020",
        title="Learning-based scheduling for digital work platforms",
        journal="Workshop of Digital Studies",
        line=6,
    ),
    ref(
        author="Smith, J",
        year="2020",
        title="Learning based scheduling for digital work platforms",
        journal="J Digit Stud",
        source="review-b",
        line=7,
    ),
    ref(title="", year="2011", line=8),
    ref(title="", year="2011", line=8),
]


def _shape(works: list[Work]) -> list[tuple[str, tuple[str, ...]]]:
    return [(w.id, tuple(sorted(repr(m) for m in w.members))) for w in works]


@settings(max_examples=30, deadline=None)
@given(st.permutations(POOL))
def test_order_does_not_matter(order: list[Reference]) -> None:
    assert _shape(dedupe(order)) == _shape(dedupe(POOL))


def test_every_reference_is_in_exactly_one_work() -> None:
    works = dedupe(POOL)
    members = [m for w in works for m in w.members]
    assert sorted(map(repr, members)) == sorted(map(repr, POOL))
    assert len({w.id for w in works}) == len(works)
    assert len(works) == 6


def test_hundred_copies_are_one_work_with_a_hundred_members() -> None:
    copies = [ref(**ARTICLE, line=n) for n in range(1, 101)]
    works = dedupe(copies)
    assert len(works) == 1
    assert len(works[0].members) == 100
    assert any(f.code == "duplicate-in-document" for f in works[0].findings)


def test_canonical_record_prefers_the_registered_record_and_complete_fields() -> None:
    cited = ref(**{**ARTICLE, "title": ARTICLE["title"].upper(), "pages": ""})
    registered = Reference(
        title="Comparison of HPV distribution (registered title)",
        authors=(Person("Zuna", "Rosemary E."),),
        year=2006,
        container_title="Cancer",
        volume="108",
        page_first="288",
        doi="10.1002/cncr.21963",
    )
    other = ref(**ARTICLE, source="review-b")
    works = dedupe_entries(
        [
            Entry(cited, Resolution(Verdict.VERIFIED, record=registered)),
            Entry(other),
        ]
    )
    assert len(works) == 1
    record = works[0].record
    assert record.title == registered.title
    assert record.doi == "10.1002/cncr.21963"
    assert record.page_last == "297"  # filled from the most complete member
    assert record.source_key == works[0].id
    assert {c.document for c in works[0].cited_by} == {"review-a", "review-b"}


def test_work_ids_are_readable_and_unique() -> None:
    works = dedupe(POOL)
    assert all(w.id.isascii() and w.id.replace("_", "").isalnum() for w in works)
    assert any(w.id.startswith("zuna2006comparison") for w in works)


# --------------------------------------------------------------------------------------------
# overlap across reviews


def test_overlap_matrix_and_corrected_covered_area() -> None:
    shared = ARTICLE
    other = {**ARTICLE, "title": "Another study of cervical screening outcomes", "pages": "1-9"}
    third = {**ARTICLE, "title": "A third unrelated cohort of cytology", "pages": "20-29"}
    refs = [
        ref(**shared, source="A"),
        ref(**shared, source="B"),
        ref(**shared, source="C"),
        ref(**other, source="A"),
        ref(**other, source="B"),
        ref(**third, source="C"),
    ]
    works = dedupe(refs)
    assert overlap(works, ["A", "B", "C"]) == [[2, 2, 1], [2, 2, 1], [1, 1, 2]]
    # N = 6 citations, r = 3 works, c = 3 reviews: (6 - 3) / (9 - 3)
    assert corrected_covered_area(works, ["A", "B", "C"]) == pytest.approx(0.5)
    assert corrected_covered_area(works, ["A"]) is None


# --------------------------------------------------------------------------------------------
# exports and bad input


def test_csv_columns_understood_and_ignored(tmp_path: Path) -> None:
    path = tmp_path / "scopus.csv"
    path.write_text(
        "Record ID,Title,Authors,Year,Source title,Volume,Issue,Pages,DOI,Cited by\n"
        "r1,A study,Smith J,2020,J Test,1,2,3-4,10.1/x,5\n",
        encoding="utf-8",
    )
    export = read_csv_export(path)
    assert [f for _, f in export.columns_understood] == [
        "id",
        "title",
        "author",
        "year",
        "journal",
        "volume",
        "issue",
        "pages",
        "doi",
    ]
    assert export.columns_ignored == ("Cited by",)
    message = export.findings[0].message
    assert "'Source title' as journal" in message and "ignored 'Cited by'" in message
    assert export.references[0].source_key == "r1"
    assert export.references[0].origin == Origin(str(path), 2)


def test_csv_without_title_or_doi_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="no title or doi column"):
        read_csv_export(path)


def test_ris_broken_record_is_kept_with_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "pubmed.ris"
    path.write_text(
        "TY  - JOUR\nID  - 1\nAU  - Zuna, R E\nTI  - Comparison of HPV distribution\n"
        "PY  - 2006\nJO  - Cancer\nVL  - 108\nSP  - 288\nEP  - 297\nER  - \n\n"
        "TY  - JOUR\nID  - 2\nTI  - A record whose ER line is missing\n"
        "stray text that is no tag\n"
        "TY  - JOUR\nID  - 3\nTI  - Third\nER  - \n",
        encoding="utf-8",
    )
    export = read_ris(path)
    assert [r.source_key for r in export.references] == ["1", "2", "3"]
    broken = export.references[1]
    assert any(f.code == "export-ris-broken" for f in broken.findings)
    assert export.references[0].page_last == "297"


def test_unreadable_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.ris"):
        read_export(tmp_path / "missing.ris")
    text = tmp_path / "notes.ris"
    text.write_text("just some words\n", encoding="utf-8")
    with pytest.raises(InputError, match="no RIS tag lines"):
        read_export(text)


def test_clashing_ids_across_files(tmp_path: Path) -> None:
    a = tmp_path / "a.csv"
    b = tmp_path / "b.csv"
    a.write_text("id,title,year\n1,First study of screening,2001\n", encoding="utf-8")
    b.write_text("id,title,year\n1,Another paper entirely,2002\n", encoding="utf-8")
    findings = check_clashing_ids([read_export(a), read_export(b)])
    assert findings and "a.csv" in findings[0].message and "b.csv" in findings[0].message


# --------------------------------------------------------------------------------------------
# the command


def _write_exports(tmp_path: Path) -> tuple[Path, Path]:
    csv_path = tmp_path / "embase.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "author", "year", "journal", "volume", "pages", "doi"])
        writer.writerow(
            [
                "e1",
                ARTICLE["title"],
                ARTICLE["author"],
                "2006",
                "Cancer Cytopathol",
                "108",
                "288-297",
                "",
            ]
        )
        writer.writerow(["e2", "", "Nobody, A", "2011", "", "", "", ""])
        for _ in range(3):
            writer.writerow(["e3", "Copied record", "Same, A", "2012", "J", "1", "5-6", ""])
    ris_path = tmp_path / "medline.ris"
    ris_path.write_text(
        f"TY  - JOUR\nID  - e1\nAU  - Zuna, R E\nTI  - {ARTICLE['title']}\nPY  - 2006\n"
        "JO  - Cancer Cytopathology\nVL  - 108\nSP  - 288-297\nDO  - 10.1002/cncr.21963\nER  - \n",
        encoding="utf-8",
    )
    return csv_path, ris_path


@pytest.mark.parametrize("suffix", [".bib", ".json", ".ris"])
def test_dedupe_command_writes_library_and_map(tmp_path: Path, suffix: str) -> None:
    csv_path, ris_path = _write_exports(tmp_path)
    out = tmp_path / f"library{suffix}"
    map_path = tmp_path / "map.csv"
    result = CliRunner().invoke(
        dedupe_command, [str(csv_path), str(ris_path), "-o", str(out), "--map", str(map_path)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(map_path.open(encoding="utf-8")))
    assert len(rows) == 6  # every input record, none dropped
    by_id = {(Path(r["file"]).name, r["record_id"], r["work_id"]) for r in rows}
    work_of_e1 = {w for f, i, w in by_id if i == "e1"}
    assert len(work_of_e1) == 1  # the CSV and RIS copies are one work
    assert "clash" in result.output or "more than one file" in result.output
    text = out.read_text(encoding="utf-8")
    assert "10.1002/cncr.21963" in text
    assert not list(tmp_path.glob(".*.tmp"))


def test_dedupe_command_usage_errors(tmp_path: Path) -> None:
    csv_path, _ = _write_exports(tmp_path)
    runner = CliRunner()
    bad_suffix = runner.invoke(dedupe_command, [str(csv_path), "-o", str(tmp_path / "out.txt")])
    assert bad_suffix.exit_code == 2 and "out.txt" in bad_suffix.output
    missing = runner.invoke(
        dedupe_command, [str(tmp_path / "nope.ris"), "-o", str(tmp_path / "out.bib")]
    )
    assert missing.exit_code == 2 and "nope.ris" in missing.output
    odd = tmp_path / "odd.csv"
    odd.write_text("foo,bar\n1,2\n", encoding="utf-8")
    unreadable = runner.invoke(dedupe_command, [str(odd), "-o", str(tmp_path / "out.bib")])
    assert unreadable.exit_code == 2 and "odd.csv" in unreadable.output


# --------------------------------------------------------------------------------------------
# the labelled datasets


def _gold_clusters(folder: Path) -> set[frozenset[str]]:
    with (folder / "merged_record_ids.csv").open(encoding="utf-8") as handle:
        return {frozenset(row["merged_ids"].split(";")) for row in csv.DictReader(handle)}


def test_special_cases_dataset_matches_gold() -> None:
    folder = shared_data("dedupe", "special_cases")
    works = dedupe(read_csv_export(folder / "records_pre_merged.csv").references)
    predicted = {
        frozenset(m.source_key or "" for m in w.members) for w in works if len(w.members) > 1
    }
    assert predicted == _gold_clusters(folder)


def test_haematology_has_no_false_merges() -> None:
    folder = shared_data("dedupe", "haematology")
    works = dedupe(read_csv_export(folder / "records_pre_merged.csv").references)
    gold = _gold_clusters(folder)
    cluster_of = {i: c for c in gold for i in c}
    for work in works:
        ids = {m.source_key for m in work.members}
        if len(ids) > 1:
            first = next(iter(ids))
            assert ids <= cluster_of.get(first or "", frozenset()), sorted(ids)  # type: ignore[operator]
