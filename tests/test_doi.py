"""DOI extraction and repair, with cases taken from real corrupted reference lists."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allrefs.doi import doi_url, extract_doi, find_doi, find_dois, is_doi, normalize_doi
from allrefs.model import Severity
from conftest import SEEDS, shared_data

SYNTAX = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/\S+$")


@pytest.mark.parametrize(
    ("text", "canonical", "codes"),
    [
        pytest.param(
            "Leukemia 2022; 36: 1720–1748. DOI: 10.1038/s41375–022–01620–2",
            "10.1038/s41375-022-01620-2",
            ("doi-dash",),
            id="en_dash_springer",
        ),
        pytest.param(
            "Lancet Oncol 2016; 17(6):e231–e239. DOI: 10.1016/S1470–2045(16)30035–3",
            "10.1016/s1470-2045(16)30035-3",
            ("doi-dash",),
            id="en_dash_elsevier_parentheses",
        ),
        pytest.param(
            "Immunol Rev. 2010; 235(1): 24–34. DOI: 10.1111/j.0105–2896.2010.00904.x",
            "10.1111/j.0105-2896.2010.00904.x",
            ("doi-dash",),
            id="en_dash_wiley",
        ),
        pytest.param(
            "Cancer Immunol. Res. 2019; 7: 230–243. DOI: 10.1158/2326–6066.CIR-18–0266",
            "10.1158/2326-6066.cir-18-0266",
            ("doi-dash",),
            id="en_dash_mixed_with_hyphen",
        ),
        pytest.param(
            "x 10.1007/978−3−642−74643−7_81",
            "10.1007/978-3-642-74643-7_81",
            ("doi-dash",),
            id="minus_sign",
        ),
        pytest.param(
            "x 10.1007/978‐3‐642", "10.1007/978-3-642", ("doi-dash",), id="unicode_hyphen_u2010"
        ),
        pytest.param(
            "Nat Rev Cancer 6:204-216. doi:10.1038/ \nnrc1815",
            "10.1038/nrc1815",
            ("doi-space",),
            id="pdf_wrap_after_slash",
        ),
        pytest.param(
            "Cell 160:1-2. 10.1016/j.cell.\n2015.01.004",
            "10.1016/j.cell.2015.01.004",
            ("doi-space",),
            id="pdf_wrap_after_dot",
        ),
        pytest.param(
            "N Engl J Med. 2016. DOI: 10.1056/ NEJMoa1509277",
            "10.1056/nejmoa1509277",
            ("doi-space",),
            id="space_after_slash",
        ),
        pytest.param(
            "Nature 425, 681-685. (doi:10. \n1038/nature02007)",
            "10.1038/nature02007",
            ("doi-space",),
            id="wrap_inside_prefix",
        ),
        pytest.param(
            "Nature. 464:932-936. doi:10 \n.1038/nature08944",
            "10.1038/nature08944",
            ("doi-space",),
            id="wrap_before_prefix_dot",
        ),
        pytest.param(
            "Cancer. 1974;34:728-44. doi:10.1002/ \n1097-0142(197409)34:3<728::AID-"
            "CNCR2820340332>3.0.CO; \n2-U.",
            "10.1002/1097-0142(197409)34:3<728::aid-cncr2820340332>3.0.co;2-u",
            ("doi-space",),
            id="sici_wrapped_before_check_char",
        ),
        pytest.param(
            "Anat Rec 254:408-417. doi:10.1002/ \n(SICI)1097-0185(19990301)254:3\\408:"
            "AID-AR12[3.0.CO;2-G",
            "10.1002/(sici)1097-0185(19990301)254:3<408::aid-ar12>3.0.co;2-g",
            ("doi-sici", "doi-space"),
            id="sici_font_backslash_bracket",
        ),
        pytest.param(
            "Immunology. doi:10.1038/ni\u00ad.2050",
            "10.1038/ni.2050",
            ("doi-invisible-char",),
            id="soft_hyphen",
        ),
        pytest.param(
            "doi:10.1038/\u200bni.2050\ufeff",
            "10.1038/ni.2050",
            ("doi-invisible-char",),
            id="zero_width_space_and_bom",
        ),
        pytest.param(
            "DOI: 10.1016/Ѕ1470-2045(16)30035-3",
            "10.1016/s1470-2045(16)30035-3",
            ("doi-homoglyph",),
            id="cyrillic_dze",
        ),
        pytest.param(
            "DOI: 10.1056/NЕJMra1400972",
            "10.1056/nejmra1400972",
            ("doi-homoglyph",),
            id="cyrillic_ie_in_word",
        ),
        pytest.param(
            "see 10.1000%2F182 online", "10.1000/182", ("doi-url-encoding",), id="url_encoded_slash"
        ),
        pytest.param(
            "https://doi.org/10.1002/%28SICI%291097-4636",
            "10.1002/(sici)1097-4636",
            (),
            id="url_encoding_inside_doi_org_link_is_fine",
        ),
        pytest.param(
            "Nat Immunol. 2011. 10.1038/ni.2050PMID:21685954",
            "10.1038/ni.2050",
            ("doi-trailing-text",),
            id="glued_pmid",
        ),
        pytest.param(
            "Nat Immunol. 2011. 10.1038/ni.2050[PubMed]",
            "10.1038/ni.2050",
            ("doi-trailing-text",),
            id="glued_pubmed_link",
        ),
        pytest.param(
            "Psychology, 15, 608-616. doi:10.1037// \n0012-1649.15.6.608.",
            "10.1037/0012-1649.15.6.608",
            ("doi-double-slash", "doi-space"),
            id="apa_double_slash",
        ),
    ],
)
def test_repairs(text: str, canonical: str, codes: tuple[str, ...]) -> None:
    match = find_doi(text)
    assert match is not None
    assert match.canonical == canonical
    assert tuple(sorted(match.codes)) == tuple(sorted(codes))
    assert match.printed == text[match.start : match.end]


def test_dash_message_says_what_changed() -> None:
    match = find_doi("DOI: 10.1038/s41375–022–01620–2")
    assert match is not None
    (finding,) = match.findings
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        "DOI had 3 en dashes (U+2013) in place of hyphens: "
        "10.1038/s41375–022–01620–2 → 10.1038/s41375-022-01620-2"
    )
    assert match.repaired
    assert match.doi == "10.1038/s41375-022-01620-2"


@pytest.mark.parametrize(
    ("text", "printed", "canonical"),
    [
        pytest.param(
            "N Engl J Med. 2015. DOI: 10.1056/NEJMra1400972",
            "DOI: 10.1056/NEJMra1400972",
            "10.1056/nejmra1400972",
            id="doi_colon",
        ),
        pytest.param(
            "(In Russ.) https://doi.org/10.21508/1027-4065-2025-70-4-5-15",
            "https://doi.org/10.21508/1027-4065-2025-70-4-5-15",
            "10.21508/1027-4065-2025-70-4-5-15",
            id="https_doi_org",
        ),
        pytest.param(
            "at http://dx.doi.org/10.1038/nrc1815.",
            "http://dx.doi.org/10.1038/nrc1815",
            "10.1038/nrc1815",
            id="dx_doi_org",
        ),
        pytest.param(
            "doi 10.1038/nrc1815;", "doi 10.1038/nrc1815", "10.1038/nrc1815", id="doi_space"
        ),
        pytest.param(
            "Lancet 2016;(doi:10.1016/S1470-2045(16)30035-3).",
            "doi:10.1016/S1470-2045(16)30035-3",
            "10.1016/s1470-2045(16)30035-3",
            id="balanced_paren_kept_unbalanced_dropped",
        ),
        pytest.param(
            "[10.1038/nrc1815]", "10.1038/nrc1815", "10.1038/nrc1815", id="unbalanced_bracket"
        ),
        pytest.param(
            "<https://doi.org/10.1038/nrc1815>",
            "https://doi.org/10.1038/nrc1815",
            "10.1038/nrc1815",
            id="angle_brackets",
        ),
        pytest.param(
            "Ecol Monogr 69:569. 10.1890/0012-9615(1999)069[0569:EDILSA]2.0.CO;2.",
            "10.1890/0012-9615(1999)069[0569:EDILSA]2.0.CO;2",
            "10.1890/0012-9615(1999)069[0569:edilsa]2.0.co;2",
            id="sici_brackets",
        ),
        pytest.param(
            "J Biomed Mater Res 10.1002/(SICI)1097-4636(199905)45:2<118::AID-JBM6>3.0.CO;2-P",
            "10.1002/(SICI)1097-4636(199905)45:2<118::AID-JBM6>3.0.CO;2-P",
            "10.1002/(sici)1097-4636(199905)45:2<118::aid-jbm6>3.0.co;2-p",
            id="sici_angle_brackets",
        ),
        pytest.param("“10.1038/nrc1815”", "10.1038/nrc1815", "10.1038/nrc1815", id="quotes"),
        pytest.param(
            '<a href="x">10.1038/x123</a>', "10.1038/x123", "10.1038/x123", id="html_closing_tag"
        ),
        pytest.param(
            "https://onlinelibrary.wiley.com/doi/10.1002/ajp.1030/abstract",
            "10.1002/ajp.1030",
            "10.1002/ajp.1030",
            id="publisher_url_tail",
        ),
    ],
)
def test_normal_citations_are_not_repairs(text: str, printed: str, canonical: str) -> None:
    match = find_doi(text)
    assert match is not None
    assert (match.printed, match.canonical) == (printed, canonical)
    assert match.findings == ()
    assert not match.repaired


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        pytest.param(
            "DOI: 10.1038/ni.2050. The next sentence", "10.1038/ni.2050", id="next_word_not_joined"
        ),
        pytest.param(
            "doi:10.1038/ni.2050. 2011;12:770-777", "10.1038/ni.2050", id="volume_pages_not_joined"
        ),
        pytest.param("doi:10.1038/ni.2050. \n2011.", "10.1038/ni.2050", id="year_not_joined"),
        pytest.param(
            "doi:10.1038/ni.2050 Epub 2011 Jul 3", "10.1038/ni.2050", id="epub_not_joined"
        ),
        pytest.param(
            "doi:10.1038/ni.2050. PMID: 21685954", "10.1038/ni.2050", id="pmid_not_joined"
        ),
        pytest.param(
            "doi: 10.1093/ \nbrain/awq123 more", "10.1093/brain/awq123", id="after_slash_joined"
        ),
        pytest.param("doi:10.1038/nrc1815 nature", "10.1038/nrc1815", id="complete_not_joined"),
        pytest.param(
            "doi:10.1038/ni.2050. 12 patients", "10.1038/ni.2050", id="number_after_space"
        ),
        pytest.param(
            "J Vis 9:1-7. (doi:10.1167/9.12.\n16)", "10.1167/9.12.16", id="number_after_wrap"
        ),
    ],
)
def test_space_heuristic_both_directions(text: str, canonical: str) -> None:
    assert extract_doi(text) == canonical


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("patients received 10.5 mg daily", id="dose"),
        pytest.param("doi:10.1080/", id="empty_suffix"),
        pytest.param("Kitano H (2007) Nat Rev Drug Discov 6(3):202-210. doi: .", id="doi_removed"),
        pytest.param("in 10.1000 patients", id="no_slash"),
        pytest.param("doi:10.111/j.1758-2229.2010.00233.x", id="registrant_too_short"),
        pytest.param("10.1234/абв", id="cyrillic_word_suffix"),
        pytest.param("", id="empty"),
    ],
)
def test_not_a_doi(text: str) -> None:
    assert find_doi(text) is None
    assert extract_doi(text) is None


def test_genuine_cyrillic_after_doi_is_cut() -> None:
    assert extract_doi("10.21508/1027-4065-2025-70-4-5-15Россия") == (
        "10.21508/1027-4065-2025-70-4-5-15"
    )


def test_seed_file_dois() -> None:
    seed = next(SEEDS.glob("001_*.txt"), None)
    if seed is None:
        pytest.skip("seed 001 absent")
    matches = find_dois(seed.read_text(encoding="utf-8"))
    repaired = [m.canonical for m in matches if m.repaired]
    assert repaired == [
        "10.1038/s41375-022-01620-2",
        "10.1186/s40164-020-00170-6",
        "10.1007/978-3-642-74643-7_81",
        "10.1016/s0959-8049(99)00112-4",
        "10.1016/s1470-2045(16)30035-3",
        "10.1158/2326-6066.cir-18-0266",
        "10.1111/j.0105-2896.2010.00904.x",
    ]
    assert len(matches) == 18
    assert all(m.findings == () for m in matches if not m.repaired)


def test_find_dois_returns_all_in_order() -> None:
    text = "a doi:10.1038/nature05329. b doi:10.1093/ \nbioinformatics/btp385."
    assert [m.canonical for m in find_dois(text)] == [
        "10.1038/nature05329",
        "10.1093/bioinformatics/btp385",
    ]


@pytest.mark.parametrize(
    ("value", "canonical", "codes", "repaired"),
    [
        pytest.param("10.1038/NI.2050", "10.1038/ni.2050", (), False, id="bare"),
        pytest.param(
            "doi:10.1038/ni.2050", "10.1038/ni.2050", ("doi-prefix",), False, id="doi_prefix"
        ),
        pytest.param(
            "https://doi.org/10.1038/ni.2050", "10.1038/ni.2050", ("doi-prefix",), False, id="https"
        ),
        pytest.param(
            "http://www.doi.org/10.1038/ni.2050",
            "10.1038/ni.2050",
            ("doi-prefix",),
            False,
            id="http_www",
        ),
        pytest.param(
            "https://dx.doi.org/10.1002/%28SICI%291097-4636(199905)45:2%3C118::AID-JBM6"
            "%3E3.0.CO;2-P",
            "10.1002/(sici)1097-4636(199905)45:2<118::aid-jbm6>3.0.co;2-p",
            ("doi-prefix",),
            False,
            id="url_encoded_url",
        ),
        pytest.param(
            "10.1002%2F%28SICI%29",
            "10.1002/(sici)",
            ("doi-url-encoding",),
            True,
            id="url_encoded_bare",
        ),
        pytest.param(
            "10.1038/ni.2050.",
            "10.1038/ni.2050",
            ("doi-trailing-punctuation",),
            True,
            id="trailing_dot",
        ),
        pytest.param(
            "10.1056/ NEJMoa1509277", "10.1056/nejmoa1509277", ("doi-space",), True, id="space"
        ),
        pytest.param(
            "10.1038/ni 2050", "10.1038/ni2050", ("doi-space",), True, id="any_space_in_field_joins"
        ),
        pytest.param(
            " 10.1038/s41375–022–01620–2 ",
            "10.1038/s41375-022-01620-2",
            ("doi-dash",),
            True,
            id="dash_with_outer_spaces",
        ),
    ],
)
def test_normalize_doi(value: str, canonical: str, codes: tuple[str, ...], repaired: bool) -> None:
    match = normalize_doi(value)
    assert match is not None
    assert match.canonical == canonical
    assert match.codes == codes
    assert match.repaired is repaired
    assert all(f.severity is Severity.INFO for f in match.findings if f.code == "doi-prefix")


@pytest.mark.parametrize("value", ["", "n/a", "10.1038", "https://doi.org/", "10.12/abc"])
def test_normalize_doi_rejects(value: str) -> None:
    assert normalize_doi(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10.1038/nrc1815", True),
        ("10.1890/0012-9615(1999)069[0569:edilsa]2.0.co;2", True),
        ("10.1002/(sici)1097-4636(199905)45:2<118::aid-jbm6>3.0.co;2-p", True),
        ("doi:10.1038/nrc1815", False),
        ("10.1038/ nrc1815", False),
        ("10.1038/", False),
        ("10.5/mg", False),
    ],
)
def test_is_doi(value: str, expected: bool) -> None:
    assert is_doi(value) is expected


def test_doi_url_encodes_only_what_must_be() -> None:
    assert doi_url("10.1038/nrc1815") == "https://doi.org/10.1038/nrc1815"
    assert doi_url("10.1002/(sici)1097-4636(199905)45:2<118::aid-jbm6>3.0.co;2-p") == (
        "https://doi.org/10.1002/(sici)1097-4636(199905)45:2%3C118::aid-jbm6%3E3.0.co;2-p"
    )
    assert doi_url("10.1890/0012-9615(1999)069[0569:edilsa]2.0.co;2") == (
        "https://doi.org/10.1890/0012-9615(1999)069%5B0569:edilsa%5D2.0.co;2"
    )


_suffix = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._;()/:",
    min_size=1,
    max_size=30,
).filter(lambda s: any(c.isalnum() for c in s))
_dois = st.builds(lambda reg, suffix: f"10.{reg}/{suffix}", st.integers(1000, 999999999), _suffix)
_noise = st.sampled_from(["", "\u2013", "\u00ad", " ", " \n", "\u200b", ".", ")", "%2F"])


@given(_dois, _noise, st.integers(0, 40))
def test_repair_is_idempotent(doi: str, noise: str, where: int) -> None:
    cut = min(len(doi), 8 + where)
    for candidate in (doi, doi[:cut] + noise + doi[cut:], f"doi: {doi}."):
        match = normalize_doi(candidate)
        if match is None:
            continue
        assert match.canonical == match.canonical.lower()
        assert SYNTAX.match(match.canonical)
        assert is_doi(match.canonical)
        again = normalize_doi(match.canonical)
        assert again is not None and again.canonical == match.canonical
        assert again.findings == ()


@given(_dois)
def test_clean_doi_round_trips(doi: str) -> None:
    match = normalize_doi(doi)
    if not doi[-1].isalnum() or "//" in doi:
        return  # trailing punctuation is trimmed and "//" after the prefix collapsed by design
    if re.search(
        r"PMID|PMCID|PubMed|Epub|EPub|Available|Accessed|Retrieved|https?:|doi:|DOI:", doi
    ):
        # by design these end a DOI they are glued to ("...2050PMID:123", the glued_pmid case above)
        assert match is None or len(match.doi) < len(doi)
        return
    assert match is not None
    assert match.doi == doi


@given(st.text(max_size=80))
def test_find_doi_never_crashes_and_spans_hold(text: str) -> None:
    for match in find_dois(text):
        assert text[match.start : match.end] == match.printed
        assert is_doi(match.canonical)


def test_shared_corpus_sample() -> None:
    path = shared_data("doi", "references-doi-matching.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        records = json.load(handle)
    present = recovered = 0
    for record in records:
        truth = record["doi"].replace(" ", "").lower()
        squashed = re.sub(r"\s+", "", record["reference"]).lower()
        if truth in squashed:
            present += 1
            recovered += extract_doi(record["reference"]) == truth
    assert present >= 150
    assert recovered / present >= 0.97


@pytest.mark.parametrize(
    "text",
    [
        "https://www.medrxiv.org/content/10.1101/2020.04.01.20050005v1",
        "https://www.biorxiv.org/content/10.1101/2020.04.01.20050005v2.full.pdf",
        "medRxiv. doi: 10.1101/2020.04.01.20050005v1.",
    ],
)
def test_a_biorxiv_or_medrxiv_version_is_not_part_of_the_doi(text: str) -> None:
    assert extract_doi(text) == "10.1101/2020.04.01.20050005"
    # a Cold Spring Harbor journal's DOI keeps its own ending
    assert extract_doi("doi:10.1101/gr.123456.110") == "10.1101/gr.123456.110"
