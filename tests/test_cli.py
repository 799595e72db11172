"""The command line as a user runs it: golden outputs for the seeds, determinism, bad input."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from allrefs.cli import main
from conftest import ROOT, SEEDS
from crossref_fake import FakeCrossref, retraction_update, work

GOLDEN = ROOT / "tests" / "golden" / "seeds"
REGENERATE = os.environ.get("ALLREFS_REGENERATE_GOLDEN") == "1"


def _resolve(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["resolve", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _tree(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def test_seeds_match_the_golden_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # as the README runs it, from the checkout: sources are named "seeds/...", wherever it is
    monkeypatch.chdir(ROOT)
    code, _, _ = _resolve("seeds", "-o", str(tmp_path), "--offline")
    assert code == 0
    if REGENERATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(tmp_path, GOLDEN)
    produced, expected = _tree(tmp_path), _tree(GOLDEN)
    assert sorted(produced) == sorted(expected)
    for name, content in expected.items():
        assert produced[name].decode() == content.decode(), name


def test_a_second_run_gives_byte_identical_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert _resolve(str(SEEDS), "-o", str(first), "--offline")[0] == 0
    assert _resolve(str(SEEDS), "-o", str(second), "--offline")[0] == 0
    assert _tree(first) == _tree(second)
    assert sorted(_tree(first)) == [
        "abbasibenefits.bib",
        "abbasibenefits.json",
        "abbasibenefits.report.md",
        "karachunsky2025immunotherapy.bib",
        "karachunsky2025immunotherapy.json",
        "karachunsky2025immunotherapy.report.md",
        "library.bib",
        "library.json",
        "library.report.md",
        "overlap.csv",
    ]


def test_every_reference_appears_in_every_output(tmp_path: Path) -> None:
    _resolve(str(SEEDS / "001_37e1ae7db2030da5.txt"), "-o", str(tmp_path), "--offline")
    bib = (tmp_path / "karachunsky2025immunotherapy.bib").read_text()
    report = (tmp_path / "karachunsky2025immunotherapy.report.md").read_text()
    assert bib.count("\n@") + bib.startswith("@") == 18
    for label in range(1, 19):
        assert f"- [{label}] `" in report
    assert "unchecked: 18" in report
    assert "- unchecked because: offline" in report


def test_seed_000_report_says_no_list(tmp_path: Path) -> None:
    code, out, _ = _resolve(
        str(SEEDS / "000_a41e6538813f1c70.txt"), "-o", str(tmp_path), "--offline"
    )
    assert code == 0
    report = (tmp_path / "abbasibenefits.report.md").read_text()
    assert "the text cites 10 references (1–10) but prints no reference list" in report
    assert "## References (0)" in report
    assert "prints no reference list" in out


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda d: d / "missing.txt", "no such file", id="missing_path"),
        pytest.param(lambda d: _write(d / "empty.txt", b""), "file is empty", id="empty_file"),
        pytest.param(lambda d: _write(d / "x.txt", b"\x00\x01binary\x00"), "binary", id="binary"),
        pytest.param(lambda d: _mkdir(d / "nothing"), "holds no documents", id="empty_dir"),
    ],
)
def test_bad_input_is_a_usage_error_naming_the_file(
    tmp_path: Path, make: object, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    out_dir = tmp_path / "out"
    code, _, err = _resolve(str(path), "-o", str(out_dir), "--offline")
    assert code == 2
    assert message in err and str(path) in err
    assert "Traceback" not in err
    assert not out_dir.exists()


def test_truncated_bibtex_still_writes_every_entry(tmp_path: Path) -> None:
    bib = _write(
        tmp_path / "my.bib",
        b"@article{a, title={First}, journal={J}, year={2001}}\n@article{b, title={Second",
    )
    code, _, _ = _resolve(str(bib), "-o", str(tmp_path / "out"), "--offline")
    assert code == 0
    report = next((tmp_path / "out").glob("*.report.md")).read_text()
    assert "bibtex-syntax" in report and "my.bib:2" in report
    assert "## References (2)" in report


def test_unwritable_output_keeps_what_was_there(tmp_path: Path) -> None:
    blocker = _write(tmp_path / "out", b"a file where the output directory should be")
    code, _, err = _resolve(str(SEEDS), "-o", str(blocker / "bib"), "--offline")
    assert code == 1
    assert "cannot write" in err and "Traceback" not in err
    assert blocker.read_bytes() == b"a file where the output directory should be"


def test_output_path_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    blocker = _write(tmp_path / "out", b"keep me")
    code, _, err = _resolve(str(SEEDS), "-o", str(blocker), "--offline")
    assert code == 2 and "out" in err
    assert blocker.read_bytes() == b"keep me"


def test_without_a_network_it_says_so_once_and_marks_unchecked(
    tmp_path: Path, closed_port_url: str
) -> None:
    started = time.perf_counter()
    code, _, err = _resolve(
        str(SEEDS), "-o", str(tmp_path), "--crossref-url", closed_port_url,
        "--doi-url", closed_port_url, "--mailto", "test@example.org", "--no-cache",
    )  # fmt: skip
    assert code == 0
    assert time.perf_counter() - started < 10
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "unreachable" in lines[0]
    items = json.loads((tmp_path / "karachunsky2025immunotherapy.json").read_text())
    assert {item["custom"]["allrefs"]["verdict"] for item in items} == {"unchecked"}
    assert all("unreachable" in item["custom"]["allrefs"]["unchecked_reason"] for item in items)


def test_seed_against_a_crossref_server_gives_its_verdicts(
    tmp_path: Path, fake_crossref: FakeCrossref
) -> None:
    fake_crossref.add(
        work(
            "10.1056/NEJMra1400972",
            "Acute Lymphoblastic Leukemia in Children",
            (("Hunger", "Stephen P."), ("Mullighan", "Charles G.")),
            container="New England Journal of Medicine",
            short="N Engl J Med",
            year=2015,
            volume="373",
            issue="16",
            page="1541-1552",
        ),
        work(
            "10.1038/s41375-022-01620-2",
            "The 5th edition of the World Health Organization Classification of "
            "Haematolymphoid Tumours: Lymphoid Neoplasms",
            (("Alaggio", "Rita"), ("Amador", "Catalina")),
            container="Leukemia",
            year=2022,
            volume="36",
            issue="7",
            page="1720-1748",
        ),
        work(
            "10.1038/ni.2050",
            "A completely different paper about plant roots",
            (("Nobody", "Else"),),
            container="Plant Journal",
            year=1999,
            volume="3",
            page="1-2",
        ),
        work(
            "10.1038/256495a0",
            "Continuous cultures of fused cells secreting antibody of predefined specificity",
            (("Köhler", "G."), ("Milstein", "C.")),
            container="Nature",
            year=1975,
            volume="256",
            issue="5517",
            page="495-497",
            **{"updated-by": [retraction_update("10.9999/retraction", "publisher", (2020, 5, 1))]},
        ),
    )
    cache = tmp_path / "cache.sqlite"
    args = [
        str(SEEDS / "001_37e1ae7db2030da5.txt"), "-o", str(tmp_path / "out"),
        "--crossref-url", fake_crossref.crossref_url, "--doi-url", fake_crossref.doi_url,
        "--mailto", "test@example.org", "--cache", str(cache),
    ]  # fmt: skip
    code, _, _ = _resolve(*args)
    assert code == 0
    items = json.loads((tmp_path / "out" / "karachunsky2025immunotherapy.json").read_text())
    verdicts = {
        item["custom"]["allrefs"]["label"]: item["custom"]["allrefs"]["verdict"] for item in items
    }
    assert verdicts["1"] == "verified"
    assert verdicts["2"] == "repaired"  # printed with en dashes, registered once repaired
    assert verdicts["12"] == "mismatch"
    assert verdicts["3"] == "not_found"  # unknown to Crossref and to doi.org
    assert len(items) == 18
    # the registered record fills the output: full journal name, issue
    assert items[0]["container-title"] == "New England Journal of Medicine"
    assert items[0]["issue"] == "16"
    report = (tmp_path / "out" / "karachunsky2025immunotherapy.report.md").read_text()
    attention = report.split("## References")[0]
    assert attention.index("Retracted") < attention.index("Verdicts to check")
    assert "kohler1975continuous" in attention.split("Verdicts to check")[0]

    # a second run is answered by the cache: not one request more
    before = fake_crossref.request_count
    first_outputs = _tree(tmp_path / "out")
    assert _resolve(*args)[0] == 0
    assert fake_crossref.request_count == before
    assert _tree(tmp_path / "out") == first_outputs


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def test_a_progress_bar_on_a_terminal_and_none_when_piped(
    tmp_path: Path, fake_crossref: FakeCrossref
) -> None:
    import pty
    import subprocess
    import sys

    args = [
        sys.executable, "-m", "allrefs.cli", "resolve", str(SEEDS / "001_37e1ae7db2030da5.txt"),
        "-o", str(tmp_path / "out"), "--crossref-url", fake_crossref.crossref_url,
        "--doi-url", fake_crossref.doi_url, "--mailto", "t@example.org", "--no-cache",
    ]  # fmt: skip
    leader, follower = pty.openpty()
    with subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=follower) as process:
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        assert process.wait(timeout=60) == 0
    os.close(leader)
    assert b"resolve" in seen and b"18/18" in seen  # the bar, on a terminal

    piped = subprocess.run(args, capture_output=True, check=True)
    assert b"18/18" not in piped.stderr  # no bar when nobody is watching
