"""arXiv identifiers: found as physics and computer science print them, kept through every
output, read back from BibTeX and CSL-JSON, and used to tell one e-print from another."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest

from allrefs import Entry, parse_reference, to_bibtex, to_csl_json
from allrefs.arxiv import find_arxiv, normalize_arxiv, unversioned
from allrefs.crf import parse_with_model
from allrefs.dedupe import dedupe, same_work
from allrefs.ingest import read_bibtex, read_csl_json
from allrefs.model import Reference


@pytest.mark.parametrize(
    ("text", "printed", "identifier"),
    [
        ("A. G. Cohen, S. L. Glashow, arXiv:0810.4602[ hep-ph].", "arXiv:0810.4602", "0810.4602"),
        ("Acta Phys. Pol. B 29, 3925 (1998) [hep-ph/9810543];", "hep-ph/9810543", "hep-ph/9810543"),
        ("PoS LATTICE2010 007[arXiv : 1101.0109[hep- lat]].", "arXiv : 1101.0109", "1101.0109"),
        # PDF extraction spaces the number; "preprint" is a note, not part of the identifier
        ("Z. Song, arXiv preprint :1708 . 02952 , 2017 .", "1708 . 02952", "1708.02952"),
        ("2017, ArXiv e-prints [arXiv:1706.00434]", "arXiv:1706.00434", "1706.00434"),
        ("F 1996 Report No. BONN-TH-96-17 (arXiv:hep-th/9611160)", "arXiv:hep-th/9611160", None),
        ("Yang, arXiv:math/0601001v3", "arXiv:math/0601001v3", "math/0601001v3"),
        ("Kapustin, math.AG/0601001.", "math.AG/0601001", "math.AG/0601001"),
        ("see https://arxiv.org/abs/1504.01230v2.", "1504.01230v2", "1504.01230v2"),
        ("doi:10.48550/arXiv.2301.00001", "2301.00001", "2301.00001"),
    ],
)
def test_found_as_printed(text: str, printed: str, identifier: str | None) -> None:
    match = find_arxiv(text)
    assert match is not None
    assert text[match.start : match.end] == printed
    assert match.arxiv == (identifier or printed.removeprefix("arXiv:"))


@pytest.mark.parametrize(
    "text",
    [
        "Phys. Rev. D 54, 1403.4686 (1996)",  # a bare number is no e-print without the word
        "arXiv:1313.0001",  # month 13
        "arXiv:1501.0001",  # from 2015 the number has five digits
        "arXiv:0612.1234",  # new-style numbers start in April 2007
        "gr-qc/0113001",  # month 13 in the old scheme
        "pages 1205.1234, see arXiv",  # the word after the number
    ],
)
def test_not_an_identifier(text: str) -> None:
    assert find_arxiv(text) is None


def test_normalized_from_fields_and_compared_without_version() -> None:
    assert normalize_arxiv("arXiv:1504.01230v2") == "1504.01230v2"
    assert normalize_arxiv("https://arxiv.org/abs/hep-th/9611160") == "hep-th/9611160"
    assert normalize_arxiv("1504.01230") == "1504.01230"
    assert normalize_arxiv("Math.AG/0601001") == "math.AG/0601001"
    assert normalize_arxiv("10.1000/182") is None
    assert unversioned("1504.01230v2") == unversioned("1504.01230") == "1504.01230"


@pytest.mark.parametrize("parser", [parse_reference, parse_with_model])
def test_parsed_reference_keeps_the_eprint_and_is_a_preprint(
    parser: Callable[[str], Reference],
) -> None:
    text = (
        "Devlin J, Chang MW, Lee K, Toutanova K. BERT: pre-training of deep bidirectional "
        "transformers for language understanding. arXiv:1810.04805. 2018."
    )
    ref = parser(text)
    assert ref.arxiv == "1810.04805"
    assert ref.type == "article"
    assert ref.title == (
        "BERT: pre-training of deep bidirectional transformers for language understanding"
    )
    assert ref.year == 2018
    # printed beside a journal, the e-print is kept and the reference stays an article
    journal = parser("T. Becher, M. Neubert, Phys. Lett. B 637, 251 (2006), arXiv:hep-ph/0603140.")
    assert journal.arxiv == "hep-ph/0603140"
    assert journal.type == "article-journal"
    assert journal.page_first == "251"


def test_written_to_bibtex_and_csl_and_read_back() -> None:
    ref = parse_reference(
        "Vaswani A, Shazeer N, Parmar N, et al. Attention is all you need. arXiv:1706.03762. 2017."
    )
    bib = to_bibtex([Entry(ref)])
    assert "archiveprefix = {arXiv}" in bib
    assert "eprint = {1706.03762}" in bib
    assert read_bibtex(bib, "x.bib").references[0].arxiv == "1706.03762"
    csl = to_csl_json([Entry(ref)])[0]
    assert csl["type"] == "article"
    assert csl["number"] == "arXiv:1706.03762"  # what CSL styles print for a preprint
    assert csl["custom"]["allrefs"]["arxiv"] == "1706.03762"
    again = read_csl_json(json.dumps([csl]), "x.json").references[0]
    assert again.arxiv == "1706.03762"


def test_read_from_what_other_tools_export() -> None:
    bib = """
@article{devlin2018bert,
  title={Bert: Pre-training of deep bidirectional transformers for language understanding},
  author={Devlin, Jacob and Chang, Ming-Wei},
  journal={arXiv preprint arXiv:1810.04805},
  year={2018}
}
@misc{vaswani,
  title = {Attention Is All You Need},
  eprint = {1706.03762v5},
  archivePrefix = {arXiv},
  primaryClass = {cs.CL}
}
@article{jstor,
  title = {Not an e-print},
  eprint = {2984875},
  eprinttype = {jstor}
}
"""
    refs = read_bibtex(bib, "x.bib").references
    assert [r.arxiv for r in refs] == ["1810.04805", "1706.03762v5", None]
    zotero = [{"id": "a", "type": "article", "title": "T", "number": "arXiv:2106.09685"}]
    assert read_csl_json(json.dumps(zotero), "z.json").references[0].arxiv == "2106.09685"


def test_one_eprint_cited_two_ways_is_one_work_and_two_eprints_are_two() -> None:
    bare = parse_reference("T. Becher and M. Neubert, hep-ph/0603140.")
    titled = parse_reference(
        "T. Becher and M. Neubert, Toward a NNLO calculation of the B -> X_s gamma decay rate "
        "with a cut on photon energy, arXiv:hep-ph/0603140v2 (2006)."
    )
    other = parse_reference("T. Becher and M. Neubert, hep-ph/0603141.")
    assert same_work(bare, titled)
    assert not same_work(bare, other)
    # the journal version that prints its e-print number is linked to the e-print, not merged
    published = parse_reference(
        "T. Becher and M. Neubert, Phys. Lett. B 637, 251 (2006), arXiv:hep-ph/0603140."
    )
    works = dedupe([published, bare])
    assert len(works) == 2
    for work in works:
        assert [f.code for f in work.findings] == ["dedupe-linked"]
        assert "preprint and published version" in work.findings[0].message


def test_reference_without_eprint_has_none() -> None:
    assert Reference().arxiv is None
    assert parse_reference("Smith J. A title. Lancet. 2001;357:1-5.").arxiv is None


@pytest.mark.parametrize(
    "hostile",
    [
        "arXiv" + " : " * 50_000 + "x",  # backtracked exponentially before the pattern was fixed
        "arXiv " * 20_000,  # every "arXiv" rescanned the rest of the string
        "hep-th/" * 20_000,
        "arXiv 1504." * 10_000,
    ],
)
def test_hostile_strings_end_quickly_with_nothing_found(hostile: str) -> None:
    started = time.perf_counter()
    assert find_arxiv(hostile) is None
    ref = parse_reference(hostile)
    assert ref.raw == hostile and ref.arxiv is None
    assert time.perf_counter() - started < 5  # seconds to minutes before; milliseconds now
