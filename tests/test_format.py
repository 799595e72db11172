"""Formatted reference lists (citeproc-py with its quirks fixed) and `allrefs cite`/`format`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from allrefs.cli import main
from allrefs.formatting import StyleError, list_styles, render_bibliography
from conftest import ROOT
from crossref_fake import FakeCrossref, retraction_update, work

pytest.importorskip("citeproc")

BIB_JSON = sorted((ROOT / "bib").glob("*.json"))


def _item(id: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": id,
        "type": "article-journal",
        "title": f"Title of {id}",
        "author": [{"family": "Lee", "given": "Kim"}],
        "container-title": "Journal of Tests",
        "issued": {"date-parts": [[2021]]},
    }
    base.update(fields)
    return base


# -- citeproc-py quirks, each fixed ----------------------------------------------------------


def test_ids_differing_only_in_case_both_render() -> None:
    """citeproc-py lower-cases ids: Smith2020 and smith2020 collided and one vanished."""
    items = [_item("Smith2020", title="Upper"), _item("smith2020", title="Lower")]
    entries = render_bibliography(items, "vancouver-nlm")
    assert len(entries) == 2
    assert "Upper" in entries[0] and "Lower" in entries[1]


@pytest.mark.parametrize(
    "style", ["vancouver-nlm", "ieee", "nature", "american-medical-association"]
)
def test_numeric_styles_keep_the_space_after_the_number(style: str) -> None:
    entry = render_bibliography([_item("a")], style)[0]
    assert entry.startswith(("1. ", "[1] ")), entry


def test_localised_dates_keep_their_spaces() -> None:
    items = [
        _item("a", issued={"date-parts": [[2019, 3, 5]]}, volume="3", issue="2", page="10-19"),
        {
            "id": "b",
            "type": "webpage",
            "title": "A page",
            "URL": "https://example.org",
            "issued": {"date-parts": [[2020, 11]]},
            "accessed": {"date-parts": [[2024, 1, 2]]},
        },
    ]
    first, second = render_bibliography(items, "vancouver-nlm")
    assert "2019 Mar 5;3(2):10–9" in first
    assert "[cited 2024 Jan 2]" in second


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        pytest.param("1541-1552", "1541–52", id="digits_minimised_as_the_style_says"),
        pytest.param("xii-xv", "xii–xv", id="roman_kept_whole"),
        pytest.param("S12-S19", "S12–S19", id="letter_prefix_kept_whole"),
        pytest.param("e231-e239", "e231–e239", id="article_numbers_kept_whole"),
        pytest.param("e12345", "e12345", id="single_article_number"),
    ],
)
def test_page_ranges(page: str, shown: str) -> None:
    entry = render_bibliography([_item("a", page=page)], "vancouver-nlm")[0]
    assert f";{shown}." in entry, entry


def test_ama_page_ranges_use_its_hyphen() -> None:
    entry = render_bibliography([_item("a", page="xii-xv", volume="2")], "ama")[0]
    assert "xii-xv" in entry


def test_html_output_escapes_the_data() -> None:
    item = _item("a", title="Dates & <pages> in focus", URL="https://x.org/?a=1&b=2")
    entry = render_bibliography([item], "apa", "html")[0]
    assert "Dates &amp; &lt;pages&gt; in focus" in entry
    assert "<i>Journal of Tests</i>" in entry


def test_markdown_output_escapes_markdown_and_uses_emphasis() -> None:
    item = _item("a", title="Why *stars* and [brackets] matter", volume="7")
    entry = render_bibliography([item], "nature", "markdown")[0]
    assert r"Why \*stars\* and \[brackets\] matter" in entry
    assert "*Journal of Tests* **7**" in entry


def test_author_date_styles_disambiguate_by_year_suffix() -> None:
    items = [_item("a", title="Beta study"), _item("b", title="Alpha study")]
    entries = render_bibliography(items, "apa")
    assert entries[0].startswith("Lee, K. (2021a). Alpha study")
    assert entries[1].startswith("Lee, K. (2021b). Beta study")


def test_unknown_style_suggests_names() -> None:
    with pytest.raises(StyleError, match="Did you mean: vancouver-nlm"):
        render_bibliography([_item("a")], "vancuver-nlm")


def test_list_styles_starts_with_the_featured_ones() -> None:
    styles = list_styles()
    assert [name for name, _ in styles[:3]] == [
        "apa",
        "vancouver-nlm",
        "american-medical-association",
    ]
    assert len(styles) > 1000


# -- the generated bibliographies render, every entry with its title and year ------------


@pytest.mark.parametrize("style", ["apa", "vancouver-nlm"])
@pytest.mark.parametrize("path", BIB_JSON, ids=[p.stem for p in BIB_JSON])
def test_generated_csl_json_renders_with_citeproc_py(path: Path, style: str) -> None:
    items = json.loads(path.read_text(encoding="utf-8"))
    if not items:
        pytest.skip(f"{path.name} has no entries (the seed prints no reference list)")
    entries = render_bibliography(items, style)
    assert len(entries) == len(items)
    text = "\n".join(entries)
    for item in items:
        assert item["title"].split(":")[0][:40] in text
        assert str(item["issued"]["date-parts"][0][0]) in text


# -- allrefs format ----------------------------------------------------------------------


def _run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_format_command_outputs(tmp_path: Path) -> None:
    bib = ROOT / "bib" / "karachunsky2025immunotherapy.bib"
    code, out, _ = _run("format", str(bib), "--style", "vancouver")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 18 and lines[0].startswith("1. Hunger SP, Mullighan CG.")
    assert "others" not in out  # BibTeX's "and others" is et al., not an author
    target = tmp_path / "refs.html"
    assert _run("format", str(bib), "--style", "apa", "-o", str(target))[0] == 0
    html = target.read_text(encoding="utf-8")
    assert html.startswith('<div class="csl-bib-body">') and "<i>Leukemia</i>" in html


def test_format_bad_input(tmp_path: Path) -> None:
    bib = ROOT / "bib" / "karachunsky2025immunotherapy.bib"
    code, _, err = _run("format", str(bib), "--style", "nope-style")
    assert code == 2 and "unknown citation style 'nope-style'" in err
    code, _, err = _run("format", str(tmp_path / "missing.bib"))
    assert code == 2 and "missing.bib: no such file" in err
    code, _, err = _run("format", str(ROOT / "bib" / "abbasibenefits.json"))
    assert code == 1 and "no references to format" in err
    code, out, _ = _run("format", "--list-styles")
    assert code == 0 and out.startswith("apa\tAPA Style 7th edition\n")


# -- allrefs cite ------------------------------------------------------------------------


HUNGER = dict(
    container="New England Journal of Medicine",
    year=2015,
    volume="373",
    issue="16",
    page="1541-1552",
)


@pytest.fixture
def crossref_args(fake_crossref: FakeCrossref, tmp_path: Path) -> list[str]:
    fake_crossref.add(
        work(
            "10.1056/NEJMra1400972",
            "Acute Lymphoblastic Leukemia in Children",
            (("Hunger", "Stephen P."), ("Mullighan", "Charles G.")),
            **HUNGER,  # type: ignore[arg-type]
        ),
        work(
            "10.1038/256495a0",
            "Continuous cultures of fused cells secreting antibody of predefined specificity",
            (("Köhler", "G."), ("Milstein", "C.")),
            container="Nature",
            year=1975,
            volume="256",
            page="495-497",
            **{"updated-by": [retraction_update("10.9999/retraction", "publisher", (2020, 5, 1))]},
        ),
    )
    found = work(
        "10.1056/NEJMra1400972",
        "Acute Lymphoblastic Leukemia in Children",
        (("Hunger", "Stephen P."), ("Mullighan", "Charles G.")),
        **HUNGER,  # type: ignore[arg-type]
    )
    fake_crossref.add_search("acute lymphoblastic leukemia in children", [{**found, "score": 80.0}])
    return [
        "--crossref-url", fake_crossref.crossref_url, "--doi-url", fake_crossref.doi_url,
        "--mailto", "test@example.org", "--cache", str(tmp_path / "cache.sqlite"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "pasted",
    [
        "10.1056/NEJMra1400972",
        "https://doi.org/10.1056/NEJMra1400972",
        "doi:10.1056/NEJMra1400972.",
        "https://dx.doi.org/10.1056%2FNEJMra1400972",
        "10.1056/NEJMra1400972",
    ],
)
def test_cite_a_doi_in_any_pasted_form(pasted: str, crossref_args: list[str]) -> None:
    code, out, err = _run("cite", pasted, *crossref_args)
    assert code == 0, err
    assert out.startswith("@article{hunger2015acute,")
    assert "journal = {New England Journal of Medicine}" in out
    assert "pages = {1541--1552}" in out
    assert "1 verified" in err


def test_cite_free_text_and_formats(crossref_args: list[str], tmp_path: Path) -> None:
    text = "Hunger SP, Mullighan CG. Acute lymphoblastic leukemia in children. N Engl J Med. 2015"
    code, out, _ = _run("cite", text, "--to", "csl-json", *crossref_args)
    assert code == 0
    [item] = json.loads(out)
    assert (
        item["DOI"] == "10.1056/nejmra1400972" and item["custom"]["allrefs"]["verdict"] == "found"
    )
    target = tmp_path / "refs.ris"
    code, _, err = _run("cite", "10.1056/NEJMra1400972", "-o", str(target), *crossref_args)
    assert code == 0 and f"wrote 1 entries to {target}" in err
    assert target.read_text(encoding="utf-8").startswith("TY  - JOUR\nID  - hunger2015acute\n")


def test_cite_reads_identifiers_from_stdin_and_writes_each_work_once(
    crossref_args: list[str],
) -> None:
    code, out, _ = _run(
        "cite", "-", *crossref_args, input="10.1056/NEJMra1400972\n\ndoi:10.1056/nejmra1400972\n"
    )
    assert code == 0
    assert out.count("@article{") == 1


def test_cite_reports_what_it_cannot_find(crossref_args: list[str]) -> None:
    code, out, err = _run(
        "cite", "10.1056/NEJMra1400972", "10.9999/does-not-exist", "PMID: 26465987", *crossref_args
    )
    assert code == 1
    assert out.count("@article{") == 1  # what was found is still written
    assert "10.9999/does-not-exist: DOI 10.9999/does-not-exist is not registered" in err
    assert "PMID: 26465987: Crossref does not index PubMed IDs" in err


def test_cite_warns_about_a_retracted_work(crossref_args: list[str]) -> None:
    code, out, err = _run("cite", "10.1038/256495a0", *crossref_args)
    assert code == 0
    assert "kohler1975continuous" in out
    assert "10.1038/256495a0: " in err and "retract" in err.lower()


def test_cite_without_network_says_so(closed_port_url: str, tmp_path: Path) -> None:
    code, out, err = _run(
        "cite", "10.1056/NEJMra1400972", "--crossref-url", closed_port_url,
        "--doi-url", closed_port_url, "--cache", str(tmp_path / "c.sqlite"),
    )  # fmt: skip
    assert code == 1 and out == ""
    assert "10.1056/NEJMra1400972: not looked up: network unreachable" in err
