"""The cross-review library written by `allrefs resolve` for several reviews."""

from __future__ import annotations

import csv
import json
from importlib.resources import files
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from allrefs.cli import main

SCHEMA = json.loads(files("allrefs").joinpath("data/csl-data.schema.json").read_text("utf-8"))

REVIEW_A = """Childhood leukaemia therapy today
Ann Smith

Leukemia is common (1). Treatment improved (2, 3).

References
1. Hunger SP, Mullighan CG. Acute lymphoblastic leukemia in children. N Engl J Med. 2015;373(16):1541-52. doi:10.1056/NEJMra1400972
2. Pui CH, Evans WE. Treatment of acute lymphoblastic leukemia. N Engl J Med. 2006;354(2):166-78.
3. Hunger S.P., Mullighan C.G. Acute Lymphoblastic Leukemia in Children. N. Engl. J. Med. 2015; 373: 1541–1552.
"""

REVIEW_B = """Immunotherapy for relapsed leukaemia
Bob Jones

CAR T cells work (1) and so do antibodies (2).

References
1. Maude SL, Laetsch TW, Buechner J, et al. Tisagenlecleucel in children and young adults with B-cell lymphoblastic leukemia. N Engl J Med. 2018;378(5):439-48.
2. Hunger SP, Mullighan CG. Acute Lymphoblastic Leukemia in Children. New England Journal of Medicine 2015;373:1541-1552.
"""


def _run(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(REVIEW_A, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(REVIEW_B, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["resolve", str(tmp_path / "in"), "-o", str(out), "--offline"]
    )
    assert result.exit_code == 0, result.output
    return out


def test_library_lists_each_work_once_with_every_citing_review(tmp_path: Path) -> None:
    out = _run(tmp_path)
    items = json.loads((out / "library.json").read_text())
    jsonschema.validate(items, SCHEMA)
    assert len(items) == 3  # Hunger (cited three times), Pui, Maude
    hunger = next(i for i in items if i["title"].lower().startswith("acute lymphoblastic"))
    cited_by = [(c["review"], c["label"]) for c in hunger["custom"]["allrefs"]["cited_by"]]
    assert sorted(cited_by) == [
        ("jonesimmunotherapy", "2"),
        ("smithchildhood", "1"),
        ("smithchildhood", "3"),
    ]
    bib = (out / "library.bib").read_text()
    assert bib.count("@article{") == 3


def test_overlap_and_corrected_covered_area(tmp_path: Path) -> None:
    out = _run(tmp_path)
    rows = list(csv.reader((out / "overlap.csv").read_text().splitlines()))
    # each review's own distinct works on the diagonal, the one shared work off it
    assert rows == [
        ["review", "smithchildhood", "jonesimmunotherapy"],
        ["smithchildhood", "2", "1"],
        ["jonesimmunotherapy", "1", "2"],
    ]
    report = (out / "library.report.md").read_text()
    # N = 4 (review, work) pairs, r = 3 works, c = 2 reviews: (4 - 3) / (6 - 3) = 0.3333
    assert "Corrected covered area (Pieper et al. 2014): 0.3333" in report


def test_a_duplicate_inside_one_review_is_a_finding(tmp_path: Path) -> None:
    out = _run(tmp_path)
    report = next(out.glob("smith*.report.md")).read_text()
    assert "**duplicate-in-document**: entry 1 cites the same work as entry 3" in report
    assert "**duplicate-in-document**: entry 3 cites the same work as entry 1" in report
