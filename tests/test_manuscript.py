"""`allrefs check`: citation keys in LaTeX and Markdown manuscripts against a bibliography."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from allrefs.cli import main
from allrefs.manuscript import (
    extract_latex_citations,
    extract_markdown_citations,
    manuscript_format,
)
from crossref_fake import FakeCrossref, retraction_update, work

BIB = r"""@article{hunger2015acute,
  author = {Hunger, Stephen P. and Mullighan, Charles G.},
  title = {Acute Lymphoblastic Leukemia in Children},
  journal = {New England Journal of Medicine},
  year = {2015},
  volume = {373},
  pages = {1541--1552},
  doi = {10.1056/nejmra1400972}
}

@article{kohler1975continuous,
  author = {K{\"o}hler, G. and Milstein, C.},
  title = {Continuous cultures of fused cells secreting antibody of predefined specificity},
  journal = {Nature},
  year = {1975},
  volume = {256},
  pages = {495--497},
  doi = {10.1038/256495a0}
}

@book{o'brien:2019/ed+2,
  author = {O'Brien, Pat},
  title = {A Key With Unusual Characters},
  publisher = {Press},
  year = {2019}
}

@misc{never2020cited,
  author = {Never, Cited},
  title = {An entry nobody cites},
  year = {2020}
}
"""


def _keys(citations: list) -> list[str]:
    return [c.key for c in citations]


# -- LaTeX --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "keys"),
    [
        pytest.param(r"\cite{a}", ["a"], id="cite"),
        pytest.param(r"\cite{a, b,c}", ["a", "b", "c"], id="several_keys"),
        pytest.param(r"\citep[p.~3]{a}", ["a"], id="natbib_postnote"),
        pytest.param(r"\citet*[see][12]{a,b}", ["a", "b"], id="star_and_two_optionals"),
        pytest.param(r"\autocite[vgl.][]{a}", ["a"], id="biblatex_empty_postnote"),
        pytest.param(r"\parencite{a} \textcite{b} \Textcite{c}", ["a", "b", "c"], id="biblatex"),
        pytest.param(
            r"\footcite{a}\smartcite{b}\supercite{c}", ["a", "b", "c"], id="more_biblatex"
        ),
        pytest.param(r"\citeauthor{a} \citeyear{b} \citetitle{c}", ["a", "b", "c"], id="parts"),
        pytest.param(r"\autocites(pre)(post)[1]{a}[2]{b}{c}", ["a", "b", "c"], id="multicite"),
        pytest.param(r"\textcites{a}{b} after {text}", ["a", "b"], id="multicite_stops"),
        pytest.param("\\cite\n  {a}", ["a"], id="argument_on_next_line"),
        pytest.param(r"\nocite{a} \nocite{*}", ["a", "*"], id="nocite"),
        pytest.param(r"\citestyle{nature} \cite{a}", ["a"], id="not_a_citation_command"),
        pytest.param(
            r"\cite{smith:2020/x+y} \cite{O'Brien-2019}",
            ["smith:2020/x+y", "O'Brien-2019"],
            id="unusual_key_characters",
        ),
        pytest.param(r"\cite{müller2019}", ["müller2019"], id="unicode_key"),
        pytest.param(r"% \cite{a}", [], id="comment_line"),
        pytest.param(r"text \cite{a}% \cite{b}", ["a"], id="comment_after_code"),
        pytest.param(r"50\% of \cite{a}", ["a"], id="escaped_percent_is_no_comment"),
        pytest.param("\\\\% \\cite{b}", [], id="linebreak_then_comment"),
        pytest.param(
            "\\begin{verbatim}\n\\cite{a}\n\\end{verbatim}\n\\cite{b}", ["b"], id="verbatim"
        ),
        pytest.param("\\begin{lstlisting}\n\\cite{a}\n\\end{lstlisting}", [], id="lstlisting"),
        pytest.param("\\begin{comment}\n\\cite{a}\n\\end{comment}", [], id="comment_env"),
        pytest.param(r"\verb|\cite{a}| \cite{b}", ["b"], id="verb"),
        pytest.param("\\iffalse\n\\cite{a}\n\\fi \\cite{b}", ["b"], id="iffalse"),
    ],
)
def test_latex_citation_keys(source: str, keys: list[str]) -> None:
    assert _keys(extract_latex_citations(source)) == keys


def test_latex_citations_know_their_line() -> None:
    text = "line one\n% \\cite{x}\n\\begin{verbatim}\n\\cite{y}\n\\end{verbatim}\nsee \\cite{a}\n"
    assert [(c.key, c.line) for c in extract_latex_citations(text)] == [("a", 6)]


# -- Markdown -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "keys"),
    [
        pytest.param("[@a]", ["a"], id="bracketed"),
        pytest.param("[see @a, p. 33; also @b, ch. 1]", ["a", "b"], id="prefix_locator"),
        pytest.param("@a says [-@b]", ["a", "b"], id="in_text_and_suppressed"),
        pytest.param("as @a.", ["a"], id="trailing_period_not_in_key"),
        pytest.param("as @smith:2020/x+y, too", ["smith:2020/x+y"], id="internal_punctuation"),
        pytest.param("@{O'Brien 2019} wrote", ["O'Brien 2019"], id="braced_key"),
        pytest.param("mail x@y.org now", [], id="email"),
        pytest.param("in `@a` code", [], id="inline_code"),
        pytest.param("```\n@a\n```\n@b", ["b"], id="fenced_code"),
        pytest.param("~~~ {.python}\n@a\n~~~", [], id="tilde_fence"),
        pytest.param("text\n\n    @a\n", [], id="indented_code"),
        pytest.param("- item\n    @a", ["a"], id="list_continuation_is_text"),
        pytest.param("<!-- @a -->", [], id="html_comment"),
        pytest.param("see @fig:one and @sec-two", [], id="crossref_labels"),
        pytest.param("math $x@a$ here", [], id="math"),
        pytest.param(
            "---\ntitle: '@notakey'\nnocite: |\n  @a, @b\n---\n@c",
            ["a", "b", "c"],
            id="front_matter_nocite",
        ),
    ],
)
def test_markdown_citation_keys(source: str, keys: list[str]) -> None:
    assert _keys(extract_markdown_citations(source)) == keys


@pytest.mark.parametrize(
    ("text", "suffix", "kind"),
    [
        ("anything", ".tex", "latex"),
        ("anything", ".md", "markdown"),
        ("\\documentclass{article}", "", "latex"),
        ("Some [@key] text", "", "markdown"),
    ],
)
def test_manuscript_format(text: str, suffix: str, kind: str) -> None:
    assert manuscript_format(text, suffix) == kind


# -- the command --------------------------------------------------------------------------


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


def test_clean_manuscript_passes(tmp_path: Path, bib: Path) -> None:
    tex = tmp_path / "paper.tex"
    tex.write_text(
        "\\cite{hunger2015acute} \\citep[p. 4]{kohler1975continuous, o'brien:2019/ed+2}\n"
        "\\nocite{never2020cited}\n% \\cite{commented-out-key}\n",
        encoding="utf-8",
    )
    code, out, err = _check(str(tex), "--bib", str(bib), "--no-verify")
    assert code == 0, out + err
    assert "missing" not in out
    assert "4 keys cited, 4 entries, 0 missing, 0 uncited" in err


def test_missing_and_uncited_keys_are_reported_with_lines(tmp_path: Path, bib: Path) -> None:
    tex = tmp_path / "paper.tex"
    tex.write_text(
        "Intro.\n\\cite{hunger2015acute,Kohler1975continuous}\n\\autocite{nobody2001}\n",
        encoding="utf-8",
    )
    code, out, _ = _check(str(tex), "--bib", str(bib), "--no-verify")
    assert code == 1
    assert f"'nobody2001' is cited at {tex}:3" in out
    # a key that differs only in case is missing for bibtex and biber: say which was meant
    assert "did you mean 'kohler1975continuous'?" in out
    assert "uncited: never2020cited" in out


def test_uncited_entries_fail_only_with_strict(tmp_path: Path, bib: Path) -> None:
    md = tmp_path / "paper.md"
    md.write_text(
        "As [@hunger2015acute; @kohler1975continuous] and @{o'brien:2019/ed+2} show.\n",
        encoding="utf-8",
    )
    assert _check(str(md), "--bib", str(bib), "--no-verify")[0] == 0
    code, out, _ = _check(str(md), "--bib", str(bib), "--no-verify", "--strict")
    assert code == 1
    assert "uncited: never2020cited" in out


def test_duplicate_keys_in_the_bibliography_need_fixing(tmp_path: Path) -> None:
    bib = tmp_path / "dup.bib"
    bib.write_text(
        BIB
        + "\n@article{hunger2015acute,\n  title = {Another work, same key},\n  year = {2001}\n}\n",
        encoding="utf-8",
    )
    md = tmp_path / "paper.md"
    md.write_text("[@hunger2015acute]\n", encoding="utf-8")
    code, out, _ = _check(str(md), "--bib", str(bib), "--no-verify")
    assert code == 1
    assert "duplicate key: 'hunger2015acute' is used by 2 entries" in out


def test_json_report(tmp_path: Path, bib: Path) -> None:
    md = tmp_path / "paper.md"
    md.write_text("[@hunger2015acute; @ghost]\n", encoding="utf-8")
    code, out, _ = _check(str(md), "--bib", str(bib), "--no-verify", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["needs_fixing"] is True
    assert data["missing"] == [{"key": "ghost", "lines": [1]}]
    assert {e["key"] for e in data["uncited"]} == {
        "kohler1975continuous",
        "o'brien:2019/ed+2",
        "never2020cited",
    }


def test_retracted_entries_come_first_and_fail(
    tmp_path: Path, bib: Path, fake_crossref: FakeCrossref
) -> None:
    fake_crossref.add(
        work(
            "10.1056/NEJMra1400972",
            "Acute Lymphoblastic Leukemia in Children",
            (("Hunger", "Stephen P."), ("Mullighan", "Charles G.")),
            container="New England Journal of Medicine",
            year=2015,
            volume="373",
            page="1541-1552",
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
    tex = tmp_path / "paper.tex"
    tex.write_text(
        "\\cite{hunger2015acute,kohler1975continuous,o'brien:2019/ed+2,never2020cited}",
        encoding="utf-8",
    )
    args = [
        "--crossref-url", fake_crossref.crossref_url, "--doi-url", fake_crossref.doi_url,
        "--mailto", "test@example.org", "--cache", str(tmp_path / "cache.sqlite"),
    ]  # fmt: skip
    code, out, _ = _check(str(tex), "--bib", str(bib), *args)
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("RETRACTED: kohler1975continuous")
    code, out, _ = _check(str(tex), "--bib", str(bib), "--format", "json", *args)
    flagged = json.loads(out)["flagged"]
    assert flagged[0]["key"] == "kohler1975continuous" and flagged[0]["retracted"] is True


def test_findings_stored_in_allrefs_csl_json_are_used_offline(tmp_path: Path) -> None:
    items = [
        {
            "id": "smith2020retracted",
            "type": "article-journal",
            "title": "A retracted paper",
            "issued": {"date-parts": [[2020]]},
            "custom": {
                "allrefs": {
                    "verdict": "verified",
                    "findings": [
                        {"code": "retracted", "message": "Retracted in 2021.", "severity": "error"}
                    ],
                }
            },
        }
    ]
    bib = tmp_path / "refs.json"
    bib.write_text(json.dumps(items), encoding="utf-8")
    md = tmp_path / "paper.md"
    md.write_text("As shown [@smith2020retracted].\n", encoding="utf-8")
    code, out, _ = _check(str(md), "--bib", str(bib), "--offline")
    assert code == 1
    assert out.startswith("RETRACTED: smith2020retracted")


def test_bad_input_is_a_usage_error(tmp_path: Path, bib: Path) -> None:
    code, _, err = _check(str(tmp_path / "nope.tex"), "--bib", str(bib))
    assert code == 2
    assert "nope.tex: no such file" in err
    empty = tmp_path / "empty.bib"
    empty.write_text("", encoding="utf-8")
    tex = tmp_path / "paper.tex"
    tex.write_text("\\cite{a}", encoding="utf-8")
    code, _, err = _check(str(tex), "--bib", str(empty), "--no-verify")
    assert code == 2
    assert "empty.bib: file is empty" in err
