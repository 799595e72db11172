"""The resolver's decisions, without a server: a dict-backed lookup stands in for Crossref."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from allrefs.model import Finding, Person, Reference, Severity, Verdict
from allrefs.parse import parse_reference
from allrefs.records import notices_from_crossref, reference_from_crossref, work_from_crossref
from allrefs.resolve import (
    OFFLINE_REASON,
    choose_candidate,
    compare,
    entry_priority,
    journal_similarity,
    query_text,
    resolve_references,
    summarize,
    title_similarity,
)
from crossref_fake import csl_item, recorded_search, recorded_work, retraction_update, work


class DictLookup:
    """The client interface over dicts; ``None`` for a DOI means Crossref answered 404."""

    def __init__(
        self,
        works: dict[str, dict[str, Any] | None] | None = None,
        searches: dict[str, list[dict[str, Any]]] | None = None,
        elsewhere: dict[str, dict[str, Any]] | None = None,
        down: bool = False,
    ) -> None:
        self.works = {k.lower(): v for k, v in (works or {}).items()}
        self.searches = searches or {}
        self.elsewhere = elsewhere or {}
        self.down = down
        self.asked: list[str] = []

    def works_by_doi(self, dois: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        if self.down:
            return {}
        return {d.lower(): self.works.get(d.lower()) for d in dois}

    def search_many(self, texts: Sequence[str], rows: int = 5) -> dict[str, list[dict[str, Any]]]:
        self.asked.extend(texts)
        if self.down:
            return {}
        return {
            t: next((items for needle, items in self.searches.items() if needle in t), [])
            for t in texts
        }

    def doi_exists(self, doi: str) -> bool:
        return doi in self.elsewhere

    def csl_json(self, doi: str) -> dict[str, Any] | None:
        return self.elsewhere.get(doi)

    @property
    def failure_reason(self) -> str:
        return "network unreachable (connection refused: api.crossref.org)"


NEJM = work(
    "10.1056/NEJMoa1234567",
    "Dapagliflozin in patients with heart failure and reduced ejection fraction",
    (("McMurray", "John J.V."), ("Solomon", "Scott D."), ("Inzucchi", "Silvio E.")),
    container="New England Journal of Medicine",
    short="N Engl J Med",
    year=2019,
    volume="381",
    issue="21",
    page="1995-2008",
)


def nejm_citation(**changes: Any) -> Reference:
    fields: dict[str, Any] = {
        "raw": "12. McMurray JJV, Solomon SD, Inzucchi SE, et al. Dapagliflozin in Patients with "
        "Heart Failure and Reduced Ejection Fraction. N Engl J Med. 2019;381:1995. "
        "doi:10.1056/NEJMoa1234567",
        "label": "12",
        "authors": (
            Person("McMurray", "JJV"),
            Person("Solomon", "SD"),
            Person("Inzucchi", "SE"),
        ),
        "et_al": True,
        "title": "Dapagliflozin in Patients with Heart Failure and Reduced Ejection Fraction",
        "container_title": "N Engl J Med",
        "year": 2019,
        "volume": "381",
        "page_first": "1995",
        "doi": "10.1056/nejmoa1234567",
    }
    fields.update(changes)
    return Reference(**fields)


# -- field comparisons -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cited", "registered", "same"),
    [
        pytest.param("N Engl J Med", "New England Journal of Medicine", True, id="nejm"),
        pytest.param("N. Engl. J. Med.", "New England Journal of Medicine", True, id="dots"),
        pytest.param(
            "Proc Natl Acad Sci USA",
            "Proceedings of the National Academy of Sciences of the United States of America",
            True,
            id="pnas",
        ),
        pytest.param("J Biol Chem", "Journal of Biological Chemistry", True, id="jbc"),
        pytest.param("Lancet", "The Lancet", True, id="the"),
        pytest.param(
            "J Immunol", "Journal of Immunology (Baltimore, Md. : 1950)", True, id="paren"
        ),
        pytest.param(
            "Am J Physiol Heart Circ Physiol",
            "American Journal of Physiology-Heart and Circulatory Physiology",
            True,
            id="hyphen",
        ),
        pytest.param("J Biol Chem", "Journal of Clinical Investigation", False, id="other"),
        pytest.param("Nature", "Nature Medicine", False, id="sister-journal"),
        pytest.param("Cell", "Cell Reports", False, id="cell"),
    ],
)
def test_journal_abbreviations(cited: str, registered: str, same: bool) -> None:
    assert (journal_similarity(cited, [registered]) >= 0.85) is same


def test_journal_short_container_title_counts() -> None:
    assert journal_similarity("IJDAR", ["International Journal on Document Analysis", "IJDAR"]) == 1


@pytest.mark.parametrize(
    ("cited", "registered", "low"),
    [
        pytest.param(
            "β-Amyloid and tau in Alzheimer's disease",
            "beta-Amyloid and Tau in Alzheimer’s Disease",
            0.99,
            id="greek",
        ),
        pytest.param("Réseaux de neurones", "Reseaux de Neurones", 0.99, id="accents"),
        pytest.param(
            "Deep learning",
            "Deep learning: a review of methods and applications in medicine",
            0.0,
            id="short-prefix-is-not-enough",
        ),
        pytest.param(
            "Dapagliflozin in heart failure with reduced ejection fraction",
            "Dapagliflozin in heart failure with reduced ejection fraction: the DAPA-HF trial",
            0.9,
            id="dropped-subtitle",
        ),
    ],
)
def test_title_similarity(cited: str, registered: str, low: float) -> None:
    score = title_similarity(cited, registered)
    assert score >= low
    if low == 0.0:
        assert score < 0.85


def test_compare_vancouver_initials_and_year_off_by_one() -> None:
    record = reference_from_crossref(NEJM)
    score, evidence = compare(nejm_citation(year=2020), record, ["N Engl J Med"])
    fields = {e.field: e for e in evidence}
    assert fields["authors"].score == 1.0
    assert fields["first_author"].agrees
    assert fields["year"].agrees and fields["year"].score == 0.75
    assert fields["journal"].agrees
    assert fields["page"].agrees
    assert score > 0.9


def test_compare_missing_fields_do_not_count() -> None:
    record = reference_from_crossref(NEJM)
    score, evidence = compare(Reference(title=record.title), record)
    assert score == 1.0
    assert [e.field for e in evidence if e.agrees is None] == [
        "first_author",
        "authors",
        "year",
        "volume",
        "page",
        "journal",
    ]


# -- records ---------------------------------------------------------------------------------


def test_record_from_recorded_crossref_answer() -> None:
    message = recorded_work("test-works/test_works_with_one_id.yaml")
    ref = reference_from_crossref(message)
    assert ref.doi == "10.1371/journal.pone.0033693"
    assert ref.type == "article-journal"
    assert ref.container_title == "PLoS ONE"
    assert ref.title and ref.title.startswith("Methylphenidate Exposure Induces Dopamine Neuron")
    assert ref.authors[0] == Person("Sadasivan", "Shankar")
    assert ref.year == 2012 and ref.volume == "7" and ref.issue == "3"
    assert ref.page_first == "e33693" and ref.page_last is None


def test_record_types_and_pages() -> None:
    ref = reference_from_crossref(
        work(
            "10.1109/x",
            "A paper",
            type="proceedings-article",
            page="877–882",
            volume=None,
            author=[{"name": "The Consortium", "sequence": "first"}],
        )
    )
    assert ref.type == "paper-conference"
    assert (ref.page_first, ref.page_last) == ("877", "882")
    assert ref.authors == (Person(literal="The Consortium"),)


def test_retraction_from_both_sources_is_one_notice() -> None:
    message = work(
        "10.5555/r",
        "Retracted",
        **{
            "updated-by": [
                retraction_update("10.5555/notice", "publisher", (2020, 5, 1)),
                retraction_update("10.5555/NOTICE", "retraction-watch", (2020, 5, 3)),
                {
                    "DOI": "10.5555/fix",
                    "type": "correction",
                    "source": "publisher",
                    "updated": {"date-parts": [[2019, 1, 2]]},
                },
                {
                    "DOI": "10.5555/eoc",
                    "type": "expression_of_concern",
                    "source": "publisher",
                    "updated": {"date-parts": [[2019, 11]]},
                },
            ]
        },
    )
    notices = notices_from_crossref(message)
    assert [(n.code, n.doi, n.date) for n in notices] == [
        ("retracted", "10.5555/notice", "2020-05-01"),
        ("corrected", "10.5555/fix", "2019-01-02"),
        ("expression-of-concern", "10.5555/eoc", "2019-11"),
    ]
    assert notices[0].sources == ("publisher", "retraction-watch")


# -- the stage: references with a DOI -------------------------------------------------------


def test_client_none_is_offline_for_everyone() -> None:
    refs = [nejm_citation(), Reference(raw="No DOI here at all, a book. 1999.")]
    entries = resolve_references(refs, None)
    assert [e.verdict for e in entries] == [Verdict.UNCHECKED] * 2
    assert {e.resolution.reason for e in entries} == {OFFLINE_REASON}
    assert [e.reference for e in entries] == refs


def test_verified_fills_the_record_and_keeps_the_citation() -> None:
    [entry] = resolve_references([nejm_citation()], DictLookup({NEJM["DOI"]: NEJM}))
    assert entry.verdict is Verdict.VERIFIED
    ref = entry.reference
    assert ref.container_title == "New England Journal of Medicine"
    assert ref.issue == "21" and (ref.page_first, ref.page_last) == ("1995", "2008")
    assert [p.family for p in ref.authors] == ["McMurray", "Solomon", "Inzucchi"]
    assert ref.authors[0].given == "John J.V."
    assert not ref.et_al
    assert ref.raw.startswith("12. McMurray") and ref.label == "12"
    assert entry.resolution.record is not None and entry.resolution.score
    assert not [f for f in entry.findings if f.severity is not Severity.INFO]


def test_repaired_when_the_doi_stage_repaired_it() -> None:
    cited = nejm_citation(
        doi_printed="10.1056/NEJMoa1234567.",
        findings=(Finding("doi-trailing-punctuation", "removed a full stop", Severity.WARNING),),
    )
    [entry] = resolve_references([cited], DictLookup({NEJM["DOI"]: NEJM}))
    assert entry.verdict is Verdict.REPAIRED
    assert entry.reference.findings == cited.findings
    informational = nejm_citation(findings=(Finding("doi-case", "lower-cased", Severity.INFO),))
    [entry] = resolve_references([informational], DictLookup({NEJM["DOI"]: NEJM}))
    assert entry.verdict is Verdict.VERIFIED
    [entry] = resolve_references(
        [nejm_citation()], DictLookup({NEJM["DOI"]: NEJM}), repaired=lambda ref: True
    )
    assert entry.verdict is Verdict.REPAIRED


def test_verified_with_a_disagreeing_detail_says_so() -> None:
    [entry] = resolve_references([nejm_citation(volume="318")], DictLookup({NEJM["DOI"]: NEJM}))
    assert entry.verdict is Verdict.VERIFIED
    [finding] = [f for f in entry.findings if f.code == "volume-differs"]
    assert "318" in finding.message and "381" in finding.message
    assert entry.reference.volume == "381"


OTHER = work(
    "10.5555/other",
    "Sodium intake and blood pressure in rural villages",
    (("Nguyen", "Van"),),
    container="Hypertension",
    year=2003,
    volume="41",
    page="77-83",
)


def test_mismatch_names_the_fields_and_offers_the_right_doi() -> None:
    cited = nejm_citation(doi="10.5555/other")
    found = dict(NEJM, score=150.0)
    lookup = DictLookup({"10.5555/other": OTHER}, searches={"Dapagliflozin": [found]})
    [entry] = resolve_references([cited], lookup)
    assert entry.verdict is Verdict.MISMATCH
    codes = [f.code for f in entry.findings]
    assert codes[:2] == ["mismatch", "suggested-doi"]
    mismatch = entry.findings[0]
    assert mismatch.severity is Severity.ERROR
    assert "title" in mismatch.message and "first author" in mismatch.message
    assert "10.1056/nejmoa1234567" in entry.findings[1].message
    assert entry.reference == cited  # the citation is not overwritten by a different work
    assert "10.5555/other" not in lookup.asked[0]  # the wrong DOI is not part of the search


def test_404_then_doi_org_knows_it() -> None:
    item = csl_item("10.5281/zenodo.123", "Global river discharge dataset", "Müller", 2019)
    cited = Reference(
        raw="Muller J. Global river discharge dataset. Zenodo; 2019.",
        authors=(Person("Muller", "J"),),
        title="Global river discharge dataset",
        year=2019,
        doi="10.5281/zenodo.123",
    )
    [entry] = resolve_references(
        [cited], DictLookup({"10.5281/zenodo.123": None}, elsewhere={"10.5281/zenodo.123": item})
    )
    assert entry.verdict is Verdict.VERIFIED
    assert "other-agency" in [f.code for f in entry.findings]
    assert entry.reference.type == "dataset" and entry.reference.publisher == "Zenodo"


def test_404_everywhere_is_not_found() -> None:
    cited = nejm_citation(doi="10.1056/nejmoa9999999")
    [entry] = resolve_references([cited], DictLookup({}))
    assert entry.verdict is Verdict.NOT_FOUND
    assert entry.findings[0].code == "not-found"
    assert entry.findings[0].severity is Severity.ERROR


def test_not_found_offers_a_doi_when_search_finds_one() -> None:
    cited = nejm_citation(doi="10.1056/nejmoa9999999")
    lookup = DictLookup({}, searches={"Dapagliflozin": [dict(NEJM, score=150.0)]})
    [entry] = resolve_references([cited], lookup)
    assert entry.verdict is Verdict.NOT_FOUND
    assert [f.code for f in entry.findings] == ["not-found", "suggested-doi"]


def test_unreachable_is_unchecked_never_not_found() -> None:
    refs = [nejm_citation(), Reference(raw="Smith A. Some title of a paper. Some journal. 2001.")]
    entries = resolve_references(refs, DictLookup(down=True))
    assert [e.verdict for e in entries] == [Verdict.UNCHECKED] * 2
    assert all("unreachable" in (e.resolution.reason or "") for e in entries)


def test_retracted_work_leads_the_report() -> None:
    retracted = dict(
        NEJM,
        **{
            "updated-by": [
                retraction_update("10.1056/notice", "publisher", (2021, 2, 1)),
                retraction_update("10.1056/notice", "retraction-watch", (2021, 2, 1)),
            ]
        },
    )
    lookup = DictLookup({NEJM["DOI"]: retracted, "10.5555/other": OTHER})
    entries = resolve_references([nejm_citation(doi="10.5555/other"), nejm_citation()], lookup)
    retractions = [f for f in entries[1].findings if f.code == "retracted"]
    assert len(retractions) == 1
    assert retractions[0].severity is Severity.ERROR
    assert "10.1056/notice" in retractions[0].message and "2021-02-01" in retractions[0].message
    assert "Retraction Watch" in retractions[0].message
    assert sorted(entries, key=entry_priority)[0] is entries[1]
    assert "1 retracted" in summarize(entries)


def test_citing_a_notice_instead_of_the_article() -> None:
    notice = work(
        "10.5555/erratum",
        "Correction to: Dapagliflozin in heart failure",
        **{
            "update-to": [
                {
                    "DOI": "10.1056/NEJMoa1234567",
                    "type": "correction",
                    "updated": {"date-parts": [[2020, 1, 1]]},
                }
            ]
        },
    )
    cited = Reference(
        title="Correction to: Dapagliflozin in heart failure", year=2015, doi="10.5555/erratum"
    )
    [entry] = resolve_references([cited], DictLookup({"10.5555/erratum": notice}))
    assert "cites-notice" in [f.code for f in entry.findings]


# -- the stage: references without a DOI ----------------------------------------------------

CERMINE = (
    "[1]D. Tkaczyk, P. Szostek, M. Fedoryszak, P. J. Dendek, and Bolikowski,“CERMINE: "
    "automatic extraction of structured metadata from scientific literature,” International "
    "Journal on Document Analysis and Recognition (IJDAR), vol. 18, no. 4, pp. 317–335, 2015."
)


def cermine_citation(**changes: Any) -> Reference:
    fields: dict[str, Any] = {
        "raw": CERMINE,
        "label": "1",
        "authors": (Person("Tkaczyk", "D."), Person("Szostek", "P."), Person("Fedoryszak", "M.")),
        "title": "CERMINE: automatic extraction of structured metadata from scientific literature",
        "container_title": "International Journal on Document Analysis and Recognition (IJDAR)",
        "year": 2015,
        "volume": "18",
        "issue": "4",
        "page_first": "317",
        "page_last": "335",
    }
    fields.update(changes)
    return Reference(**fields)


def test_search_with_a_clear_winner_recorded_response() -> None:
    items = recorded_search("unstructured-ref-response-1.json")["message"]["items"]
    [entry] = resolve_references([cermine_citation()], DictLookup(searches={"CERMINE": items}))
    assert entry.verdict is Verdict.FOUND
    assert entry.reference.doi == "10.1007/s10032-015-0249-8"
    assert entry.reference.raw == CERMINE
    assert entry.findings[0].code == "found-doi"


def test_search_refuses_a_contradicting_first_author_and_page() -> None:
    """Crossref's matcher test: the degraded string must not match."""
    items = recorded_search("unstructured-ref-response-2.json")["message"]["items"]
    cited = cermine_citation(
        raw="P. Szostek, M. Fedoryszak, P. J. Dendek, and Ł. Bolikowski,“CERMINE: automatic "
        "extraction of structured metadata from scientific literature,” IJDAR, vol. 14, no. 40, "
        "pp. 310–335, 2016.",
        authors=(Person("Szostek", "P."), Person("Fedoryszak", "M.")),
        container_title="IJDAR",
        year=2016,
        volume="14",
        issue="40",
        page_first="310",
    )
    choice = choose_candidate(cited, query_text(cited), items)
    assert choice.verdict is not Verdict.FOUND


def test_search_with_two_close_candidates_is_ambiguous() -> None:
    a = dict(
        work(
            "10.5555/a",
            "Effects of exercise on sleep quality in older adults",
            (("Lee", "Min"),),
            container="Sleep",
            year=2018,
            volume=None,
            page=None,
        ),
        score=90.0,
    )
    b = dict(
        work(
            "10.5555/b",
            "Effects of exercise on sleep quality in older adults",
            (("Lee", "Min"),),
            container="Sleep Medicine",
            year=2018,
            volume=None,
            page=None,
        ),
        score=89.0,
    )
    cited = Reference(
        raw="Lee M. Effects of exercise on sleep quality in older adults. 2018.",
        authors=(Person("Lee", "M"),),
        title="Effects of exercise on sleep quality in older adults",
        year=2018,
    )
    [entry] = resolve_references([cited], DictLookup(searches={"exercise": [a, b]}))
    assert entry.verdict is Verdict.AMBIGUOUS
    assert [c.doi for c in entry.resolution.candidates] == ["10.5555/a", "10.5555/b"]
    assert "10.5555/a" in entry.findings[0].message


def test_version_of_record_beats_its_preprint_and_article_beats_its_notice() -> None:
    title = "A single-cell atlas of the ageing mouse brain"
    preprint = dict(
        work(
            "10.1101/2020.01.01.123",
            title,
            (("Ximerakis", "Methodios"),),
            type="posted-content",
            container=None,
            volume=None,
            page=None,
            year=2019,
            relation={"is-preprint-of": [{"id-type": "doi", "id": "10.1038/s41593-019-0491-3"}]},
        ),
        score=120.0,
    )
    article = dict(
        work(
            "10.1038/s41593-019-0491-3",
            title,
            (("Ximerakis", "Methodios"),),
            container="Nature Neuroscience",
            year=2019,
            volume="22",
            page="1696-1708",
        ),
        score=118.0,
    )
    notice = dict(
        work(
            "10.1038/s41593-020-0001-x",
            f"Author Correction: {title}",
            (("Ximerakis", "Methodios"),),
            container="Nature Neuroscience",
            year=2019,
            volume="22",
            page="1696-1708",
            **{"update-to": [{"DOI": "10.1038/s41593-019-0491-3", "type": "correction"}]},
        ),
        score=119.0,
    )
    cited = Reference(
        raw=f"Ximerakis M, et al. {title}. Nat Neurosci. 2019;22:1696-1708.",
        authors=(Person("Ximerakis", "M"),),
        title=title,
        container_title="Nat Neurosci",
        year=2019,
        volume="22",
        page_first="1696",
    )
    [entry] = resolve_references(
        [cited], DictLookup(searches={"atlas": [preprint, notice, article]})
    )
    assert entry.verdict is Verdict.FOUND
    assert entry.reference.doi == "10.1038/s41593-019-0491-3"


def test_nothing_plausible_is_unmatched() -> None:
    cited = Reference(
        raw="Wang Q. Quantum widgets for everyone. Widget Press; 1931.",
        title="Quantum widgets for everyone",
        year=1931,
    )
    [entry] = resolve_references(
        [cited], DictLookup(searches={"widgets": [dict(OTHER, score=12.0)]})
    )
    assert entry.verdict is Verdict.UNMATCHED


def test_too_short_to_search() -> None:
    [entry] = resolve_references([Reference(raw="Ibid.")], DictLookup())
    assert entry.verdict is Verdict.UNMATCHED
    assert entry.findings[0].code == "too-short-to-search"


def test_an_arxiv_eprint_left_unmatched_says_why() -> None:
    # searched, and no published version found
    cited = parse_reference("A. Vaswani et al., Attention is all you need, arXiv:1706.03762.")
    lookup = DictLookup(searches={"attention": []})
    [entry] = resolve_references([cited], lookup)
    assert lookup.asked == ["A. Vaswani et al., Attention is all you need"]  # no identifier
    assert entry.verdict is Verdict.UNMATCHED
    [finding] = [f for f in entry.findings if f.code != "parsed-by-model"]
    assert finding.code == "arxiv-not-in-crossref"
    assert "1706.03762" in finding.message and "DataCite" in finding.message
    assert "no published version" in finding.message
    # too short to search: the e-print is why, not the length
    [entry] = resolve_references([parse_reference("T. Becher, hep-ph/0603140.")], DictLookup())
    assert entry.verdict is Verdict.UNMATCHED
    [finding] = [f for f in entry.findings if f.code != "parsed-by-model"]
    assert finding.code == "arxiv-not-in-crossref"
    assert "published version" not in finding.message


def test_chinese_references_without_spaces_are_searched() -> None:
    # Chinese prints no spaces between words: the word count said "too short" for every one
    raw = "张三，李四．肺癌筛查的现状与展望［J］．中国肺癌杂志，2020，23（5）：321-326．"
    lookup = DictLookup()
    [entry] = resolve_references([Reference(raw=raw, title="肺癌筛查的现状与展望")], lookup)
    assert "too-short-to-search" not in {f.code for f in entry.findings}
    # asked with ASCII marks for the full-width ones
    assert lookup.asked == ["张三,李四.肺癌筛查的现状与展望[J].中国肺癌杂志,2020,23(5):321-326"]


def test_query_text_drops_label_doi_url_and_pmid() -> None:
    ref = Reference(
        raw="12. Smith A. A title here. J Test. 2015;3:1. doi:10.1000/xyz123. "
        "PMID: 1234567. https://example.org/paper [PubMed]"
    )
    assert query_text(ref) == "Smith A. A title here. J Test. 2015;3:1"


def test_crossref_record_with_subtitle_and_markup() -> None:
    ref = work_from_crossref(
        work("10.5555/s", "The <i>TP53</i> gene &amp; cancer", subtitle=["a review"])
    ).reference
    assert ref.title == "The TP53 gene & cancer: a review"


@given(st.lists(st.sampled_from(["doi", "nodoi", "short", "missing"]), max_size=12))
def test_one_entry_per_reference_in_order(kinds: list[str]) -> None:
    refs = []
    for i, kind in enumerate(kinds):
        if kind == "doi":
            refs.append(nejm_citation(label=str(i)))
        elif kind == "missing":
            refs.append(nejm_citation(label=str(i), doi=f"10.5555/missing{i}"))
        elif kind == "nodoi":
            refs.append(cermine_citation(label=str(i)))
        else:
            refs.append(Reference(raw="Ibid.", label=str(i)))
    lookup = DictLookup({NEJM["DOI"]: NEJM})
    entries = resolve_references(refs, lookup)
    assert [e.reference.label for e in entries] == [r.label for r in refs]
    assert [e.reference.raw for e in entries] == [r.raw for r in refs]


def test_patents_and_trial_registrations_are_not_searched_and_say_why() -> None:
    # a search would at best find another work, such as the trial's results paper
    lookup = DictLookup(searches={"widget": [dict(OTHER, score=99.0)]})
    patent = parse_reference("Smith J. Method for making widgets. US patent 9,876,543. 2018.")
    trial = parse_reference(
        "Smith J, Doe A. Widget trial. ClinicalTrials.gov identifier: NCT01234567. Updated "
        "March 3, 2020. https://clinicaltrials.gov/ct2/show/NCT01234567"
    )
    entries = resolve_references([patent, trial], lookup)
    assert lookup.asked == []
    assert [e.verdict for e in entries] == [Verdict.UNMATCHED, Verdict.UNMATCHED]
    messages = [f.message for e in entries for f in e.findings if f.code == "not-in-crossref"]
    assert "patent US 9,876,543" in messages[0]
    assert "NCT01234567" in messages[1] and "ClinicalTrials.gov" in messages[1]


def test_a_web_page_without_a_doi_is_not_searched_and_says_where_to_look() -> None:
    lookup = DictLookup(searches={"widget": [dict(OTHER, score=99.0)]})
    page = parse_reference(
        "Centers for Disease Control and Prevention. Widget safety. Updated March 3, 2021. "
        "Accessed May 5, 2021. https://www.cdc.gov/widgets/index.html"
    )
    article = parse_reference(
        "Smith J, Doe A. Widget safety in older adults. J Widgets. 2019;3:1-5."
    )
    assert page.type == "webpage" and article.type == "article-journal"
    entries = resolve_references([page, article], lookup)
    assert len(lookup.asked) == 1  # the article only
    assert entries[0].verdict is Verdict.UNMATCHED
    (finding,) = [f for f in entries[0].findings if f.code == "not-in-crossref"]
    assert (
        "web page" in finding.message
        and "https://www.cdc.gov/widgets/index.html" in finding.message
    )


def test_a_preprint_cited_as_a_web_page_is_searched() -> None:
    # SSRN and Research Square register their preprints with Crossref
    lookup = DictLookup(searches={"widget": [dict(OTHER, score=99.0)]})
    pages = [
        attrs.evolve(parse_reference(f"Doe A. Widget {what} results. 2021. {url}"), type="webpage")
        for what, url in (
            ("trial", "https://www.researchsquare.com/article/rs-123456/v1"),
            ("market", "https://papers.ssrn.com/sol3/papers.cfm?abstract_id=3550000"),
            ("safety", "https://www.cdc.gov/widgets/index.html"),
        )
    ]
    entries = resolve_references(pages, lookup)
    assert len(lookup.asked) == 2  # not the CDC's page
    assert [any(f.code == "not-in-crossref" for f in e.findings) for e in entries] == [
        False,
        False,
        True,
    ]
