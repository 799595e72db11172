"""Unicode helpers: look-alike letters, invisible characters, match keys and slugs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allrefs.normalize import _TRAILER, strip_trailers
from allrefs.text import (
    fold_for_match,
    fold_homoglyphs,
    normalize_whitespace,
    rejoin_broken_words,
    slug,
    strip_invisible,
)


@pytest.mark.parametrize(
    ("text", "folded", "swaps"),
    [
        pytest.param(
            "Rumyntsev А., Krizhanovskiy О., Maschan А.",
            "Rumyntsev A., Krizhanovskiy O., Maschan A.",
            (("А", "A"), ("О", "O"), ("А", "A")),
            id="cyrillic_initials_seed_001",
        ),
        pytest.param(
            "Samochatova Е. Intensive",
            "Samochatova E. Intensive",
            (("Е", "E"),),
            id="cyrillic_initial_before_title",
        ),
        pytest.param(
            "Kаrachunskiy A.", "Karachunskiy A.", (("а", "a"),), id="cyrillic_a_inside_latin_word"
        ),
        pytest.param(
            "Ρoland and Τ cells",
            "Poland and T cells",
            (("Ρ", "P"), ("Τ", "T")),
            id="greek_capitals_in_latin_text",
        ),
        pytest.param("Ѕ1470", "S1470", (("Ѕ", "S"),), id="lookalike_with_digits"),
        pytest.param(
            "Rivière, Köhler, Sénéchal", "Rivière, Köhler, Sénéchal", (), id="accents_kept"
        ),
        pytest.param(
            "Румянцев А. Г. Лечение острого лейкоза",
            "Румянцев А. Г. Лечение острого лейкоза",
            (),
            id="russian_title_untouched",
        ),
        pytest.param(
            "α-synuclein and NF-κB", "α-synuclein and NF-κB", (), id="greek_used_as_greek"
        ),
        pytest.param(
            "Smith J. О лечении",
            "Smith J. О лечении",
            (),
            id="lookalike_between_latin_and_cyrillic",
        ),
        pytest.param("ν = 3 Hz", "ν = 3 Hz", (), id="lone_small_greek_nu"),
        pytest.param("Ο Κόσμος", "Ο Κόσμος", (), id="greek_text"),
    ],
)
def test_fold_homoglyphs(text: str, folded: str, swaps: tuple[tuple[str, str], ...]) -> None:
    assert fold_homoglyphs(text) == (folded, swaps)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        pytest.param('K{\\"o}hler, G.', "kohler g", id="latex_umlaut"),
        pytest.param("Köhler G", "kohler g", id="unicode_umlaut"),
        pytest.param("\\emph{Nature} \\& {DNA}", "nature dna", id="latex_commands_braces"),
        pytest.param(
            "<i>α</i>-Synuclein &amp; β-catenin",
            "alpha synuclein beta catenin",
            id="html_and_greek",
        ),
        pytest.param("NF-κB", "nf kappab", id="kappa"),
        pytest.param("$\\alpha$-helix", "alpha helix", id="latex_greek"),
        pytest.param("Riviére  I.,\nSénéchal B.", "riviere i senechal b", id="accents_spaces"),
        pytest.param("Straße", "strasse", id="sharp_s"),
        pytest.param("ﬁbrosis", "fibrosis", id="ligature_nfkc"),
        pytest.param("Kаrachunskiy", "karachunskiy", id="cyrillic_lookalike"),
        pytest.param("Лечение", "лечение", id="cyrillic_kept"),
        pytest.param("O\u00adBrien\u200b", "obrien", id="invisible"),
    ],
)
def test_fold_for_match(text: str, key: str) -> None:
    assert fold_for_match(text) == key


def test_strip_invisible_and_whitespace() -> None:
    assert strip_invisible("10.1038/ni\u00ad.2050\u200b\ufeff") == "10.1038/ni.2050"
    assert strip_invisible("a\u200c\u200d\u2060b") == "ab"
    assert normalize_whitespace("  a\u00a0\n b\t\u2009c  ") == "a b c"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Köhler", "kohler", id="umlaut"),
        pytest.param("Rivière", "riviere", id="grave"),
        pytest.param("Sénéchal", "senechal", id="acute"),
        pytest.param("O'Brien", "obrien", id="apostrophe"),
        pytest.param("Румянцев", "rumyantsev", id="cyrillic_transliterated"),
        pytest.param("Łukasz Ørsted", "lukaszorsted", id="stroke_letters"),
        pytest.param("Straße", "strasse", id="sharp_s"),
        pytest.param("Kаrachunskiy", "karachunskiy", id="lookalike"),
        pytest.param("李", "li", id="han_transliterated"),
        pytest.param("이찬희", "ichanhui", id="hangul_transliterated"),
        pytest.param("やまだ", "yamada", id="kana_transliterated"),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_slug_length_and_separator() -> None:
    assert slug("Karachunskiy Rumyantseva", max_len=10) == "karachunsk"
    assert slug("Immunotherapy of acute leukemia", max_len=25, sep="-") == "immunotherapy-of-acute"
    assert slug("Köhler Sénéchal", sep="-") == "kohler-senechal"  # accents never split a word


_mixed = st.text(
    alphabet=st.sampled_from(
        list("abcXYZ .,-'1")
        + list("АВЕКМНОРСТХаеорсухіјѕ")
        + list("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧονακβ")
        + list("лдж")
        + list("éöñ")
        + ["\u00ad", "\u200b", "\n"]
    ),
    max_size=40,
)


@given(_mixed)
def test_fold_homoglyphs_idempotent(text: str) -> None:
    once, _ = fold_homoglyphs(text)
    assert fold_homoglyphs(once) == (once, ())


@given(_mixed)
def test_fold_homoglyphs_swaps_account_for_changes(text: str) -> None:
    folded, swaps = fold_homoglyphs(text)
    assert len(folded) == len(text)
    changed = [(a, b) for a, b in zip(text, folded, strict=True) if a != b]
    assert changed == list(swaps)


@given(st.one_of(_mixed, st.text(max_size=60)))
def test_fold_for_match_idempotent(text: str) -> None:
    key = fold_for_match(text)
    assert fold_for_match(key) == key
    assert key == key.strip() and "  " not in key


@given(st.text(max_size=40))
def test_slug_is_ascii_lowercase(text: str) -> None:
    out = slug(text)
    assert out.isascii() and out == out.lower() and out.isalnum() | (out == "")


_TRAILER_PIECES = st.sampled_from(
    ["[PubMed]", "Google Scholar", "[CrossRef]", "PMC free article", "article", "Smith J.",
     "x", " ", ".", ";", "|", ",", "\u3000", "\u00a0", "\n"]
)  # fmt: skip


@given(st.lists(_TRAILER_PIECES, max_size=12).map("".join))
def test_strip_trailers_is_the_full_pattern_with_its_shortcut(text: str) -> None:
    # the shortcut (no trailer word at the end: return at once) must never change a result
    assert strip_trailers(text) == _TRAILER.sub("", text).rstrip()


def test_a_trailer_followed_by_marks_and_wide_spaces_is_dropped() -> None:
    assert strip_trailers("Nature. 2001;1:2. [PubMed] [Google Scholar]\u3000. ;|") == (
        "Nature. 2001;1:2."
    )


def test_a_url_keeps_the_brackets_it_opened_and_stops_at_a_glued_one() -> None:
    from allrefs.text import find_urls

    def urls(text: str) -> list[str]:
        return [text[a:b] for a, b in find_urls(text)]

    assert urls("Widget. https://en.wikipedia.org/wiki/Widget_(device). 2020.") == [
        "https://en.wikipedia.org/wiki/Widget_(device)"
    ]
    assert urls("(see https://widgets.org) and www.widgets.org/a.") == [
        "https://widgets.org",
        "www.widgets.org/a",
    ]
    assert urls("API. https://cloud.google.com/speech/.(accessed 2019-06-18)") == [
        "https://cloud.google.com/speech/"
    ]


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("nasopharyngeal carci- noma", "nasopharyngeal carcinoma"),
        ("Munoz- Valle JF", "Munoz-Valle JF"),
        ("COVID-19- related deaths", "COVID-19-related deaths"),
        ("pre- and postoperative", "pre- and postoperative"),
        ("short- or long-term", "short- or long-term"),
        ("doi: 10.5194/npg- 19-227-2012", "doi: 10.5194/npg- 19-227-2012"),
        ("1907- 2005", "1907-2005"),
        ("HER- 2/neu antigen", "HER-2/neu antigen"),
        ("plethysmogram map- 2007 In Proceedings", "plethysmogram map- 2007 In Proceedings"),
        ("www.lhc- ilc.physik.uni-bonn.de", "www.lhc-ilc.physik.uni-bonn.de"),
        # a single letter keeps its hyphen: no line is hyphenated after one letter
        ("human CD4+CD25hi T- regulatory cells", "human CD4+CD25hi T-regulatory cells"),
        ("(X- ray) and e- mail", "(X-ray) and e-mail"),
        ("turkey β- adrenoceptors", "turkey β-adrenoceptors"),
        # a cell marker's minus sign before the next marker
        ("expanded CD28- CD8+ T cells", "expanded CD28- CD8+ T cells"),
        # hyphens left hanging on purpose
        ("low- versus high-dose", "low- versus high-dose"),
        ("low- vs. high-dose", "low- vs. high-dose"),
        ("first- through third-grade", "first- through third-grade"),
        ("short- as well as long-term", "short- as well as long-term"),
    ],
)
def test_words_a_line_break_parted_after_a_hyphen_are_joined(text: str, joined: str) -> None:
    assert rejoin_broken_words(text) == joined
