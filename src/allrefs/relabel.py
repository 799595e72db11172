"""Repairs of the CRF's labels: patterns of how references are printed that a linear-chain
model, seeing two words either side of each word, gets wrong.

Each repair is a pure function of the tokens and their labels. It says in its docstring what it
reads, with the strings that showed it; it was kept only where it helped on references the model
never saw without costing elsewhere (docs/parser.md, "From labels to a Reference").
:func:`repair` runs them in order, each behind a cheap test of the labels or the text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

from allrefs.parse import DESCRIPTION_RE, expand_last_page, opening_organisation, title_cased
from allrefs.text import CASELESS_RE, HAN, HANGUL, HIRAGANA, KATAKANA
from allrefs.tokens import (
    CAPS_INITIALS_RE,
    CJK_EDITED_BY,
    COUNTER_FIELDS,
    COUNTER_RE,
    DOUBLE_QUOTES,
    EDITION_NUMBER,
    GBT_DOCUMENT_TYPES,
    HYPHENS,
    NAME_SUFFIXES,
    PARTICLES,
    PUBLISHER_NAMES,
    PUBLISHER_WORD_RE,
    RANGE_RE,
    REPOSITORY_TYPES,
    YEAR_RE,
    Token,
    is_apostrophe,
    is_word,
)


def repair(
    text: str,
    tokens: Sequence[Token],
    words: Sequence[int],
    tagged: Sequence[str],
    labels: list[str],
    given_names: frozenset[str],
    places: frozenset[str] = frozenset(),
    publisher_words: frozenset[str] = frozenset(),
) -> None:
    """Apply every repair to ``labels`` (one per token, punctuation filled in), in place.

    ``words`` are the indices of the word tokens, ``tagged`` the model's labels for them (what
    the guards test: a repair runs only where it can change something), ``given_names``,
    ``places`` and ``publisher_words`` the shipped word lists (lower case)."""
    found = frozenset(tagged)  # what the model found, for the guards below
    if "volume" in found and "journal" not in found and "container-title" not in found:
        _journal_from_title_tail(tokens, labels)
        if "journal" not in labels:
            _journal_glued_to_title(tokens, labels)
        if "journal" not in labels and "pages" in found and "publisher" not in found:
            _short_title_before_volume(tokens, labels)
    if "location" in found:
        _journal_place(tokens, words, labels)
    if "publisher" in found and "journal" in found and "volume" in found:
        _journal_publisher(words, labels)
    if "title" in found and ("author" in found or tagged[0] == "title"):
        _group_author_before_title(tokens, labels)
    if "editor" in found and "title" not in found:
        _title_before_editor_cue(tokens, labels)
    if "title" in found and ('"' in text or "“" in text or "«" in text):
        _quoted_title(tokens, labels)
    if "volume" not in found and "journal" in found:
        _volume_before_pages(tokens, words, labels)
    if "title" in found and "author" in found and ":" in text:
        _title_head_in_authors(tokens, labels, given_names)
    if "title" in found and ("In" in text or ", in" in text):
        _title_runs_into_in(tokens, labels)
    if "volume" in found and "journal" in found:
        _page_after_series_volume(tokens, labels)
    if tagged.count("pages") > 1:
        _number_before_page_range(tokens, words, labels)
    if "issue" in found and "volume" not in found and "journal" in found:
        _issue_without_volume(tokens, words, labels)
    if "volume" in found and ";" in text and "(" in text:
        _issue_without_volume_after_date(tokens, labels)
    if "title" in found and "editor" not in found and _has_editor_cue(text):
        _editor_cue_in_title(tokens, labels)
    if "title" in found and ("‘" in text or "``" in text or " '" in text):
        _single_quoted_title(tokens, labels)
    if "date" not in found:
        _year_without_date(tokens, words, labels)
    if "title" in found and "(" in text:
        _title_opening_in_brackets(tokens, labels)
    if (
        "author" in found
        and "editor" not in found
        and ("ed" in text or "Ed" in text or "Hrsg" in text or "Hg" in text or "dir" in text)
    ):
        _editors_first(tokens, labels)
    if "title" in found and "author" in found:
        _title_head_after_authors(tokens, labels)
        _vancouver_title_head(tokens, labels)
    elif "author" in found:  # the whole title may be in the authors
        _title_head_after_authors(tokens, labels)
    if "Meeting #" in text:
        _place_after_meeting_number(tokens, labels)
    if "note" in found and "resented" in text:
        _presentation_note(tokens, labels)
    if "title" in found and any(word in text.lower() for word in _THESIS_HINTS):
        _thesis_ending_title(tokens, labels)
    if "title" in found:
        _title_runs_into_next_sentence(tokens, labels)
        _report_number_ending_title(tokens, labels)
        low = text.lower()
        if any(name in low for name in _REPOSITORY_HINTS):
            _repository_ending_title(tokens, labels)
        if "rxiv" in low or "ssrn" in low or "preprints" in low:
            _preprint_server_ending_title(tokens, labels)
            if "rxiv" in low:
                _preprint_number(text, tokens, labels)
        if "[" in text:
            _description_after_title(tokens, labels)
    if _STANDARD_BODY_RE.search(text, 0, 24):
        _standard_designation(tokens, labels, text)
    if "publisher" in found and "author" not in found and "editor" not in found:
        _body_as_author(tokens, words, labels)
    if "author" not in found or "title" in found or "publisher" in found:
        _organisation_opening(text, tokens, labels)
    if "atent" in text and "volume" in found:
        _patent_number(tokens, labels)
    if "author" in found:
        _family_after_initials(tokens, labels)
    if "author" in found and "title" in found:
        _family_opening_title(tokens, labels, given_names)
        _family_glued_to_title(tokens, labels)
    if "author" in found and "editor" in labels:  # editors may come from _editors_first
        _editor_cue_read_as_author(tokens, words, labels)
    if "pages" in found and "volume" in found and "--" in text:
        _page_range_split_at_double_hyphen(tokens, labels)
    if "author" in found and len(tokens) > 4:
        _title_after_initials_first_authors(tokens, labels, given_names)
    if "author" in found and "journal" in found:
        _journal_head_in_authors(tokens, labels)
    if "title" in found and ("Ed" in text or "Trans" in text):
        _editor_after_title(tokens, labels)
    if tagged.count("date") > 1:
        _page_read_as_date(tokens, labels)
    if "Supp" in text or " Pt " in text:
        _supplement_after_volume(tokens, labels)
    if "volume" in found or "issue" in found:
        _day_before_month(tokens, labels)
        _day_after_month(tokens, labels)
    if "title" in found and "journal" not in found and "container-title" not in found:
        _publisher_ending_title(tokens, labels)
        if ":" in text and "volume" not in found:
            _imprint_read_as_title(tokens, labels, places, publisher_words)
    if "title" not in found and "author" in found and ("location" in found or "publisher" in found):
        _title_ending_authors(tokens, labels)
    if "pages" not in found and "(" in text:
        _page_range_in_brackets(tokens, labels)
    if "title" in found and ")" in text:
        _series_in_brackets_after_title(tokens, labels)
    if "pages" in found and "volume" not in found:
        _volume_ending_container(tokens, labels)
    if "journal" in found and "title" not in found:
        _title_opening_journal(tokens, labels)
    if "author" in found and "title" not in found and "." in text:
        _title_in_caseless_authors(tokens, labels)
    if not text.isascii() and CASELESS_RE.search(text):
        _caseless_names_joined_by_periods(tokens, labels)
        _caseless_authors_before_colon(tokens, labels, text)
        _title_in_caseless_comma_authors(tokens, labels)
        _caseless_journal_after_title(tokens, labels)
        _caseless_journal_ending_title(tokens, labels)
        _numbering_in_caseless_journal(tokens, labels)
        if "[" in text:
            _document_type_marker(tokens, labels)
        _caseless_journal_in_title(tokens, labels)
        if ":" in text:
            _caseless_imprint_ending_title(tokens, labels)
        _caseless_author_before_year(tokens, labels)
        if "author" in labels and any(mark in text for mark in CJK_EDITED_BY):
            _caseless_editors(tokens, labels)
        if "「" in text or "『" in text:
            _corner_brackets(tokens, labels)
        _caseless_counters(tokens, labels)
    if "title" in found and tagged.count("date") > 1:
        _year_opening_title(tokens, labels)
        _year_ending_title(tokens, labels)
    if "title" in found and ("journal" in found or "container-title" in found):
        _part_number_opening_journal(tokens, labels)
    if "title" in found and "journal" in found:
        _journal_head_in_title(tokens, labels)
        _title_tail_in_journal(tokens, labels)
    if "title" in found and "author" in found:
        _suffix_opening_title(tokens, labels)
        if " and " in text:
            _last_authors_opening_title(tokens, labels)
    if "volume" in found and "date" in found:
        _conference_year_as_volume(tokens, labels)
    if "volume" in found and "pages" not in found:
        _first_page_after_volume(tokens, words, labels)
    if "author" in found and "title" not in found and "container-title" not in found:
        _journal_read_as_author(tokens, words, labels, given_names)
    if "title" not in found and "journal" not in found:
        _one_word_author_then_title(tokens, labels)
    if "//" in text or _CYRILLIC_RE.search(text):
        _gost(tokens, labels, text)


def _period_before(tokens: Sequence[Token], start: int, end: int) -> bool:
    """A period among the tokens from ``start`` up to, not including, ``end``."""
    return any(tokens[i].text == "." for i in range(start, end))


def _initial_or_two(word: str) -> bool:
    """ "J", and a Russian letter transliterated in two, "Yu", "Kh", "Zh"."""
    return word.isalpha() and word[:1].isupper() and (len(word) == 1 or word[1:] in _TWO_LETTER)


#: the second letters of initials transliterated in two letters: "Yu", "Ya", "Kh", "Ch", "Sh",
#: "Zh", "Ts"
_TWO_LETTER = frozenset({"u", "a", "e", "o", "h", "s"})


def _journal_head_in_authors(tokens: Sequence[Token], labels: list[str]) -> None:
    """The first words of an abbreviated journal read as the authors', where names printed
    given name first run straight into the journal with no title between (physics' and
    chemistry's short form): "E. W. GARBISCH, JR. J. Org. Chem. 30, 2109 (1965)" gave the
    journal "Chem", "H. GOTH et H. SCHMIDT. Helv. Chim. Acta, 48, 1395" gave "Acta", "A.
    Kolmogoroff, C. R. Acad. Sci., 30, 301" gave "Acad. Sci.". In such a list a name ends at its
    comma or at "et"/"and"; a family name (a word after an initial) or a suffix followed by a
    period ends the list, and initials with no family name after them are no person: what
    follows, up to the journal, is the journal's."""
    run = _first_run(labels, "author")
    if run is None:
        return
    start, end = run
    if not (_initial_or_two(tokens[start].text) and tokens[min(start + 1, end)].text == "."):
        return  # names printed family name first: "Smith, J. R." ends in initials
    after = _next_word(tokens, end)
    if after is None or labels[after] != "journal":
        return
    head = None
    for k in range(start + 2, end):
        word = tokens[k].text
        if tokens[k + 1].text != "." or (not word.istitle() and not word.isupper()):
            continue
        if not word.isalpha() or _initial_or_two(word):
            continue
        family = _initial_or_two(tokens[k - 2].text) and tokens[k - 1].text == "."
        if family or word.lower() in NAME_SUFFIXES:
            head = k + 2  # "H. SCHMIDT." or ", JR.": the list's end
            break
    if head is None:  # "A. Kolmogoroff, C. R.": initials left over after a comma
        k, initials = end, 0
        while k > start and (
            tokens[k].text == "." or (_initial_or_two(tokens[k].text) and tokens[k + 1].text == ".")
        ):
            initials += tokens[k].text != "."
            k -= 1
        if not initials or tokens[k].text != "," or not tokens[k - 1].text.isalpha():
            return
        head = k + 1
    words = [tokens[k].text for k in range(head, end + 1) if is_word(tokens[k].text)]
    if (
        not words
        or any(len(w) > 1 and w.isupper() for w in words)
        or not all(w[:1].isupper() for w in words)
    ):
        return  # "UZAN": another author in capitals, not a journal's word
    for k in range(head, end + 1):
        labels[k] = "journal"


#: MLA's and Chicago's cues before the editors or translators after a book's title
_EDITOR_AFTER_TITLE_CUES = frozenset({"Ed", "Eds", "Trans", "Transl"})


def _editor_after_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """A book's editors or translators, printed MLA's way after its title, read as the
    title's last sentence: "Ghost Stories. Ed. Peter Washington. New York: Knopf, 2008" gave
    the title "Ghost Stories. Ed. Peter Washington". The cue ("Ed.", "Eds.", "Trans.") after
    the title's period and the names after it, up to their period, are the editors."""
    run = _first_run(labels, "title")
    if run is None:
        return
    start, end = run
    for i in range(start + 2, end):
        if not (
            tokens[i].text in _EDITOR_AFTER_TITLE_CUES
            and tokens[i - 1].text == "."
            and tokens[i + 1].text == "."
        ):
            continue
        stop = i + 2
        while stop <= end and not (tokens[stop].text == "." and len(tokens[stop - 1].text) > 1):
            stop += 1
        names = [tokens[k].text for k in range(i + 2, stop) if is_word(tokens[k].text)]
        if (
            not names
            or len(names) > 8
            or not all(n[:1].isupper() or n in ("and", "&", "de", "van", "von") for n in names)
        ):
            return
        labels[i - 1] = labels[i] = labels[i + 1] = "other"
        for k in range(i + 2, stop):
            labels[k] = "editor"
        return


def _first_run(labels: Sequence[str], label: str) -> tuple[int, int] | None:
    """The first and last token of the first run of ``label``, or None when there is none."""
    if label not in labels:
        return None
    start = end = labels.index(label)
    while end + 1 < len(labels) and labels[end + 1] == label:
        end += 1
    return start, end


def _next_word(tokens: Sequence[Token], i: int) -> int | None:
    """The index of the first word after token ``i``; None when no word follows."""
    for j in range(i + 1, len(tokens)):
        if is_word(tokens[j].text):
            return j
    return None


def _label_of_next_word(tokens: Sequence[Token], labels: Sequence[str], i: int) -> str | None:
    """The label of the first word after token ``i``; None when no word follows."""
    j = _next_word(tokens, i)
    return None if j is None else labels[j]


_SENTENCE_ENDS = frozenset(".?!")


def _ends_sentence(tokens: Sequence[Token], i: int, marks: frozenset[str] = _SENTENCE_ENDS) -> bool:
    """Token ``i`` is a mark that ends a sentence: after a word (not an initial), before a
    capital. The caller keeps ``i`` inside the string, with a token on each side."""
    return (
        tokens[i].text in marks
        and (len(tokens[i - 1].text) > 1 or tokens[i - 1].text in ")]")
        and tokens[i + 1].text[:1].isupper()
    )


_VOLUME_RE = re.compile(r"\d{1,4}[A-Za-z]?")


_NAME_BREAKS = frozenset({",", ";", ".", "&", "and"})


def _title_head_in_authors(
    tokens: Sequence[Token], labels: list[str], given: frozenset[str]
) -> None:
    """A title's head before its colon, that the model read as one more author, is the title's:
    "James Gleick, Chaos: Making a New Science", "Le, Q. V. Xlnet: Generalized autoregressive
    pretraining". The words after the authors' last break must be one to three, capitalised,
    with no initial and no given name among them: "Paliathanasis, A.: Group invariant ...",
    "Corrigan P: On the Stigma ...", "Adams MWW: Heterologous ..." and "Zhang F, et al:
    Induction of ..." keep their authors. ``given`` is the list of given names."""
    if "title" not in labels:  # an earlier repair made it the journal
        return
    start = labels.index("title")
    if start < 3 or tokens[start - 1].text != ":" or labels[start - 2] != "author":
        return
    head = start - 2
    while head > 0 and labels[head - 1] == "author" and tokens[head - 1].text not in _NAME_BREAKS:
        head -= 1
    if head == 0 or labels[head - 1] != "author" or start - 1 - head > 3:
        return
    for tok in tokens[head : start - 1]:
        word = tok.text
        if not word[:1].isupper() or len(word) == 1 or (word.isupper() and len(word) <= 4):
            return  # "et al:", "Paliathanasis, A.:", "Corrigan P:", "Adams MWW:"
        if word.lower() in given:
            return
    for j in range(head, start):
        labels[j] = "title"
    labels[head - 1] = "other"


def _title_runs_into_in(tokens: Sequence[Token], labels: list[str]) -> None:
    """A title holds no sentence that opens with "In", nor "In" or "in Proceedings" after a
    comma: that is where the book or the proceedings it appeared in begins ("Microlocal
    analysis of ... estimates. In Inverse problems and applications", "Orden Mesostigmata.
    In: A Manual of Acarology", "Unfolding algorithms ..., in Proceedings, PHYSTAT 2011").
    No title of the training split does."""
    for i in range(1, len(tokens) - 2):
        word, after = tokens[i].text, tokens[i + 1].text
        if word not in ("In", "in") or labels[i] != "title" or labels[i - 1] != "title":
            continue
        if word == "In" and _ends_sentence(tokens, i - 1):
            starts = after[:1].isalnum() or after == ":"
        elif tokens[i - 1].text == ",":
            starts = (word == "In" and after[:1].isupper()) or after.lower().startswith("proc")
        else:
            starts = False
        if starts:
            labels[i - 1] = labels[i] = "other"
            j = i + 1
            if after == ":":
                labels[j] = "other"
                j += 1
            while j < len(labels) and labels[j] == "title":
                labels[j] = "container-title"
                j += 1
            while j < len(labels) and labels[j] == "other" and not is_word(tokens[j].text):
                j += 1
            while j < len(labels) and labels[j] == "journal":  # the rest of the book's name
                labels[j] = "container-title"
                j += 1
            return


def _volume_before_pages(tokens: Sequence[Token], words: Sequence[int], labels: list[str]) -> None:
    """A journal article with pages and no volume: the number printed before the pages, that
    the model took for a second year or a first page, is the volume ("Biochim Biophys Acta
    2002, 1553:140-157", "J Infect Dis 2008, 197(Suppl 3):S272-278")."""
    pages = [i for i in words if labels[i] == "pages"]
    if not pages:
        return
    years = 0
    year_seen = False  # the date's first year is the year: "New York Times. March 3, 2020:A1"
    for i in words:
        if i >= pages[-1]:
            return
        label = labels[i]
        years += label == "date"
        a_year = label == "date" and YEAR_RE.fullmatch(tokens[i].text) is not None
        if (
            (label == "pages" or (label == "date" and years > 1 and (year_seen or not a_year)))
            and _VOLUME_RE.fullmatch(tokens[i].text)
            and i + 1 < len(tokens)
            and tokens[i + 1].text in (":", "(")
        ):
            labels[i] = "volume"
            return
        year_seen = year_seen or a_year


_SERIES_VOLUME_RE = re.compile(r"[A-Z]\d{1,4}")


def _page_after_series_volume(tokens: Sequence[Token], labels: list[str]) -> None:
    """Physics journals print the series letter and the volume as one word, kept in the
    journal's name ("Phys. Lett. B679", as GROBID's corpus labels them): the number after it
    is the first page, not the volume ("Phys. Lett. B679, 467 (2009)", "Eur. Phys. J. C57,
    557 (2008)")."""
    if "volume" not in labels:
        return
    current = labels.index("volume")
    previous = current - 1
    while previous > 0 and tokens[previous].text == ",":
        previous -= 1
    if (
        previous >= 0
        and labels[previous] == "journal"
        and tokens[current].text.isdigit()
        and _SERIES_VOLUME_RE.fullmatch(tokens[previous].text)
    ):
        labels[current] = "pages"


def _number_before_page_range(
    tokens: Sequence[Token], words: Sequence[int], labels: list[str]
) -> None:
    """Two separate stretches read as pages, the first a lone number and a later one a range:
    the range is the pages, the lone number the volume (or the issue, after a volume):
    "Fuzzy Sets and Systems, 161 (2010), 1325-1342", "Lisp and Symbolic Computation 8, 4
    (Dec. 1995), 343-356". A first stretch that is a range of years before a page range is
    part of the field before it ("Epidemiologic analysis of human tularemia, United States,
    1964–2004. Emerg Infect Dis 2006;12:1113–1118"), unless a colon puts it after a volume
    ("Cancer Immunol Immunother 59:1593-1600. doi: 0855-8")."""
    runs: list[list[int]] = []
    for i in words:
        if labels[i] != "pages":
            continue
        if runs and all(not is_word(t.text) for t in tokens[runs[-1][-1] + 1 : i]):
            runs[-1].append(i)
        else:
            runs.append([i])
    if len(runs) < 2:
        return
    first = runs[0]
    later = [tokens[i].text for run in runs[1:] for i in run]
    word = tokens[first[0]].text
    if not any(RANGE_RE.fullmatch(w) for w in later):
        # a range of years before a lone page: "Henry James, The Europeans, in Novels, 1871–1880
        # (New York: Library of America, 1983), 886"
        if (
            len(first) == 1
            and first[0] > 0
            and _is_year_range(word)
            and tokens[first[0] - 1].text != ":"
        ):
            _year_range_to_field_before(labels, first[0])
        return
    if len(first) == 1 and word.isdigit():
        if "volume" not in labels:
            labels[first[0]] = "volume"
        elif "volume" in labels[: first[0]]:
            labels[first[0]] = "issue"
    elif (
        len(first) == 1
        and first[0] > 0
        and _is_year_range(word)
        and tokens[first[0] - 1].text != ":"  # pages after a volume: "59:1593-1600"
    ):
        _year_range_to_field_before(labels, first[0])
    elif len(first) == 1 and "volume" not in labels and _is_volume_issue(word):
        labels[first[0]] = "volume"


def _numbers_of_range(word: str) -> tuple[int, int] | None:
    """The two numbers of "658-677" or "1541-52" (the second written out: 1552), else None."""
    ends = re.split(f"[{HYPHENS}]+", word)
    if len(ends) != 2 or not all(e.isdigit() for e in ends):
        return None
    return int(ends[0]), int(expand_last_page(ends[0], ends[1]))


def _is_volume_issue(word: str) -> bool:
    """``word`` is a volume and its issue joined by a hyphen, as French journals print them: a
    "range" that runs backwards ("45-3" before "p. 658-677", "vol 79-3")."""
    numbers = _numbers_of_range(word)
    return numbers is not None and numbers[1] < numbers[0]


def _is_year_range(word: str) -> bool:
    """``word`` is a range of two years: "1964–2004"."""
    return RANGE_RE.fullmatch(word) is not None and all(
        YEAR_RE.fullmatch(e) for e in re.split(f"[{HYPHENS}]+", word)
    )


def _year_range_to_field_before(labels: list[str], i: int) -> None:
    """The range of years at ``i`` is part of the title-like field before it, or a note."""
    before = labels[i - 1] if i > 0 else "other"
    if before == "other" and i > 1 and labels[i - 2] in _LONG_FIELDS:
        before = labels[i - 2]
    labels[i] = before if before in _LONG_FIELDS else "note"


def _issue_without_volume(tokens: Sequence[Token], words: Sequence[int], labels: list[str]) -> None:
    """A journal's one number, printed as an issue with no volume anywhere, is its volume:
    "Alternatives économiques (334), pp. 40-41", "Journal of Marketing, No.54 (April)". Not
    after a journal whose name ends in a number ("Phys. Rev. C92 no. 5", "Computation5 (4)"),
    where the volume is printed inside the name."""
    for previous, current in itertools.pairwise(words):
        if labels[current] != "issue":
            continue
        between = {t.text.lower() for t in tokens[previous + 1 : current]}
        if (
            labels[previous] in ("journal", "other")
            and between <= {"(", ",", ".", "no", "nr", "n", "°", "nº"}
            and tokens[current].text.isdigit()
        ):
            j = previous
            while j >= 0 and labels[j] != "journal":
                if is_word(tokens[j].text) and tokens[j].text.lower() not in ("no", "nr", "n"):
                    return
                j -= 1
            if j >= 0 and not tokens[j].text[-1].isdigit():
                labels[current] = "volume"
        return


def _has_editor_cue(text: str) -> bool:
    """A cheap test for :func:`_editor_cue_in_title`: "... by", "trans." and the like."""
    return "ed by" in text or "rans" in text or "rad" in text or "bersetzt" in text


#: a sentence or clause of a title that opens with these names the book's editor or translator
_TITLE_EDITOR_CUES = frozenset(
    {"edited", "translated", "trans", "traduction", "traduit", "übersetzt", "ubersetzt"}
)


def _editor_cue_in_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """A title ends where "Edited by", "Translated by", "trans.", "Traduction de" or "Übersetzt
    von" opens a sentence or a clause after it: the names after them are the editor's
    ("Invisible Cities. Translated by William Weaver. San Diego", "Die Wahlverwandtschaften.
    Edited by Franz Muncker.", "Mein Kampf, trans. James Vincent Murphy (London"). Only the
    first such word of the string is looked at."""
    for i in range(2, len(tokens) - 1):
        word = tokens[i].text
        if (
            labels[i] == "title"
            and word.lower() in _TITLE_EDITOR_CUES
            and tokens[i - 1].text in ".,"
            and labels[i - 2] == "title"
            and (word[0].isupper() or tokens[i - 1].text == ",")
        ):
            after = tokens[i + 1].text
            if after in ("by", "de", "par", "von") or (after == "." and word.lower() == "trans"):
                labels[i - 1] = "other"
                j = i
                while j < len(labels) and labels[j] == "title":
                    labels[j] = "editor"
                    j += 1
            return


_LONE_YEAR_RE = re.compile(r"(?:1[6-9]|20)\d\d[a-e]?")


def _year_without_date(tokens: Sequence[Token], words: Sequence[int], labels: list[str]) -> None:
    """A reference with no date found still prints its year: the last year standing alone
    (not glued by "." or "/" into an identifier such as "arXiv:2001.09977") is the date,
    whatever the model called it: "ArXiv, abs/1906.00591, 2019.", "eLife. 2013;2:e00458",
    "Honkela T. Websom - self-organizing maps of document collections 1997 Neurocomputing".
    Inside a title it must end the title or open a new capitalised part ("... 2016 dataset
    using ..." stays the title's)."""
    for i in reversed(words):
        tok = tokens[i]
        if not _LONE_YEAR_RE.fullmatch(tok.text):
            continue
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if (before is not None and before.end == tok.start and before.text in "./:-") or (
            after is not None
            and after.start == tok.end
            and after.text in "./-"
            and i + 2 < len(tokens)
            and tokens[i + 2].text[:1].isdigit()
        ):
            continue  # part of an identifier or a range
        if labels[i] == "volume" or (
            labels[i] == "title" and after is not None and after.text[:1].islower()
        ):
            return  # "Nat Rev Genet. 2000;(3):218-226": AnyStyle's gold calls it the volume
        labels[i] = "date"
        return


#: with German's "Hrsg" and "Hg" (Herausgeber) and French's "dir" (sous la direction de)
_LEADING_EDITOR_CUES = frozenset(
    {"ed", "eds", "Eds", "editor", "editors", "Editors", "Editor", "Hrsg", "Hg", "dir"}
)


def _editors_first(tokens: Sequence[Token], labels: list[str]) -> None:
    """Names that open a reference and are followed by "(ed.)", ", eds." or "(editors)" are
    the editors of a book with no author: "Bird, Jon, Barry Curtis, ..., eds. Mapping the
    Futures", "M. C. Ferris and J.-S. Pang (editors). Complementarity and ...". An
    edition ("Haykin, Communication Systems, 3rd Ed.") and Vancouver initials ("Saad ED")
    are not cues: the cue follows a comma or an opening bracket."""
    if "author" not in labels:
        return
    start = labels.index("author")
    end = start
    while end + 1 < len(labels) and labels[end + 1] in ("author", "other"):
        end += 1
        if labels[end] == "other" and is_word(tokens[end].text):
            break
    for i in range(start + 2, min(end + 2, len(tokens))):
        if tokens[i].text in _LEADING_EDITOR_CUES and tokens[i - 1].text in ",(":
            if i + 1 < len(tokens) and tokens[i + 1].text not in ".)":
                return
            for j in range(start, i - 1):
                if labels[j] == "author":
                    labels[j] = "editor"
            return


def _title_head_after_authors(tokens: Sequence[Token], labels: list[str]) -> None:
    """The authors end at their last period: the one to three words the model ran on after it
    open the title, when the title follows (no period after them). Which periods end the
    list depends on how the names are printed:

    - Vancouver ("Family INITIALS", commas between, no dots): the first period. "Warren G,
      Barr F. GRASP55, a second mammalian GRASP protein", "Morrison R, Bradshaw R. Basic FGF
      supports ...", "Gutstein WH. Vasopasm, vascular injury". One initial after a single
      author ("Lisa F. Rau") may be a middle initial, so a one-letter last person needs a
      Vancouver person before it.
    - "Family, I." (the list opens with a family name and a comma): the period after the
      last person's initials. "Ito, T., Onoda, T. Finding “weak-ties” via ...",
      "Blodgett, S. L., ..., and Wallach, H. Language (technology) is power".
    - a period after a whole name or "et al": "Rainsford, Dominic. Authorship, ethics and the
      reader", "Sun Microsystems. Java (tm): Programming", "... Reinartz M, et al.
      Endothelial NOS (NOS3) impairs".

    Not when the words after the period open with a bracket ("Davidson, J. (Director)."), an
    initial or a suffix ("Camargo, C. A. Jr, A conceptual model"), or hold "and" or a group's
    word ("Smith AB. ABC Study Group, ..."); and words followed by a period ("Lisa F. Rau.")
    are a name."""
    run = _first_run(labels, "author")
    if run is None:  # an earlier repair made them editors
        return
    start, end = run
    if not _period_before(tokens, start, end):
        return  # no period inside the run (most author lists)
    dot = _vancouver_end(tokens, start, end)
    if dot is None:
        dot = next((i for i in range(end - 1, start + 1, -1) if tokens[i].text == "."), None)
        if dot is None or not _name_ends_at(tokens, start, dot):
            return
    if dot == end or end + 1 >= len(tokens):
        return
    # after a Vancouver or "Family, I." list, whose every name ends in initials, words closed by
    # a period are no name either: the whole title, when the model found none ("Smith, J. A.;
    # Jones, B. C. Catalytic Widgets. J. Am. Chem. Soc. 2020", ACS)
    whole_title = "title" not in labels and _is_caps_initials(tokens[dot - 1].text)
    if tokens[end + 1].text == "." and not whole_title:
        return
    rest = [t.text for t in tokens[dot + 1 : end + 1]]
    words = [w for w in rest if is_word(w)]
    if (
        not is_word(rest[0])
        or not (rest[0][0].isupper() or rest[0][0].isdigit())
        or len(words) > 3
        or (len(rest[0]) == 1 and rest[0].isupper())
        or any(w.lower() in ("and", "et", "al", "&") or w.lower() in _GROUP_END for w in words)
        or rest[0].lower() in NAME_SUFFIXES  # "Camargo, C. A. Jr, A conceptual model"
    ):
        return
    if _label_of_next_word(tokens, labels, end) not in (None, "title") and not (
        whole_title and tokens[end + 1].text == "."
    ):
        return
    for j in range(dot + 1, end + 1):
        labels[j] = "title"
    labels[dot] = "other"
    second = next((j for j in range(dot + 1, end) if tokens[j].text == "."), None)
    if whole_title and second is not None and "journal" not in labels:
        # "Smith AB, Jones CD. Widgets. The Guardian. March 3, 2020": the next sentence is
        # where the title appeared, or who published it ("Widgets. Widget Press. 2019.")
        where = " ".join(tokens[j].text for j in range(second + 1, end + 1))
        field = "publisher" if PUBLISHER_WORD_RE.search(where) else "journal"
        labels[second] = "other"
        for j in range(second + 1, end + 1):
            labels[j] = field


def _is_caps_initials(word: str) -> bool:
    return bool(CAPS_INITIALS_RE.fullmatch(word)) and len(word) <= 3


def _vancouver_end(tokens: Sequence[Token], start: int, end: int) -> int | None:
    """The first period of an author run printed the Vancouver way, if it is one."""
    dot = next((i for i in range(start, end + 1) if tokens[i].text == "."), None)
    if dot is None or dot - 2 < start:
        return None
    initials, family = tokens[dot - 1].text, tokens[dot - 2].text
    if not _is_caps_initials(initials) or not family[:1].isupper() or _is_caps_initials(family):
        return None
    if len(initials) == 1 and not (
        dot - 5 >= start
        and tokens[dot - 3].text == ","
        and _is_caps_initials(tokens[dot - 4].text)
        and not _is_caps_initials(tokens[dot - 5].text)
    ):
        return None
    return dot


def _name_ends_at(tokens: Sequence[Token], start: int, dot: int) -> bool:
    """The period at ``dot`` closes a name: a whole name or "et al" before it, or the initials
    of a "Family, I." list (one that opens with a family name and a comma)."""
    before = tokens[dot - 1].text
    if before == "al" and tokens[dot - 2].text == "et":
        return True
    if before.isalpha() and len(before) >= 3 and before[-1].islower():
        return True
    if not _is_caps_initials(before):
        return False
    if _is_caps_initials(tokens[start].text) or tokens[start + 1].text != ",":
        return False
    j = dot - 1
    while j - 1 > start and (_is_caps_initials(tokens[j - 1].text) or tokens[j - 1].text in ".-"):
        j -= 1
    return (
        tokens[j - 1].text == ","
        and tokens[j - 2].text[:1].isupper()
        and not _is_caps_initials(tokens[j - 2].text)
    )


#: a sentence that opens with these words (and the next, when given) is no part of a title
_NEXT_PART_OPENERS = {
    "Proceedings": ("container-title", None),
    "Proc": ("container-title", None),
    "Paper": ("container-title", "presented"),
    "Abstract": ("container-title", "presented"),
    "Poster": ("container-title", "presented"),
    "Presented": ("container-title", None),
    "Technical": ("genre", "report"),
    "Journal": ("journal", "of"),
    "Published": ("note", None),
    "Retrieved": ("note", None),
    "Available": ("note", None),
    "Invited": ("note", None),
    "Preprint": ("genre", None),
    "Manuscript": ("genre", None),
    "Dissertation": ("note", "abstracts"),
}


def _title_runs_into_next_sentence(tokens: Sequence[Token], labels: list[str]) -> None:
    """A title ends before a sentence that opens the next part of the reference: the
    proceedings ("Learning representative exemplars of concepts: An initial case study.
    Proceedings of the Fourth International Workshop ..."), where it was presented ("...
    du traumatisme. Paper presented at Journée ..."), a technical report ("... worst-case
    execution analyser. Technical Report ..."), a journal ("... Journal of ...") or a note
    ("Stable Money. Published 1935 in Britain ..."). The proceedings also after a comma, as
    "Proceedings of" or "Proc.": "Finding Lines of Sight, Proceedings of the 4th ACM Workshop
    on Advances in GIS", "Instruction Scheduling for RISCs, Proc. Fourth International Conf.".
    Else the title's last piece may name the meeting (:func:`_conference_ending_title`)."""
    run = _first_run(labels, "title")
    if run is None:  # an earlier repair took its only word ("1984" became the date)
        return
    start, end = run
    for i in range(start + 1, end - 1):
        if tokens[i].text == "," and tokens[i + 1].text in ("Proceedings", "Proc"):
            if tokens[i + 2].text not in ("of", "."):
                continue  # after a comma: "Proceedings of", "Proc."
        elif tokens[i].text != "." or not _ends_sentence(tokens, i):
            continue
        opener = _NEXT_PART_OPENERS.get(tokens[i + 1].text)
        if opener is None or (opener[1] and tokens[i + 2].text.lower() != opener[1]):
            continue
        labels[i] = "other"
        for j in range(i + 1, end + 1):
            labels[j] = opener[0]
        return
    _conference_ending_title(tokens, labels, start, end)


def _place_after_meeting_number(tokens: Sequence[Token], labels: list[str]) -> None:
    """A numbered meeting's name ends at its number: the capitalised words after "Meeting #33"
    in the same title or container, before the date, are where it was held ("3GPP TSG RAN WG1
    Meeting #96 Athens, Greece, Feb. 2019", "Meeting #126 Bruges, Belgium 19-23 August
    2019"). A suffix glued to the number stays with it ("Meeting #74-bis")."""
    for i in range(len(tokens) - 3):
        if tokens[i].text != "Meeting" or tokens[i + 1].text != "#":
            continue
        label = labels[i]
        number = i + 2
        if label not in ("title", "container-title") or not tokens[number].text[:1].isdigit():
            return
        if labels[i + 1] != label or labels[number] != label:
            return
        end = number + 1
        while end < len(tokens) and labels[end] == label:
            end += 1
        place = number + 1
        if place < end and tokens[place].text == ",":
            place += 1
        piece = [t.text for t in tokens[place:end]]
        if not piece or not piece[0][:1].isupper() or len(piece[0]) < 2:
            return
        if any(is_word(w) and not w[0].isupper() for w in piece):
            return
        if "date" in labels[end:] and "location" in labels[labels.index("date", end) :]:
            return  # the place comes after the date: "Meeting #125 Ad-hoc, June 2019, Sapporo"
        for j in range(number + 1, end):
            labels[j] = "location" if j >= place else "other"
        while end > place and not is_word(tokens[end - 1].text):
            end -= 1
            labels[end] = "other"
        return


_PART_NUMBERS = frozenset("I II III IV V VI VII VIII IX X".split())


def _part_number_opening_journal(tokens: Sequence[Token], labels: list[str]) -> None:
    """A part's number after a title's period is the title's, not the head of the journal
    that follows: "Fourier integral operators. I. Acta Mathematica, 127", "Quantum inverse
    problem. I, Theor. Math. Phys. 40". Roman numbers one to ten, then a period or a comma;
    with the part's own title when it comes before the journal ("... in vitro. I. Postsynaptic
    potentials. Developmental Brain Research")."""
    title = _first_run(labels, "title")
    if title is None:
        return
    end = title[1]
    number = end + 1
    while number < len(tokens) and tokens[number].text == "." and labels[number] == "other":
        number += 1
    if number == end + 1 or number + 2 >= len(tokens):
        return  # no period between: "Widget theory I" was read whole
    if tokens[number].text not in _PART_NUMBERS or tokens[number + 1].text not in ".,":
        return
    if labels[number] not in ("journal", "container-title") or labels[number + 2] != labels[number]:
        return
    for j in range(end + 1, number + 1):
        labels[j] = "title"
    labels[number + 1] = "other"
    if tokens[number + 1].text != ".":
        return
    # the part's own title, a sentence of two words or more before the journal's name: "in
    # vitro. I. Postsynaptic potentials. Developmental Brain Research, 19"
    label = labels[number + 2]
    j = number + 2
    while j + 1 < len(tokens) and labels[j] == label and tokens[j].text != ".":
        j += 1
    words = [t.text for t in tokens[number + 2 : j] if is_word(t.text)]
    if (
        j + 1 < len(tokens)
        and labels[j + 1] == label
        and len(words) >= 2
        and words[-1].isalpha()
        and words[-1].islower()
        and _ends_sentence(tokens, j)
    ):
        labels[number + 1 : j] = ["title"] * (j - number - 1)
        labels[j] = "other"


def _page_read_as_date(tokens: Sequence[Token], labels: list[str]) -> None:
    """A page number that looks like a year, read as the date: the end of a page range ("pp.
    1651 -1654, Jan1993", "pp. 1800-1803, Mar 1998"), or a number before the year in brackets
    where no page was found ("J. Chem. Soc. 1656 (1937)", "Zh. Fiz. Khim. 78, 1621 (2004)")."""
    # a book's reprint prints the first edition's year in brackets after its own: "Cambridge
    # University Press, 1998 (1781)"; a journal before and no publisher say it is a page
    in_journal = False
    for i, tok in enumerate(tokens):
        if labels[i] in ("journal", "container-title"):
            in_journal = True
        elif labels[i] == "publisher":
            in_journal = False
        if labels[i] != "date" or not tok.text.isdigit() or not 3 <= len(tok.text) <= 5:
            continue
        if i >= 2 and tokens[i - 1].text in _HYPHEN_TOKENS and labels[i - 2] == "pages":
            labels[i - 1] = labels[i] = "pages"
            continue
        if (
            "pages" not in labels
            and in_journal
            and i + 3 < len(tokens)
            and tokens[i + 1].text == "("
            and YEAR_RE.fullmatch(tokens[i + 2].text)
            and tokens[i + 3].text == ")"
            and labels[i + 2] == "date"
            and (i == 0 or labels[i - 1] != "date")
            and not (i > 0 and tokens[i - 1].text.isupper() and len(tokens[i - 1].text) > 2)
            and (i + 4 == len(tokens) or not tokens[i + 4].text.isdigit())
        ):  # not a meeting's year, with its page after the brackets: "PoS LATTICE 2014 (2015) 342"
            labels[i] = "pages"
            labels[i + 1] = "other"


def _one_word_author_then_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """A web page's site or a work's one-word author, then its title, a sentence each: the
    model, finding no title, read both as the author ("Wikipedia. Widget. https://...",
    "GitHub. Copilot. https://...", "OpenAI. ChatGPT. https://..."); a person is never one
    word and a period, so the second sentence is the title ("Aristotle. Nicomachean Ethics.").
    Only when no title was found and neither sentence was read as anything but author."""
    first = 0
    while first < len(tokens) and (
        labels[first] == "citation-number" or not is_word(tokens[first].text)
    ):
        first += 1
    if first + 3 >= len(tokens) or "title" in labels:
        return
    word = tokens[first].text
    if not (word[:1].isupper() and len(word) >= 3 and word.isalpha()):
        return
    if tokens[first + 1].text != "." or not tokens[first + 2].text[:1].isupper():
        return
    end = first + 2
    while end < len(tokens) and tokens[end].text != "." and labels[end] in ("author", "other"):
        end += 1
    if end >= len(tokens) or tokens[end].text != ".":
        return  # the sentence ran into another field
    if labels[first] not in ("author", "other") or any(
        labels[j] not in ("author", "other") for j in range(first + 2, end)
    ):
        return
    sentence = [tokens[j].text for j in range(first + 2, end) if is_word(tokens[j].text)]
    if not sentence or (len(sentence) == 1 and len(sentence[0]) < 2):
        return  # an initial: "Smith. J. 1990.", "Einstein. A. (1905)."
    labels[first] = "author"
    labels[first + 1] = "other"
    for j in range(first + 2, end):
        labels[j] = "title"


def _year_ending_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """A year after a comma at a title's end is the title's when the journal's own date
    follows in Vancouver's place: "Update: trends in AIDS incidence—United States, 1996. Morb
    Mortal Wkly Rep 1997;46:661-7" (MMWR's titles end with a place and a year)."""
    for i in range(2, len(tokens) - 2):
        if labels[i] != "date" or not YEAR_RE.fullmatch(tokens[i].text):
            continue
        if tokens[i - 1].text != "," or labels[i - 2] != "title" or tokens[i + 1].text != ".":
            return
        if labels[i + 2] not in ("journal", "container-title"):
            return
        later = next(
            (
                j
                for j in range(i + 3, len(tokens) - 1)
                if labels[j] == "date" and YEAR_RE.fullmatch(tokens[j].text)
            ),
            None,
        )
        if later is not None and tokens[later + 1].text == ";":
            labels[i - 1] = labels[i] = "title"
        return


def _presentation_note(tokens: Sequence[Token], labels: list[str]) -> None:
    """Where a paper, poster or abstract was presented is the meeting, the container, not a
    note: "Widgets in adults. Poster presented at: 12th World Widget Congress; May 2019;
    Paris, France" (AMA)."""
    run = _first_run(labels, "note")
    if run is None:
        return
    start, end = run
    words = [tokens[j].text.lower() for j in range(start, min(end + 1, start + 3))]
    if words[:1] == ["presented"] or (
        words[1:2] == ["presented"] and words[0] in ("paper", "poster", "abstract")
    ):
        # the meeting may follow as the container already: then the words are only its cue
        j = end + 1
        while j < len(tokens) and (not is_word(tokens[j].text) or tokens[j].text == "at"):
            j += 1
        label = "other" if j < len(tokens) and labels[j] == "container-title" else "container-title"
        labels[start : end + 1] = [label] * (end + 1 - start)


_PREPRINT_ID_RE = re.compile(r"20\d\d\.\d\d\.\d\d\.\d{5,8}(?:v\d+)?")


def _preprint_number(text: str, tokens: Sequence[Token], labels: list[str]) -> None:
    """bioRxiv's and medRxiv's number after the server's name is no volume and page:
    "bioRxiv 2020.03.03.123456 [Preprint]" had volume 03 and page 123456. It opens with the
    day it was posted, whose year is the date's."""
    for m in _PREPRINT_ID_RE.finditer(text):
        for j, tok in enumerate(tokens):
            if tok.start >= m.start() and tok.end <= m.end():
                labels[j] = "date" if tok.start == m.start() else "identifier"


def _last_piece(tokens: Sequence[Token], start: int, end: int) -> int | None:
    """The comma or the sentence's period that opens the last piece of the title ``start`` to
    ``end``, when three words or more come before it; None when there is none. A period after
    a short word ends an abbreviation, not a sentence ("Proc. 3rd Nestor Int. Workshop")."""
    for i in range(end - 1, start, -1):
        if tokens[i].text == ",":
            break
        if tokens[i].text == "." and _ends_sentence(tokens, i):
            last = tokens[i - 1].text
            if len(last) < 5 and last not in ")]" and not (last.islower() and len(last) >= 3):
                return None
            break
    else:
        return None
    if sum(1 for t in tokens[start:i] if is_word(t.text)) < 3:
        return None
    return i


#: the words that name a meeting, and the lower-case words its name holds between capitals
_MEETINGS = frozenset({"Conference", "Workshop", "Symposium", "Congress", "Meeting", "Proceedings"})
_MEETING_JOINERS = frozenset({"of", "on", "for", "and", "in", "the", "'", "-"})


def _conference_ending_title(
    tokens: Sequence[Token], labels: list[str], start: int, end: int
) -> None:
    """A title does not end in the name of the meeting it was given at: the last piece of the
    title ``start`` to ``end``, after a comma or a sentence, that names a conference, workshop,
    symposium, congress, meeting or proceedings in capitalised words is the container ("...
    full score recognition system, International Computer Music Conference 187-94", "... task
    analyses, INTERACT 90 Proceedings, August 1990", "... Surface Patches. SIGGRAPH
    Proceedings 1990", "... floating-point numbers accurately. ACM SIGPLAN '90 Conference on
    Programming Language Design"). No lower-case word in it but "of", "on", "the", ...: not
    "Including the Papers of a Conference Organized by ...", "Poster session presented at"."""
    last = tokens[end].text
    if last[:1].islower() and last not in _MEETING_JOINERS:
        return  # a sentence-case title's last word (most titles): no meeting's name
    brk = _last_piece(tokens, start, end)
    if brk is None:
        return
    piece = [t.text for t in tokens[brk + 1 : end + 1]]
    if not piece[0][:1].isupper() or not any(w in _MEETINGS for w in piece):
        return
    if any(w[:1].islower() and w not in _MEETING_JOINERS for w in piece):
        return
    labels[brk] = "other"
    for j in range(brk + 1, end + 1):
        labels[j] = "container-title"


#: a report number's part joined by hyphens or slashes: "2017-029", "TDR-19-ADD-1", "3-200-01"
_CODE_RE = re.compile(r"[A-Z0-9]+(?:[-/][A-Z0-9]+)+")


def _is_code(word: str) -> bool:
    """A report number's part: capitals and digits, "CONF", "1069", "CMS-DP-2017-002"."""
    return (word.isalnum() and word.upper() == word) or bool(_CODE_RE.fullmatch(word))


def _report_number_ending_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """A title does not end in a report number: its last piece, after a comma or a sentence,
    made of codes in capitals and digits, is the number ("... using pp collisions at √ s=
    13TeV , ATLAS -CONF -2017-029", "Condor Technical Summary. TR 1069, Computer Sciences
    Dept.", "... Associated Ground Motions. EC 1110-2-6000. Washington"). The piece holds a
    word of two capitals or more and a digit, and two words or a hyphenated code: one word is
    a protein's or a strain's name ("... heterochromatin-binding protein 1, HP1")."""
    run = _first_run(labels, "title")
    if run is None:
        return
    start, end = run
    if not _is_code(tokens[end].text) and tokens[end].text not in HYPHENS:
        return  # the title's last word is no code (most titles)
    brk = _last_piece(tokens, start, end)
    if brk is None:
        return
    piece = [t.text for t in tokens[brk + 1 : end + 1]]
    if not all(_is_code(w) or w in HYPHENS for w in piece):
        return
    if not any(c.isdigit() for w in piece for c in w):
        return
    if not any(sum(1 for c in w if c.isupper()) >= 2 for w in piece):
        return
    if len(piece) < 2 and not _CODE_RE.fullmatch(piece[0]):
        return
    labels[brk] = "other"
    for j in range(brk + 1, end + 1):
        labels[j] = "identifier"


#: the bodies that issue standards, as a reference's first words name them
_STANDARD_BODY_RE = re.compile(r"3GPP|ETSI|ISO|IEC|ITU|IEEE|ANSI|ASTM|DIN|BS|NIST|RFC|JIS|GB/T")
#: a standard's designation as references open with it: the body, the kind of document, the
#: number ("3GPP TS 23.501", "ISO/IEC 23009-1:2014", "ITU-T P.1203", "IEEE Std 802.11-2016",
#: "ETSI EN 300 328", "RFC 7231", "ASTM D638-14", "DIN EN ISO 9001")
STANDARD_RE = re.compile(
    r"(?:Recommendation\s+)?"
    r"(?:3GPP|ETSI|ISO(?:/IEC)?|IEC|ITU-[TR]|IEEE\s+Std\.?|ANSI(?:/[A-Z]+)?|ASTM|"
    r"DIN(?:\s+EN)?(?:\s+ISO)?|BS(?:\s+EN)?|NIST\s+SP|(?:IETF\s+)?RFC|JIS|GB/T)"
    r"\s*(?:(?:TS|TR|EN|ES|EG|GS|Rec\.|Recommendation)\s+)?"
    r"(?:[A-Z]\s?\.?\s?)?\d(?:[\d.\-]*\d)?(?:\s\d{3}(?!\d))*(?:\s?:\s?(?:19|20)\d\d)?"
)


def _standard_designation(tokens: Sequence[Token], labels: list[str], text: str) -> None:
    """A reference that opens with a standard's designation ("3GPP TS 23.501: "System
    Architecture for the 5G System"", "ISO/IEC 23009-1:2014: "Information technology -- ...",
    "IEEE Std 802.11-2016") names the standard there: it is the document's number, not an
    author ("3GPP, T. S."), a journal ("IEEE Std") or a volume and pages ("802", "11-2016")."""
    first = next(
        (i for i, t in enumerate(tokens) if is_word(t.text) and labels[i] != "citation-number"),
        None,
    )
    if first is None:
        return
    m = STANDARD_RE.match(text, tokens[first].start)
    if m is None:
        return
    after = len(tokens)
    for i in range(first, len(tokens)):
        if tokens[i].start >= m.end():
            after = i
            break
        if tokens[i].end <= m.end():
            labels[i] = "identifier"
    # the model may run the number on into the title, or take the title for a series: the
    # words quoted after the number are the title ('3GPP TS 23.228: "IP Multimedia Subsystem
    # (IMS); Stage 2"', '3GPP TS 29.507: "Access and Mobility Policy Control Service; Stage 3"')
    head = after
    while head < len(tokens) and not is_word(tokens[head].text):
        head += 1
    if head == len(tokens) or "title" in labels:
        return
    quoted = any(tokens[j].text in DOUBLE_QUOTES for j in range(after, head))
    close = head
    if quoted:
        while close < len(tokens) and tokens[close].text not in DOUBLE_QUOTES:
            close += 1
    elif labels[head] == "identifier":
        while close < len(tokens) and labels[close] == "identifier":
            close += 1
    if close > head and (quoted or labels[head] == "identifier"):
        labels[after:head] = ["other"] * (head - after)
        labels[head:close] = ["title"] * (close - head)


def _body_as_author(tokens: Sequence[Token], words: Sequence[int], labels: list[str]) -> None:
    """A reference with no author that opens with a publisher's name and then its date is
    by that body, in author-date style: "Council of Economic Advisers. 2015. Economic
    Report of the President", "Alliance for Excellent Education. (2007). The high cost of
    ...", "Planck Collaboration. 2016a, A&A, 594, A1"."""
    first = next((i for i in words if labels[i] != "citation-number"), None)
    if first is None or labels[first] != "publisher":
        return
    end = first
    for i in words:
        if i < first:
            continue
        if labels[i] != "publisher":
            if labels[i] == "date":
                for j in range(first, end + 1):
                    if labels[j] == "publisher":
                        labels[j] = "author"
            return
        end = i


_BODY_WORD_RE = re.compile(
    r"\b(?:institutes?|agency|department|ministry|administration|organi[sz]ation|commission"
    r"|cent(?:er|re)s? for|foundation|council|office|bureau|authority)\b",
    re.IGNORECASE,
)


def _organisation_opening(text: str, tokens: Sequence[Token], labels: list[str]) -> None:
    """A reference whose first sentence names an organisation (:func:`parse.opening_organisation`:
    a word like "Institute", "Agency", "Department", no person) is by that organisation. The
    model knows few of them and splits the name at its "and": "National Institute for Health
    and Care Excellence (NICE). Widget management" gave the publisher "National Institute for
    Health and" and the title "Care Excellence (NICE). Widget management". Where the model gave
    the sentence's words more than one label, they are the author; a sentence it read whole as
    one field (a title, an author) is left as it is."""
    first = next(
        (
            i
            for i, t in enumerate(tokens)
            if is_word(t.text) and not t.text.isdigit() and labels[i] != "citation-number"
        ),
        None,
    )
    if first is None:
        return
    offset = tokens[first].start
    m = opening_organisation(text[offset:])
    # a body's own word, not one a title may hold ("Guilt by association", "a study of"), and
    # no colon ("3GPP TS 23.501: ...", "Aravind L: Guilt by association: ...")
    if (
        m is None
        or ":" in m.group(1)
        or not _BODY_WORD_RE.search(m.group(1))
        or not title_cased(m.group(1))  # "Agency nurses and patient safety" is a title
    ):
        return
    end = offset + m.end(1)
    inside = [i for i in range(first, len(tokens)) if tokens[i].end <= end]
    if len({labels[i] for i in inside if is_word(tokens[i].text)}) < 2:
        return
    for i in inside:
        labels[i] = "author"
    after = inside[-1] + 1
    if after < len(tokens) and tokens[after].text == ".":
        labels[after] = "other"


_NUMBER_FIELDS = frozenset({"volume", "issue", "pages"})


def _patent_number(tokens: Sequence[Token], labels: list[str]) -> None:
    """The number after "Patent" is the patent's, not a volume or pages: "US Patent
    3,712,959", "US patent 4 0054 881", "USA Patent 6206324, March 2001"."""
    for i, tok in enumerate(tokens[:-1]):
        if tok.text.lower() not in ("patent", "patents"):
            continue
        j = i + 1
        if tokens[j].text.lower() in ("no", "nos", "number") or tokens[j].text == ":":
            j += 1
        while j < len(tokens) and tokens[j].text == ".":
            j += 1
        if j >= len(tokens) or not tokens[j].text[:1].isdigit() or labels[j] not in _NUMBER_FIELDS:
            continue
        label = labels[j]
        while j < len(tokens) and (labels[j] == label or tokens[j].text == ","):
            if tokens[j].text == "," and not (
                j + 1 < len(tokens)
                and tokens[j + 1].text.isdigit()
                and tokens[j + 1].start == tokens[j].end
            ):
                break
            labels[j] = "identifier"
            j += 1


def _family_after_initials(tokens: Sequence[Token], labels: list[str]) -> None:
    """Authors that are only initials lack their family name: the capitalised words the
    model gave to the next field, up to a comma, colon or period, are that name: "C. Ciofi
    degli Atti, Phys. Rept. 590", "W. Hatke: Folien aus COC", "L. C. Garcia de Andrade
    arXiv:1112.4927", "O. Suvorova arXiv.org:hep-ph/9911415". Not when the words run on
    for more than three, or a lowercase word opens or closes them ("J. M. The ...")."""
    run = _first_run(labels, "author")
    if run is None:  # moved to the editors
        return
    start, end = run
    if len(tokens[start].text) != 1 or not tokens[start].text.isupper():
        return
    for tok in tokens[start : end + 1]:
        if tok.text != "." and tok.text != "-" and not (len(tok.text) == 1 and tok.text.isupper()):
            return
    i = end + 1
    if i < len(tokens) and tokens[i].text == "." and labels[i] == "other":
        i += 1
    if i >= len(tokens) or labels[i] == "author":
        return
    label = labels[i]
    j = i
    while j < len(tokens) and labels[j] == label and is_word(tokens[j].text):
        j += 1
    if not 1 <= j - i <= 3 or (
        j < len(tokens) and labels[j] == label and tokens[j].text not in ",:."
    ):
        return
    names = [t.text for t in tokens[i:j]]
    if not names[0][:1].isupper() or not names[-1][:1].isupper():
        return
    if not all(w.isalpha() and len(w) > 1 and not w.isupper() for w in names):
        return
    labels[end + 1 : j] = ["author"] * (j - end - 1)


#: the words that say the names before them are editors: "(ed.)", ", eds.", "(Hrsg.)", "(dir.)"
_EDITOR_CUE_WORDS = frozenset({"ed", "eds", "edd", "editor", "editors", "hrsg", "hg", "dir"})


def _editor_cue_read_as_author(
    tokens: Sequence[Token], words: Sequence[int], labels: list[str]
) -> None:
    """The cue "(ed.)" after names the model read as editors belongs to them, not to an
    author of its own: "Bell, Skip (ed.), Servants and Friends", "Leach, Neil, ed.
    Rethinking Architecture", "Paul Hudak, ..., and Philip Wadler (Editors). Report on ...".
    An author is a name, and no name is only a cue word."""
    previous = "other"
    i = 0
    while i < len(words):
        k = words[i]
        if labels[k] != "author":
            previous = labels[k]
            i += 1
            continue
        j = i
        while j < len(words) and labels[words[j]] == "author":
            j += 1
        if previous == "editor" and all(
            tokens[words[m]].text.lower() in _EDITOR_CUE_WORDS for m in range(i, j)
        ):
            for m in range(k, words[j - 1] + 1):
                if labels[m] == "author":
                    labels[m] = "editor"
        previous = "author"
        i = j


def _page_range_split_at_double_hyphen(tokens: Sequence[Token], labels: list[str]) -> None:
    """A page range printed with a TeX double hyphen, "407--410", comes in four tokens; a first
    number the model read as the volume is the range's first page: "Proceedings of Fuzzy
    System Symposium 407--410", "Connection Science 2 83--101" (2 stays the volume). Only a
    range written without spaces that does not run backwards ("1325--42" runs to 1342)."""
    for i in range(len(tokens) - 3):
        if labels[i] != "volume" or not tokens[i].text.isdigit():
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].text in _HYPHEN_TOKENS:
            if tokens[j].start != tokens[j - 1].end:
                break
            j += 1
        if (
            j - i > 2
            and j < len(tokens)
            and tokens[j].start == tokens[j - 1].end
            and labels[j] == "pages"
            and tokens[j].text.isdigit()
            and int(expand_last_page(tokens[i].text, tokens[j].text)) >= int(tokens[i].text)
        ):
            labels[i : j + 1] = ["pages"] * (j + 1 - i)


_HYPHEN_TOKENS = frozenset(HYPHENS)


def _opens_with_initial(tokens: Sequence[Token], i: int, stop: int) -> bool:
    """Tokens ``i`` to ``stop`` open with an initial: one capital and a period or hyphen."""
    word = tokens[i].text
    return i + 1 <= stop and len(word) == 1 and word.isupper() and tokens[i + 1].text in ".-"


def _title_after_initials_first_authors(
    tokens: Sequence[Token], labels: list[str], given: frozenset[str] = frozenset()
) -> None:
    """Authors printed initials first ("M. Cacciari, G.P. Salam and G. Soyez,") are each an
    initial and a family name: pieces after them, up to the end of what the model read as
    authors, that open with no initial and hold none are the title ("M. Cacciari, G.P. Salam
    and G. Soyez, FastJet User Manual, Eur. Phys. J. C 72", "S. Coleman, Q-balls, Nucl.
    Phys. B262", "R. Hartshorne, Algebraic Geometry, Springer (1977)", "M. Younis and S.
    Ali, Bright, Dark, and Singular Solitons in ..."). When no title follows, only the first
    piece up to a comma ("P. Pucci, Odysseus Polutropos, Ithaca"). Not after "et al" or a
    group's name ("ATLAS Collaboration"), not before a person with initials ("K. C. Je,
    In-Chul Shin, J. Kim"), a suffix ("Jr"), an abbreviated journal ("H. Rieger and N.
    Kawashima, Euro. Phys. J. B 9", "R. Bingham, Laser Part. Beams13, 451") or a name whose
    first word is in the given-name list ("J. Smith, John Jones")."""
    run = _first_run(labels, "author")
    if run is None:  # moved to the editors
        return
    start, end = run
    if not _opens_with_initial(tokens, start, len(tokens) - 1):
        return
    pieces: list[tuple[int, int]] = []  # (first token, the break before it)
    piece_start, before = start, -1
    for i in range(start, end + 1):
        word = tokens[i].text
        if word in ("et", "al", "others") or word.lower() in _GROUP_END:
            return
        if word in (",", ";", "and", "&"):
            if i > piece_start:
                pieces.append((piece_start, before))
            piece_start, before = i + 1, i
    if piece_start <= end:
        pieces.append((piece_start, before))
    first_rest = next(
        (n for n, (first, _) in enumerate(pieces) if not _opens_with_initial(tokens, first, end)),
        None,
    )
    if not first_rest or tokens[pieces[first_rest][1]].text not in ",;":
        return
    head, brk = pieces[first_rest]
    after = end + 1
    while after < len(labels) and not is_word(tokens[after].text):
        after += 1
    joins = after < len(labels) and labels[after] == "title"
    last = end
    if not joins:  # only up to the next comma: "G. Gauthier, Andrei Tarkovski, Edilig, Paris"
        cut = next((b for _, b in pieces[first_rest + 1 :] if tokens[b].text in ",;"), end + 1)
        last = cut - 1
    rest = range(head, last + 1)
    words = [tokens[j].text for j in rest if is_word(tokens[j].text)]
    if not words or not (words[0][0].isupper() or words[0][0].isdigit()):
        return
    if (
        not joins
        and last + 1 < len(tokens)
        and tokens[last + 1].text == "."
        and tokens[last + 1].start == tokens[last].end
    ):
        return  # an abbreviated journal: "H. Rieger and N. Kawashima, Euro. Phys. J. B 9"
    for j in range(head, end + 1):  # a person after it: "In-Chul Shin, J. Kim, and K. Kyhm"
        word = tokens[j].text
        if len(word) == 1 and word.isupper():
            if word in "IVX" and (j == end or tokens[j + 1].text in ",;"):
                continue  # a part's number ends its piece: "T.W. Allen, Homeri Opera V, Oxford"
            return
    for j in rest:
        word = tokens[j].text
        if (
            word == "."  # an abbreviated journal: "R. Bingham, Laser Part. Beams13, 451"
            or (word[-1].isdigit() and word[0].isalpha())
            or word.lower() in NAME_SUFFIXES
            or word.lower() in _EDITOR_CUE_WORDS
        ):
            return
    if 2 <= len(words) <= 3 and words[0].lower() in given and words[-1][0].isupper():
        return  # "J. Smith, John Jones"
    for j in rest:
        labels[j] = "title"
    labels[brk] = "other"
    if joins:
        for j in range(end + 1, after):
            labels[j] = "title"


def _journal_from_title_tail(tokens: Sequence[Token], labels: list[str]) -> None:
    """A volume needs a journal: when none was found, the title's last sentence, if short, is
    the journal ("The nutritional status of the elderly. Age Ageing 1982, 11(2):89-96")."""
    title = [i for i, lab in enumerate(labels) if lab == "title"]
    if not title or title[-1] - title[0] + 1 != len(title):
        return  # no title, or one in pieces
    first, last = title[0], title[-1]
    for i in range(last - 1, first, -1):
        if _ends_sentence(tokens, i):
            tail = range(i + 1, last + 1)
            if sum(1 for j in tail if is_word(tokens[j].text)) <= 6:
                labels[i] = "other"
                for j in tail:
                    labels[j] = "journal"
            return


#: the lower-case words a journal's name holds between capitalised ones: "Fertility and Sterility"
_JOURNAL_JOINERS = frozenset({"and", "of", "&", "the", "for", "in", "de", "et", "und", "für"})


def _journal_glued_to_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """A journal article whose title, in sentence case, runs straight into the journal's
    name with no period between: the capitalised words that end the title, after its last
    lower-case word, are the journal when the date or the volume follows them ("Pig cloning
    by microinjection of fetal fibroblast nuclei Science (2000) 289:1188-1190", "Prediction of
    protein structural class from amino acid sequence Biopolymers 1986; 25: 1659-1672",
    "Estradiol and progesterone replacement regimens ... receptivity Fertility and Sterility,
    1989;"). At most five words, and at least three lower-case words of the title before."""
    title = [i for i, lab in enumerate(labels) if lab == "title"]
    if not title or title[-1] - title[0] + 1 != len(title):
        return
    first, last = title[0], title[-1]
    after = last + 1
    while after < len(labels) and not is_word(tokens[after].text):
        if tokens[after].text not in ",;(":
            return
        after += 1
    if after >= len(labels) or labels[after] not in ("date", "volume"):
        return
    head = last + 1
    words = 0
    for i in range(last, first, -1):
        word = tokens[i].text
        if not is_word(word):
            if word not in ":-&":
                break
            continue
        if word[0].isupper():
            head, words = i, words + 1
        elif word not in _JOURNAL_JOINERS:
            break
    if not 1 <= words <= 5 or head > last:
        return
    before = [t.text for t in tokens[first:head] if is_word(t.text)]
    if sum(1 for w in before if w[0].islower()) < 3 or not before[-1][0].islower():
        return
    for j in range(head, last + 1):
        labels[j] = "journal"


def _journal_place(tokens: Sequence[Token], words: Sequence[int], labels: list[str]) -> None:
    """A place glued to a journal's name is part of the name: "Proc Natl Acad Sci USA", and
    the places (and year) MEDLINE puts in brackets to tell journals apart: "Spine (Phila Pa
    1976) 2001", "Med (Baltimore) 1997". A publisher's place follows a comma or a colon."""
    bracketed = False
    for previous, current in itertools.pairwise(words):
        if labels[previous] != "journal":
            continue
        between = [t.text for t in tokens[previous + 1 : current]]
        label = labels[current]
        if label == "location" and (not between or between == ["("]):
            labels[current] = "journal"
            bracketed = bracketed or between == ["("]
        elif (
            label == "date"
            and bracketed
            and not between
            and current + 1 < len(tokens)
            and tokens[current + 1].text == ")"
            and labels[current + 2 :].count("date")
        ):
            labels[current] = "journal"  # "(Phila Pa 1976) 2001": the year after is the date


_PERIOD = frozenset(".")
_EDITOR_CUES = frozenset(
    "ed eds edited editor editors trans translated hrsg herausgegeben comp comps".split()
)


def _title_before_editor_cue(tokens: Sequence[Token], labels: list[str]) -> None:
    """A book with no title found, whose editor field holds "Ed." or "Translated by" after a
    sentence: that sentence is the title ("Ghost Stories. Ed. Peter Washington. New York"),
    and a sentence before it, when no author was found, the author ("Augustine. Contra
    academicos, ed. W. M. Green")."""
    run = _first_run(labels, "editor")
    if run is None:
        return
    start, end = run
    cue = next(
        (
            i
            for i in range(start + 2, end + 1)
            if tokens[i].text.lower() in _EDITOR_CUES and tokens[i - 1].text in ".,;"
        ),
        None,
    )
    if cue is None:
        return
    stop = cue - 1  # the "." or "," before the cue
    breaks = [i for i in range(start + 1, stop) if _ends_sentence(tokens, i, _PERIOD)]
    first = start
    if breaks and "author" not in labels:
        for j in range(start, breaks[-1]):
            labels[j] = "author"
        labels[breaks[-1]] = "other"
        first = breaks[-1] + 1
    for j in range(first, stop):
        labels[j] = "title"
    labels[stop] = "other"


#: what follows the closing quotation mark of a title that ends there
_TITLE_CLOSERS = frozenset({",", ".", "in", "In", "dans", "en", "im"})  # not ":" (a subtitle)


def _quoted_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """Words in double quotation marks or guillemets are one field: when the model called some
    of them the title, they all are ('3GPP TR 21.900: "Technical Specification Group working
    methods"'). A title that began at the opening mark ends at the closing one when a comma,
    a period or "in" follows ('« Petite histoire de la photographie » in Œuvres II', not
    '"Reading the Mind in the Eyes" Test revised version'), and a number that opens the title before
    the mark is no part of it ('21.905: "Vocabulary"'), where one inside the title is
    ('Commentary on Vul et al.'s 2000 "Puzzingly high correlations"')."""
    opened: int | None = None
    for i, tok in enumerate(tokens):
        mark = tok.text
        if mark in ("“", "«") or (mark == '"' and opened is None):
            opened = i
        elif mark in ("”", "»", '"') and opened is not None:
            if any(labels[j] == "title" for j in range(opened + 1, i)):
                _title_in_quotation(tokens, labels, opened, i)
            opened = None


def _title_in_quotation(
    tokens: Sequence[Token], labels: list[str], opened: int, closed: int
) -> None:
    """The words between the marks at ``opened`` and ``closed`` are the title (see
    :func:`_quoted_title`)."""
    for j in range(opened + 1, closed):
        labels[j] = "title"
    first = opened
    while (
        first > 0
        and labels[first - 1] == "title"
        and not any(c.isalpha() for c in tokens[first - 1].text)
    ):
        first -= 1
    if first > 0 and labels[first - 1] == "title":
        return  # the title began before the quotation and goes through it
    for j in range(first, opened + 1):  # a number before it, and the opening mark
        labels[j] = "other"
    after = closed + 1
    ends = after < len(tokens) and (
        tokens[after].text in _TITLE_CLOSERS or tokens[closed - 1].text in ",."
    )
    while ends and after < len(labels) and labels[after] == "title":
        labels[after] = "other"  # it ended at the closing mark, before
        after += 1  # '", Pierre Birnbaum (dir.)' or '» in Œuvres II'


def _single_quoted_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """Single curly quotation marks, TeX's ``...'' and straight single quotes mark a title as
    double ones do (see :func:`_quoted_title`): "B. Hainsworth, ‘Formulas’, in G.S. Kirk",
    "K. D. Cooper, ``Analyzing aliases of reference formal parameters'', Proc. Twelfth POPL",
    "J. Bitner, 'Evaluating service encounters: ...,' Journal of Marketing". A ’ glued to
    the letters after it is an apostrophe; a straight ' opens after a space and before a
    letter, and closes glued to the word before it and next to a comma or a period
    ("parents' views" is no closing mark)."""
    opened: int | None = None
    n = len(tokens)
    for i, tok in enumerate(tokens):
        mark = tok.text
        if opened is None:
            if mark == "‘" or (
                mark == "`"
                and i + 1 < n
                and tokens[i + 1].text == "`"
                and tokens[i + 1].start == tok.end
            ):
                opened = i if mark == "‘" else i + 1
            elif (
                mark == "'"
                and 0 < i < n - 1
                and tokens[i - 1].end < tok.start
                and tokens[i + 1].start == tok.end
                and tokens[i + 1].text[0].isalnum()
            ):
                opened = i
        elif (
            mark == "'"
            and tokens[opened].text == "'"
            and tokens[i - 1].end == tok.start
            and (tokens[i - 1].text in ",." or (i + 1 < n and tokens[i + 1].text in ",.;:"))
        ):
            if any(labels[j] == "title" for j in range(opened + 1, i)):
                _title_in_quotation(tokens, labels, opened, i)
            opened = None
        elif (mark == "’" and tokens[opened].text == "‘" and not is_apostrophe(tokens, i)) or (
            mark == "'"
            and tokens[opened].text == "`"
            and i + 1 < n
            and tokens[i + 1].text == "'"
            and tokens[i + 1].start == tok.end
        ):
            # ``...,'' keeps its comma inside: the title ends there whatever follows
            closed = i if mark == "’" or tokens[i - 1].text in ",." else i + 1
            if any(labels[j] == "title" for j in range(opened + 1, closed)):
                _title_in_quotation(tokens, labels, opened, closed)
            opened = None


def _journal_publisher(words: Sequence[int], labels: list[str]) -> None:
    """In a journal article (it has a volume), a publisher's name glued to the journal's with
    no punctuation between is part of how the journal was printed: "Leukemia Springer
    Nature 2008; 22(6)" is the journal Leukemia, not a publisher "Leukemia Springer"."""
    for previous, current in reversed(list(itertools.pairwise(words))):
        glued = current == previous + 1
        if glued and labels[current] == "journal" and labels[previous] == "publisher":
            labels[previous] = "journal"


#: how the name of a group that authored a work ends: "... toxicity working group."
_GROUP_END = frozenset(
    "group consortium committee collaboration investigators collaborators network".split()
)


def _group_author_before_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """A title whose first sentence is a group's name, right after the authors, begins with
    the last author: "Halsey C., et al; Ponte di Legno toxicity working group. Consensus
    definitions of ..." (NLM prints a group author after the persons), "Kempler P et al.
    Toronto Diabetic Neuropathy Expert Group. Diabetic neuropathies: ...", or the only one when
    it opens the reference: "The CAVEAT Study Group. A comparison of directional ..."."""
    if "title" not in labels:
        return
    start = labels.index("title")
    before = start - 1
    if before > 0 and tokens[before].text in ",;.":
        before -= 1
    if start > 0 and labels[before] != "author":
        return
    for i in range(start + 1, min(start + 12, len(labels) - 1)):
        if labels[i] != "title":
            return
        if tokens[i].text == ".":
            if tokens[i - 1].text.lower() in _GROUP_END and tokens[i + 1].text[:1].isupper():
                for j in range(start, i):
                    labels[j] = "author"
                labels[i] = "other"
            return


def _page_range_in_brackets(tokens: Sequence[Token], labels: list[str]) -> None:
    """With no pages found, a range of numbers alone in brackets is the pages, as APA prints a
    chapter's: "Preferred argument structure: Grammar as architecture for function (301–338).
    Amsterdam", "The crosslinguistic study of language acquisition, vol. I (839–878)", "‘Being
    in Youth Ministry’ (145-164) in ...". Not a range of years ("(1933-1945)"), one that runs
    backwards, nor issues glued to a volume ("12(3-4)")."""
    for i in range(1, len(tokens) - 1):
        word = tokens[i].text
        if tokens[i - 1].text != "(" or tokens[i + 1].text != ")" or _is_year_range(word):
            continue
        if i > 1 and tokens[i - 2].text[-1].isdigit() and tokens[i - 2].end == tokens[i - 1].start:
            continue  # an issue range glued to its volume: "12(3-4)"
        numbers = _numbers_of_range(word)
        if numbers is not None and numbers[1] > numbers[0]:
            labels[i] = "pages"
            return


def _volume_ending_container(tokens: Sequence[Token], labels: list[str]) -> None:
    """With no volume found, a number closing a journal's or proceedings' name right before the
    pages is the volume: "Journal of Japan Society for Fuzzy Theory and Systems 13 3--13", "In
    Proc. 2nd Int. Conf. on Knowledge-Based Intelligent Electronic Systems 1 278--290". Not a
    year ("Proceedings of ICML 2003 100-108")."""
    if "volume" in labels or "pages" not in labels:
        return
    i = labels.index("pages") - 1
    if (
        i > 0
        and labels[i] in ("journal", "container-title")
        and labels[i - 1] == labels[i]
        and tokens[i].text.isdigit()
        and len(tokens[i].text) <= 4
        and not YEAR_RE.fullmatch(tokens[i].text)
        and tokens[i + 1].text[:1].isdigit()
    ):
        labels[i] = "volume"


_IMPRINT_LABELS = frozenset({"location", "publisher", "date"})


def _series_in_brackets_after_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """APA prints a report's kind and number in brackets after its title, before the place and
    publisher: "Why access matters: The community college student body (Policy Brief
    2012-01PBL). Washington, DC: American Association ...", "Education and correctional
    populations (Bureau of Justice statistics special report). Washington". The bracket opens
    with a capitalised word of letters, holds no year, and is followed by the imprint or the end."""
    run = _first_run(labels, "title")
    if run is None:
        return
    start, end = run
    if tokens[end].text != ")":
        end += 1
    if end >= len(tokens) or tokens[end].text != ")":
        return
    opening = end - 1
    while opening > start and tokens[opening].text not in "()":
        opening -= 1
    if tokens[opening].text != "(" or opening - start < 3 or opening + 1 >= end:
        return
    inside = tokens[opening + 1 : end]
    first = inside[0].text
    if not first.isalpha() or not first[0].isupper() or first.isupper():
        return
    if any(YEAR_RE.fullmatch(t.text) for t in inside):
        return
    following = _label_of_next_word(tokens, labels, end)
    if following is not None and following not in _IMPRINT_LABELS:
        return
    labels[opening] = labels[end] = "other"
    for j in range(opening + 1, end):
        labels[j] = "note"


def _publisher_ending_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """A book's title does not end in a sentence of one to three capitalised words that closes
    the reference or comes before its place, publisher or date: that sentence is the publisher,
    or the place before a colon ("The fourth branch: the Federal Reserve's unlikely rise to power
    and influence. Praeger.", "Tzeltal Numerical Classifiers: A Study in Ethnographic Semantics.
    Mouton.", "The estimation of animal abundance. Charles Griffin, London", "Graphical Models in
    Applied Multivariate Statistics. Chichester: Wiley"). The title before it keeps four words
    or more; no sentence of one letter, no word in lower case ("... Books XXIII-XXIV. 4th."),
    and the period ends a word, not an abbreviation ("Proc. Natl. Acad. Sci. USA")."""
    run = _first_run(labels, "title")
    if run is None:
        return
    start, end = run
    while end > start and not is_word(tokens[end].text):
        end -= 1
    brk = None
    for k in range(end - 1, start, -1):
        if tokens[k].text == "." and _ends_sentence(tokens, k):
            brk = k
            break
    if brk is None:
        return
    last = tokens[brk - 1].text  # a word, not an abbreviation: "Proc. Natl. Acad. Sci. USA"
    if len(last) < 5 and not (last.islower() and len(last) >= 3):
        return
    tail = tokens[brk + 1 : end + 1]
    if not 1 <= len(tail) <= 3 or len(tail[0].text) < 2:
        return
    if not all(t.text.isalpha() and t.text[0].isupper() for t in tail):
        return
    if sum(1 for t in tokens[start:brk] if is_word(t.text)) < 4:
        return
    following = _label_of_next_word(tokens, labels, end)
    if following is not None and following not in _IMPRINT_LABELS:
        return
    label = "location" if end + 1 < len(tokens) and tokens[end + 1].text == ":" else "publisher"
    labels[brk] = "other"
    for j in range(brk + 1, end + 1):
        labels[j] = label


#: English month names and their usual abbreviations, lower-cased
#: words printed before a volume's or an issue's number
_NUMBER_CUES = frozenset({"vol", "volume", "no", "nr", "number", "issue", "n", "nº", "°", "heft"})
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def _day_numbers(tokens: Sequence[Token], labels: Sequence[str]) -> Iterator[int]:
    """The first word of the volume, then of the issue, where it is a number of 1 to 31 that
    may be a day of the month (each looked up when reached: a caller may relabel the first)."""
    for label in ("volume", "issue"):
        if label in labels:
            i = labels.index(label)
            word = tokens[i].text
            if len(word) <= 2 and word.isdigit() and 0 < int(word) < 32:
                yield i


def _day_before_month(tokens: Sequence[Token], labels: list[str]) -> None:
    """A day of the month printed before the month's name is part of the date, not a volume or
    an issue: newspapers and magazines give the day, not a volume ("New Yorker 15 Feb. 1993:
    48-51", "USA Today 9 21 July 1986: sec. A: 1", "La Opinion, 25 July2016", "National
    Aeronautics and Space Administration, 30 July 2015, www.nasa.gov/..."). Only a number of
    1 to 31 right before the month, written on its own, the first word of the volume or the
    issue, and not after a word that names it ("VOLUME 38, NUMBER 4 APRIL 1967")."""
    for i in _day_numbers(tokens, labels):
        if i + 1 >= len(tokens):
            continue
        after = tokens[i + 1].text
        if not after[:1].isupper() or after.rstrip("0123456789").lower() not in _MONTHS:
            continue
        j = i - 1
        while j >= 0 and tokens[j].text in ".,:":
            j -= 1
        if j < 0 or tokens[j].text.lower() not in _NUMBER_CUES:
            labels[i] = "date"


def _day_after_month(tokens: Sequence[Token], labels: list[str]) -> None:
    """A day of the month printed after the month's name is part of the date, not a volume or
    an issue: "Gunter Ahrendt. ... May 8, 1994. Weekly posting", "Accessed July 6, 2015", "Cell
    Chem Biol. 2018 Mar 15; 2018 Jan 11", "Business Insider May(26)", the last day of a
    range ("AACR Annual Meeting April18 -22,2009", "... Mechatronics and Automation August 5 -
    8, 2007"). Only a number of 1 to 31, the first word of the volume or the issue."""
    for i in _day_numbers(tokens, labels):
        j = i - 1
        while j >= 0 and (tokens[j].text == "(" or tokens[j].text in _HYPHEN_TOKENS):
            j -= 1
        if j > 0 and tokens[j].text.isdigit() and len(tokens[j].text) <= 2:
            j -= 1  # "August 5-8"
        if j >= 0 and tokens[j].text.rstrip("0123456789").lower() in _MONTHS:
            labels[i] = "date"


_LONG_FIELDS = frozenset({"title", "container-title", "journal", "collection-title"})
_SHORT_FIELDS = frozenset({"date", "volume", "issue", "pages", "location", "note", "edition"})


def _caseless(word: str) -> bool:
    """``word`` is written in a script without capitals (Chinese, Japanese, Korean)."""
    return word[:1].isalpha() and word[:1].lower() == word[:1].upper()


def _title_in_caseless_authors(tokens: Sequence[Token], labels: list[str]) -> None:
    """Chinese and Japanese references print "Authors. Title. Journal." with no capitals to
    tell the parts apart: an author run holding a period between two such words ends there,
    the next sentence is the title and the one after it the journal ("靳士英. 五臟图考.
    中华医史杂誌. 1994", "王一童 外 5人. 桂芍楮實湯配伍原理及源流初探. 現代中醫藥. 2019")."""
    if "title" in labels or "author" not in labels:
        return
    start = labels.index("author")
    breaks = []
    i = start
    while i + 1 < len(labels) and labels[i + 1] == "author":
        i += 1
        if (
            tokens[i].text == "."
            and _caseless(tokens[i - 1].text[-1:])
            and _caseless(tokens[i + 1].text[:1])
        ):
            breaks.append(i)
    if not breaks:
        return
    end = i
    part = "title"
    for j in range(breaks[0], end + 1):
        if j in breaks:
            labels[j] = "other"
            part = "title" if j == breaks[0] else "journal"
        else:
            labels[j] = part


#: no person's name is this long in a script without capitals; a title often is
_CASELESS_NAME_MAX = 6
_COMMAS = frozenset({",", "，", "、"})


def _caseless_word(text: str) -> bool:
    """A word that opens with a letter of a script without capitals and holds no digit."""
    return _caseless(text[:1]) and not any(c.isdigit() for c in text)


def _caseless_person(text: str, longest: int = _CASELESS_NAME_MAX) -> bool:
    """A word that may be a person's whole name in a script without capitals: two to
    ``longest`` letters."""
    return 2 <= len(text) <= longest and _caseless_word(text)


def _caseless_numbering(text: str) -> bool:
    """A number with its counter ("제12권", "10월호", :func:`_counter`), or the "제" before a
    spaced number."""
    return text in ("제", "第") or _counter(text) is not None


def _caseless_name(tokens: Sequence[Token], j: int, end: int) -> tuple[int, int] | None:
    """The words from ``j`` that read as a journal's name in a script without capitals, up to
    a comma, a sentence's end, a bracket or a number ("한국심리학회지: 건강", "디지털산업정보학회
    논문지", "환경사회학연구 ECO", "广西民族大学学报(哲学社会科学版)" up to its bracket): first and
    last token, or None when no such word opens at ``j``."""
    if j >= end or not _caseless_word(tokens[j].text):
        return None
    last = j
    k = j + 1
    while k < end:
        text = tokens[k].text
        if text == ":" and k + 1 < end and _caseless_word(tokens[k + 1].text):
            k += 1
            continue
        if not is_word(text) or _caseless_numbering(text) or any(c.isdigit() for c in text):
            break
        if not (_caseless_word(text) or text.isupper()):
            break
        last = k
        k += 1
    return j, last


def _title_without_container(labels: Sequence[str]) -> tuple[int, int] | None:
    """The title's run when no journal or container was found: where a title may have run
    into one."""
    if "journal" in labels or "container-title" in labels:
        return None
    return _first_run(labels, "title")


def _last_word(tokens: Sequence[Token], start: int, end: int) -> int | None:
    """The last word among the tokens ``start``..``end``; None when they are all marks."""
    return next((i for i in range(end, start - 1, -1) if is_word(tokens[i].text)), None)


def _caseless_journal_after_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """In Chinese, Japanese and Korean references a journal's name printed after the title's
    closing quote or comma is read as no field at all (the model knows few of these names, and
    the volume counters around them, "제12권", are no field either): "이형초, 안창일, '인터넷게임
    중독의 진단척도 개발,' 한국심리학회지: 건강, 제7권, 제2호, pp.211-239", "정연환, QFD를 활용한
    함정 요구조건 관리 방안 연구, 한국시스템엔지니어링학회, Vol. 15". A word of such a script
    right after the title, with only punctuation between, that was left as no field and is
    followed by a mark, a number or a counter, is the journal."""
    run = _first_run(labels, "title")
    last = None if run is None else _last_word(tokens, *run)
    if last is None:
        return
    j = _next_word(tokens, last)
    if j is None or labels[j] != "other" or j == last + 1:
        return
    name = _caseless_name(tokens, j, len(tokens))
    if name is None:
        return
    _, stop = name
    after = stop + 1
    if after < len(tokens) and not (
        tokens[after].text in _COMMAS
        or tokens[after].text in ".(["
        or _caseless_numbering(tokens[after].text)
        or tokens[after].text[:1].isdigit()
    ):
        return
    for k in range(j, stop + 1):
        labels[k] = "journal"


def _caseless_journal_ending_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """A title that runs over a sentence's end into one last word of a script without
    capitals, followed by a period and the volume, ran into the journal: "류미영.한선관 (2019).
    딥러닝 개념을 위한 인공지능 교육 프로그램. 정보교육학회논문지. 23(6), 583-590", "王義文(1989).
    乾隆与燕京八景(下). 北京園林. 2(-): 35-37"."""
    run = _title_without_container(labels)
    if run is None:
        return
    start, end = run
    j = _last_word(tokens, start, end)
    if j is None or _last_word(tokens, start, j - 1) is None:  # two words at least
        return
    if not (
        _caseless_word(tokens[j].text)
        and tokens[j - 1].text == "."
        and tokens[j - 1].end < tokens[j].start
        and j + 1 < len(tokens)
        and tokens[j + 1].text == "."
    ):
        return
    after = _next_word(tokens, j)
    if after is None or not (
        tokens[after].text[:1].isdigit() or _counter(tokens[after].text) is not None
    ):
        return
    labels[j - 1] = "other"
    labels[j] = "journal"
    for k in range(j + 1, end + 1):
        labels[k] = "other"


def _numbering_in_caseless_journal(tokens: Sequence[Token], labels: list[str]) -> None:
    """A journal's name in a script without capitals ends where its volume begins: "에너지공학,
    제23권 제4호" is the journal "에너지공학", "國際商學 제21권 제1호 韓國國際商學會" the journal
    "國際商學", "언어학회지 12-3, 한국언어학회" the journal "언어학회지". The numbers are its volume
    and issue (:func:`_caseless_counters` reads the counters), the society after them the
    publisher (:func:`_numbering_and_publisher`)."""
    run = _first_run(labels, "journal")
    if run is None:
        return
    start, end = run
    if not _caseless(tokens[start].text[:1]):
        return
    for k in range(start + 1, end + 1):
        if _caseless_numbering(tokens[k].text) or tokens[k].text[:1].isdigit():
            last = k - 1
            while last > start and not is_word(tokens[last].text):
                last -= 1
            for m in range(last + 1, k):
                labels[m] = "other"
            _numbering_and_publisher(tokens, labels, k)
            return


def _pieces(
    tokens: Sequence[Token], start: int, end: int, *, sentences: bool = False
) -> list[tuple[int, int]]:
    """The stretches of tokens ``start``..``end`` between commas (and, with ``sentences``,
    periods followed by a space): first and last token each."""
    out: list[tuple[int, int]] = []
    first = start
    for k in range(start, end + 1):
        text = tokens[k].text
        if text in _COMMAS or (
            sentences and text in ".。" and k < end and tokens[k + 1].start > tokens[k].end
        ):
            if k > first:
                out.append((first, k - 1))
            first = k + 1
    if first <= end:
        out.append((first, end))
    return out


def _split_caseless_run(
    tokens: Sequence[Token], labels: list[str], pieces: Sequence[tuple[int, int]]
) -> None:
    """The first of ``pieces`` is the title, the second the journal (up to its counters), the
    rest no field; the commas between them are no field either."""
    for n, (a, b) in enumerate(pieces):
        part = "title" if n == 0 else "journal" if n == 1 else "other"
        for k in range(a, b + 1):
            if part == "journal" and _caseless_numbering(tokens[k].text):
                part = "other"
            labels[k] = part
        if b + 1 < len(tokens) and (tokens[b + 1].text in _COMMAS or tokens[b + 1].text in ".。"):
            labels[b + 1] = "other"


def _title_in_caseless_comma_authors(tokens: Sequence[Token], labels: list[str]) -> None:
    """Chinese and Korean references print "author, title, journal, year" with commas only, and
    the model can read it all as one author list: "歐素瑛, 近代臺灣工業敎育之濫觴:
    以臺灣總督府工業講習所爲中心, 敎育資料與硏究 第104期, 2012", "王孟, 从 舞动奇迹
    看电视舞蹈节目的本土化改造, 当代电视, 2018". No name is longer than six characters in
    these scripts: the stretch between commas that holds a longer word is the title, the
    stretch after it the journal. So is a stretch of three words, or of two in Hangul (Korean
    writes a name without a space; Japanese may put one between family and given name, "松掛
    暢"): "홍길동, 김철수, 한국어 문법 연구, 언어학회지, 제12권". Not "박장식 외", "백선영 외 3인"
    (et al.)."""
    run = _first_run(labels, "author")
    if run is None or "title" in labels:
        return
    start, end = run
    pieces = _pieces(tokens, start, end)
    for n, (a, b) in enumerate(pieces):
        if n and _caseless_title_piece(tokens, a, b):
            _split_caseless_run(tokens, labels, pieces[n:])
            if pieces[n][0] > 0 and tokens[pieces[n][0] - 1].text in _COMMAS:
                labels[pieces[n][0] - 1] = "other"
            return


def _caseless_title_piece(tokens: Sequence[Token], a: int, b: int) -> bool:
    """The tokens ``a``..``b``, between commas, in a script without capitals, read as a title
    rather than a name: a word longer than any name, or three words, or two in Hangul."""
    words = [tokens[k].text for k in range(a, b + 1) if _caseless_word(tokens[k].text)]
    if any(len(word) > _CASELESS_NAME_MAX for word in words):
        return True
    if CASELESS_ET_AL.intersection(words):
        return False
    return len(words) >= 3 or (len(words) == 2 and all(_HANGUL_RE.match(w) for w in words))


#: what joins authors' names in Japanese lists (the middle dot, nakaguro, between names in
#: kanji) and Korean ones (a middle dot between names in Hangul); between katakana, and in
#: Chinese, the same dot joins the parts of one foreign name ("カール・マルクス", "卡尔·马克思")
_NAME_DOTS = frozenset("・·･")
_HANGUL_RE = re.compile(f"[{HANGUL}]")
_KANJI_RE = re.compile(f"[{HAN}]")


def dot_joins_names(dot: str, left: str, right: str) -> bool:
    """The middle dot ``dot`` between the words ``left`` and ``right`` separates two people:
    Hangul on both sides (Korean, any dot), or kanji on both sides with Japan's nakaguro."""
    if _HANGUL_RE.fullmatch(left[-1:]) and _HANGUL_RE.fullmatch(right[:1]):
        return True
    return dot in "・･" and bool(_KANJI_RE.fullmatch(left[-1:]) and _KANJI_RE.fullmatch(right[:1]))


def _caseless_name_chain(tokens: Sequence[Token]) -> int:
    """The last token of the names a reference opens with when they are joined by a period
    with no space ("이찬희.조지현.김지영") or by a middle dot ("山田太郎・鈴木花子"); 0 when it
    opens with no such chain."""
    k = 0
    while k + 2 < len(tokens):
        mark, after = tokens[k + 1], tokens[k + 2]
        if mark.text == "." and tokens[k].end == mark.start == after.start - 1:
            longest = 4  # glued periods: Korean names, two to four letters
        elif mark.text in _NAME_DOTS and dot_joins_names(mark.text, tokens[k].text, after.text):
            longest = _CASELESS_NAME_MAX
        else:
            break
        if not (
            _caseless_person(tokens[k].text, longest) and _caseless_person(after.text, longest)
        ):
            break
        k += 2
    return k


def _caseless_names_joined_by_periods(tokens: Sequence[Token], labels: list[str]) -> None:
    """Korean references may join the authors' names with periods, no space, and Japanese ones
    with a middle dot: "이찬희.조지현.김지영, 2016, 조선시대 예산 목리유적 ..., 보존과학회지,
    Vol.32", "김지원.김종영 (2013), 4대강 개발과 전문성의 정치, 환경사회학연구 ECO",
    "山田太郎・鈴木花子 (2010). 日本語の研究. 言語学雑誌, 12(3)". The model reads each period as
    a sentence's end and the names after it as the title and the journal, and then the title
    as a container; or the names as the title. Names joined so are all authors, when the model
    called the first one an author or a year in brackets follows them; when that leaves no
    title, the first container's stretches between commas or sentences are the title and the
    journal."""
    k = _caseless_name_chain(tokens)
    if k == 0 or all(labels[m] == "author" for m in range(k + 1)):
        return
    dated = (
        k + 2 < len(tokens)
        and tokens[k + 1].text == "("
        and YEAR_RE.fullmatch(tokens[k + 2].text) is not None
    )
    if labels[0] != "author" and not dated:
        return
    for m in range(k + 1):
        labels[m] = "author"
    if "title" in labels:
        return
    for field in ("container-title", "collection-title", "journal"):
        run = _first_run(labels, field)
        if run is not None and run[0] > k:
            _split_caseless_run(tokens, labels, _pieces(tokens, *run, sentences=True))
            return


#: what separates authors' names in Japanese lists besides a nakaguro (the full-width comma is
#: folded to "," before tagging)
_NAME_COMMAS = frozenset({",", "、"})
#: what ends a Japanese or Chinese author list in place of "et al." ("山田太郎, 鈴木花子, ほか")
JAPANESE_ET_AL = frozenset({"ほか", "他", "等", "外"})
#: the same with Korean's "외" ("박장식 외"): what split_persons reads as "et al."
CASELESS_ET_AL = JAPANESE_ET_AL | {"외"}
_KANA_RE = re.compile(f"[{HIRAGANA}{KATAKANA}]")
_KANA_OR_HANGUL_RE = re.compile(f"[{HIRAGANA}{KATAKANA}{HANGUL}]")
#: what may come before the authors: a list number and its marks
_BEFORE_AUTHORS = frozenset({"citation-number", "other"})


def _caseless_authors_before_colon(tokens: Sequence[Token], labels: list[str], text: str) -> None:
    """Japanese medical journals print the authors before a colon, "山田太郎, 鈴木花子:
    日本における胃がん検診の現状. 日本消化器病学会雑誌 115: 123-130, 2018", and the model, which
    never saw the style, reads the names as the title's head. Two or more names (words of two
    to six letters without capitals, between commas, "、" or a nakaguro; "ほか" or "他" may end
    them) opening a title, after any list number, just before its colon, are the authors. Only
    in a string with kana: in Chinese "肺癌、胃癌、肝癌: ..." lists a title's subjects, and one
    name alone may be a title's head ("中国肝癌: ...")."""
    if "author" in labels or not _KANA_RE.search(text):
        return
    number = _list_number(tokens)
    first = next((i for i, lab in enumerate(labels) if lab not in _BEFORE_AUTHORS), None)
    first = max(first or 0, number)
    if first >= len(tokens) or labels[first] != "title":
        return
    names = [first]
    k = first
    while k + 2 < len(tokens):
        mark, after = tokens[k + 1].text, tokens[k + 2].text
        if mark in _NAME_COMMAS and after in JAPANESE_ET_AL:
            k += 2
            break
        if not (
            mark in _NAME_COMMAS
            or (mark in _NAME_DOTS and dot_joins_names(mark, tokens[k].text, after))
        ):
            break
        k += 2
        names.append(k)
    colon = k + 1
    if (
        len(names) < 2
        or colon + 1 >= len(tokens)
        or tokens[colon].text != ":"
        or labels[colon + 1] != "title"
        or not all(_caseless_person(tokens[m].text) for m in names)
    ):
        return
    for m in range(first, colon):
        labels[m] = "author"
    labels[colon] = "other"
    for m in range(number):
        labels[m] = "citation-number" if tokens[m].text.isdigit() else "other"


def _list_number(tokens: Sequence[Token]) -> int:
    """How many tokens a list number opening the string takes ("1)", "1.", "[1]", "(1)"); 0
    when there is none."""
    i = 1 if tokens and tokens[0].text in "([" else 0
    if i + 1 >= len(tokens) or not (tokens[i].text.isdigit() and len(tokens[i].text) <= 4):
        return 0
    closing = tokens[i + 1].text
    return i + 2 if closing in ")]" or (i == 0 and closing == ".") else 0


#: GB/T 7714's document types as Chinese references print them after the title: journal
#: article, monograph, conference paper, thesis, report, standard, newspaper, patent, ...


def _document_type_marker(tokens: Sequence[Token], labels: list[str]) -> None:
    """Chinese references (GB/T 7714) end the title with its document type in brackets:
    "张三. 城市化进程中的环境问题研究[J]. 环境科学学报, 2015, 35(4): 1021-1030",
    "陈六. 中国近代史[M]. 北京: 人民出版社, 2010". The marker is no part of the title; after
    "[J]" the words up to the next comma are the journal, after "[M]" "place: publisher".
    The title begins after the period that ends the authors: a title that lists its subjects
    ("王五. 高血压、糖尿病：社区管理[J]") is not two more authors."""
    for i in range(1, len(tokens) - 2):
        if not (
            tokens[i].text == "["
            and tokens[i + 1].text in GBT_DOCUMENT_TYPES
            and tokens[i + 2].text == "]"
            and labels[i - 1] == "title"
        ):
            continue
        _title_after_authors_period(tokens, labels, i - 1)
        for k in (i, i + 1, i + 2):
            labels[k] = "other"
        j = i + 3
        while j < len(tokens) and tokens[j].text in ".．":
            labels[j] = "other"
            j += 1
        stop = j
        while stop < len(tokens) and tokens[stop].text not in _COMMAS:
            stop += 1
        piece = range(j, stop)
        if not piece or any(labels[k] not in ("title", "other", "journal") for k in piece):
            return
        kind = tokens[i + 1].text
        if kind == "J":
            for k in piece:
                labels[k] = "journal"
        elif kind == "M":
            colon = next((k for k in piece if tokens[k].text in ":："), None)
            if colon is not None and colon > j:
                for k in piece:
                    labels[k] = "location" if k < colon else "other" if k == colon else "publisher"
        return


_NAME_RUN = frozenset({"author", "other"})


def _title_after_authors_period(tokens: Sequence[Token], labels: list[str], last: int) -> None:
    """Tokens tagged author between the authors' closing period and a title that ends at
    ``last`` are the title's head."""
    start = last
    while start > 0 and labels[start - 1] == "title":
        start -= 1
    period = start - 1
    stops = ".．"
    while period >= 0 and labels[period] in _NAME_RUN and tokens[period].text not in stops:
        period -= 1
    if period < 1 or tokens[period].text not in stops or "author" not in labels[:period]:
        return
    if "author" in labels[period + 1 : start]:
        for k in range(period + 1, start):
            labels[k] = "title"


def _issue_without_volume_after_date(tokens: Sequence[Token], labels: list[str]) -> None:
    """The Cochrane Library numbers its reviews by issue, with no volume, and a review's
    citation prints the issue in brackets after the date: "Cochrane Database Syst Rev.
    2013;(9):CD004366". A number alone in brackets after "year;" and before a lettered article
    number is the issue, not the volume. Not before ordinary pages: "Nutrients. 2013;
    (5):1384-416" is volume 5 printed as an issue."""
    for i in range(3, len(tokens) - 1):
        if (
            labels[i] == "volume"
            and tokens[i - 1].text == "("
            and tokens[i + 1].text == ")"
            and tokens[i - 2].text == ";"
            and labels[i - 3] == "date"
            and tokens[i].text.isdigit()
            and labels.count("volume") == 1
        ):
            after = _next_word(tokens, i)
            if after is not None and labels[after] == "pages" and tokens[after].text[:1].isalpha():
                labels[i] = "issue"
            return


#: preprint servers, lower-cased, as a reference names them in a sentence of their own; not
#: arXiv, whose "arXiv preprint arXiv:1701.08527" the corpora label a note and an identifier
PREPRINT_SERVERS = frozenset(
    "medrxiv biorxiv chemrxiv psyarxiv socarxiv ssrn preprints techrxiv".split()
)


def _preprint_server_ending_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """A preprint's server printed as a sentence after the title is where it appeared, not
    the title's last word nor a genre: "Seroprevalence of SARS-CoV-2. medRxiv. Preprint posted
    online May 1, 2020", "... single-cell atlas. bioRxiv 2020.01.01.123456", "Reference
    parsing [Preprint]. medRxiv. https://doi.org/..." (APA 7)."""
    run = _title_without_container(labels)
    if run is None:
        return
    start, end = run
    last = _last_word(tokens, start, end)
    if last is None:
        return
    ran_into = tokens[last].text.lower() in PREPRINT_SERVERS
    if ran_into and _last_word(tokens, start, last - 1) is not None:
        server = last  # the title ran into it
    else:  # or it was read as no field, a genre, a date; APA 7 puts "[Preprint]" between
        after = _next_word(tokens, last)
        if after is not None and tokens[after].text.lower() == "preprint":
            after = _next_word(tokens, after)
        if (
            after is None
            or tokens[after].text.lower() not in PREPRINT_SERVERS
            or labels[after] not in ("genre", "note", "other", "date")
        ):
            return
        server = after
    if tokens[server - 1].text != ".":
        return
    for k in range(server - 1, end + 1):
        labels[k] = "other"
    labels[server] = "journal"
    if server + 1 < len(tokens) and labels[server + 1] != "date":
        labels[server + 1] = "other"


#: descriptions of what appears in a journal: the journal after them stays one
_ARTICLE_DESCRIPTIONS = frozenset({"abstract", "editorial", "letter", "letter to the editor"})


def _description_after_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """APA 7 describes a work that is not a paper in square brackets after its title, then
    names who published it: "R: A language and environment for statistical computing [Computer
    software]. R Foundation for Statistical Computing", "Data about things [Data set].
    Zenodo", "How we parse [Blog post]. Parsing Blog", "Reading lists [Doctoral dissertation,
    University of Texas]. ProQuest Dissertations and Theses Global". The model, which saw few
    of these, reads the bracket and what follows it into the title. The bracket's words are the
    work's genre, a thesis's university after its comma the publisher; the sentence after the
    bracket, read as title or journal, is the publisher (the blog, for a blog post; the
    database a thesis was found in, for a thesis whose bracket named its university)."""
    run = _first_run(labels, "title")
    if run is None:
        return
    start, end = run
    opening = next(
        (i for i in range(start + 1, min(end + 2, len(tokens))) if tokens[i].text == "["), None
    )
    if opening is None and end + 1 < len(tokens) and tokens[end + 1].text == "(":
        # APA's number in brackets between: "... adults (Publication No. 123) [Doctoral ..."
        shut = next(
            (i for i in range(end + 2, min(end + 14, len(tokens))) if tokens[i].text == ")"), None
        )
        if shut is not None and shut + 1 < len(tokens) and tokens[shut + 1].text == "[":
            opening = shut + 1
    elif opening is not None and labels[opening - 1] != "title":
        return
    if opening is None:
        return
    closing = next((i for i in range(opening + 1, len(tokens)) if tokens[i].text == "]"), None)
    if closing is None or closing - opening > 30:
        return
    inside = " ".join(t.text for t in tokens[opening + 1 : closing]).lower().replace(" , ", ", ")
    if not DESCRIPTION_RE.fullmatch(inside):
        return
    labels[opening] = labels[closing] = "other"
    comma = next((i for i in range(opening + 1, closing) if tokens[i].text == ","), closing)
    for k in range(opening + 1, closing):
        labels[k] = "genre" if k < comma else ("other" if k == comma else "publisher")
    # the sentence after the bracket, when it was read as the title's
    k = closing + 1
    while k < len(tokens) and not is_word(tokens[k].text):
        labels[k] = "other"
        k += 1
    read = labels[k] if k < len(tokens) else None
    if read not in ("title", "journal", "publisher") or tokens[k - 1].text != ".":
        return
    if read == "publisher" and comma == closing:
        return  # no university in the bracket: the publisher it is
    if read == "journal" and (inside in _ARTICLE_DESCRIPTIONS or "volume" in labels):
        return  # "Editorial: things [Editorial]. Nature, 5": a journal, and its volume
    field = "container-title" if inside == "blog post" else "publisher"
    if comma < closing:
        field = "note"  # the university was in the bracket: this is where the thesis was found
    while k < len(tokens) and labels[k] == read and tokens[k].text != ".":
        labels[k] = field
        k += 1


def _year_opening_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """A year printed with no mark before a title's first word is the title's when the
    reference dates itself later: "Joung H, Shim JE, Jung HJ. 2008 Dietary Goals and Dietary
    Guidelines for Korean Adults. Korean J Nutr 2008;41", "... et al. 2017 ACC expert
    consensus decision pathway ... J Am Coll Cardiol 2017;". Not "Smith J. 2008. Title", where
    a mark follows the year."""
    if "title" not in labels:
        return
    start = labels.index("title")
    year = start - 1
    if (
        year < 0
        or labels[year] != "date"
        or not YEAR_RE.fullmatch(tokens[year].text)
        or (year > 0 and (labels[year - 1] == "date" or tokens[year - 1].text != "."))
        or "date" not in labels[start:]
    ):
        return
    labels[year] = "title"


def _title_opening_journal(tokens: Sequence[Token], labels: list[str]) -> None:
    """With no title found, a journal run that holds a comma or a sentence's end began with the
    title: the words before the first such break are the title ("Catenacci, ..., D. Matessi, Čech
    and de Rham Cohomology of Integral Forms, J. Geom. Phys., 62", "F. Tommasino and M.
    Durante, Proton radiobiolgy, Cancers 7 (2015)", "王薇. 中药治疗化疗所致周围神经病变的效果.
    中国康复理论与实践 2017", "C. Fefferman and C. R. Graham. Q-curvature and Poincaré metrics.
    Math. Res. Lett., 9", "... and Y. Bengio, 'Generative Adversarial
    Nets,' Advances in Neural Information Processing Systems 27"). The sentence's end is a period
    after a lower-case word, or between two words of a script without capitals; at least two
    words before the break (or one such word), no other period or colon among them ("Plasma
    Phys. Control. Fusion", "Space Sci. Rev., 85", "Journal of Physics B: Atomic, Molecular
    and Optical Physics" are one journal), and a word after it."""
    run = _first_run(labels, "journal")
    if run is None or "title" in labels:
        return  # an earlier repair moved them
    start, end = run
    words = 0
    for i in range(start, end):
        text = tokens[i].text
        if is_word(text):
            words += 1
            continue
        if text == "," or (
            text == "."
            and (
                (_ends_sentence(tokens, i) and tokens[i - 1].text.islower())
                or (_caseless(tokens[i - 1].text[-1:]) and _caseless(tokens[i + 1].text))
            )
        ):
            break
        if text in ".:":
            return  # an abbreviation or a colon: a journal's name, not a title
    else:
        return
    tail = [j for j in range(i + 1, end + 1) if is_word(tokens[j].text)]
    if (words < 2 and not _caseless(tokens[start].text)) or not tail:
        return
    for j in range(start, i):
        labels[j] = "title"
    for j in range(i, tail[0]):
        labels[j] = "other"


def _journal_head_in_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """An abbreviated journal's first word, printed like the end of a sentence-case title, is
    the journal's: "Indecomposable fusion products Nucl. Phys. B", "... for the AEI 10 m
    prototype Class. Quantum Grav. 29", "... evaluation of box splines, Numer. Algorithms 8",
    "... tilt-free low-noise seismometry Bull. Seismol. Soc. Am.". The title ends in one
    capitalised word of two to five letters ("Nucl", "Int"; not "NbP", "States", "Räumen", a
    species' "L."), after three words or more, the last lower-case (not "and", "of") or a
    comma, right before a period and a journal with a period inside ("Phys. B"; not "from
    Peru. Sex Transm Infect.", where the title's last word is a place)."""
    if "journal" not in labels:
        return  # an earlier repair took it
    last = labels.index("journal") - 2
    if last < 1 or labels[last] != "title" or tokens[last + 1].text != ".":
        return
    word, before = tokens[last].text, tokens[last - 1].text
    if not (2 <= len(word) <= 5 and word[0].isupper() and word[1:].islower()):
        return
    if before != "," and not (before[:1].islower() and before not in _JOURNAL_JOINERS):
        return
    first = last
    while first > 0 and labels[first - 1] == "title":
        first -= 1
    if "title" in labels[:first] or "title" in labels[last + 1 :]:
        return  # a title in pieces
    if sum(1 for j in range(first, last) if is_word(tokens[j].text)) < 3:
        return
    end = last + 2
    while end + 1 < len(labels) and labels[end + 1] == "journal":
        end += 1
    if not any(tokens[j].text == "." for j in range(last + 3, end)):
        return  # no period inside the journal: not printed abbreviated ("from Iran. Int J Cancer.")
    labels[last] = labels[last + 1] = "journal"
    if before == ",":
        labels[last - 1] = "other"


def _title_tail_in_journal(tokens: Sequence[Token], labels: list[str]) -> None:
    """A journal's name does not open with a lower-case word: printed with no mark between
    title and journal, the words the model gave the journal up to its first capital are the
    title's last ("Hr1 repeat motif J Biol Chem 1998", "... in Drosophila melanogaster Mol
    Neurobiol 1995", "... induced directly by mutant p53 Oncogene 1994", "... investigating
    biology Science 1998"). Not a joining word ("Conservation of Nature"), and only right after
    the title: no journal of the training split opens so."""
    run = _first_run(labels, "journal")
    if run is None:
        return
    start, end = run
    if start == 0 or labels[start - 1] != "title" or not is_word(tokens[start - 1].text):
        return
    i = start
    while i <= end and tokens[i].text[:1].islower() and tokens[i].text not in _JOURNAL_JOINERS:
        i += 1
    if i == start or i > end or not is_word(tokens[i].text):
        return
    for j in range(start, i):
        labels[j] = "title"


def _suffix_opening_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """A title does not open with a name's suffix: "Coalson JJ, Johanson WG Jr. Multiple organ
    system failure", "McGee M, Gretz HF 3d. Abdominal hysterectomy ...", "Willis MM, Eger EI
    2nd. Effect of age on ...". The suffix right after the authors, before a period or a
    comma, is the last author's."""
    if "title" not in labels:
        return
    start = labels.index("title")
    if (
        start < 1
        or labels[start - 1] != "author"
        or start + 2 >= len(labels)
        or tokens[start].text.lower() not in NAME_SUFFIXES
        or tokens[start + 1].text not in ".,"
        or labels[start + 2] != "title"
    ):
        return
    labels[start] = "author"
    labels[start + 1] = "other"


def _last_authors_opening_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """Names printed in natural order, the last two joined by "and", end at the period: a
    title does not open with "... and Given Family." right after such authors ("Euntai Kim,
    Minkee Park, Seunghwan Ji and Mignon Park. A New Approach to Fuzzy Modeling", "Daniel P.
    Huttenlocher, Klara Kedam and Micha Sharir. The Upper Envelope of ...", "ChaolinLi, Zhen
    Wang, and Xiaoming Xie, Improving the timing jitter ..."). The authors before end in a
    written-out family name and a comma; the piece holds one "and", one to three capitalised
    words on each side (none before it when it opens with "and"), and the title goes on after
    its period or comma."""
    if "title" not in labels:
        return
    start = labels.index("title")
    if start < 3 or tokens[start - 1].text != "," or labels[start - 2] != "author":
        return
    family = tokens[start - 2].text
    if len(family) < 2 or not family[0].isupper() or not family[1:].islower():
        return  # "Smith, J., Romeo and Juliet": not a name in natural order
    sides = [0, 0]
    for i in range(start, min(start + 9, len(labels) - 1)):
        word = tokens[i].text
        if labels[i] != "title":
            return
        if word in ".,":
            if sides[1] and sides[1] <= 3 and sides[0] <= 3 and labels[i + 1] == "title":
                for j in range(start, i):
                    labels[j] = "author"
                labels[i] = "other"
            return
        if word == "and" and not sides[1]:
            sides[1] = -1
        elif not (is_word(word) and word[0].isupper()):
            return
        elif sides[1]:
            sides[1] = max(sides[1], 0) + 1
        else:
            sides[0] += 1


def _short_title_before_volume(tokens: Sequence[Token], labels: list[str]) -> None:
    """A reference that prints only a journal, its volume and pages, has no title: a short
    title-case "title" (one to five words, none lower-case but "of", "and", ...) right before
    the volume, with pages and no journal, container or publisher, is the journal ("D. Wei, H.
    Spikes, Wear, Vol. 111, No. 2, p. 217, 1986", "Lowe and Cheng, Drugs of the Future, 17(9),
    799-807, 1992", "Hooper, D., 2017, Physics of the Dark Universe, 15, 53")."""
    title = [i for i, lab in enumerate(labels) if lab == "title"]
    if not title or title[-1] - title[0] + 1 != len(title):
        return
    last = title[-1]
    words = [tokens[i].text for i in title if is_word(tokens[i].text)]
    if not 1 <= len(words) <= 5 or any(
        not w[0].isupper() and w not in _JOURNAL_JOINERS for w in words
    ):
        return
    j = last + 1
    while j < len(labels) and labels[j] == "other" and j - last <= 4:
        j += 1
    if j >= len(labels) or labels[j] != "volume":
        return
    for i in title:
        labels[i] = "journal"


_NAME_LIST_MARKS = frozenset({",", ";", "&", "and", "et", "al", "etal"})


def _journal_read_as_author(
    tokens: Sequence[Token], words: Sequence[int], labels: list[str], given: frozenset[str]
) -> None:
    """A reference that prints a journal's citation alone, with no title (as article pages
    head themselves), opens with the journal's name, not an author: "Macromolecules 1999, 32,
    7726-7731", "Arch. Ophthamol. 2001; 119: 709-717", "European J. of Cancer, Vol. 35, No. 9,
    pp.1394-1401 (1999)", "INFECTION AND IMMUNITY, Oct. 2005, p. 6752–6762 Vol. 73". With a
    volume and no title, the author run that opens the reference is the journal when no journal
    was found, or when the journal follows it after an abbreviation's period ("Atmos. Chem.
    Phys., 9", "Astropart.Phys .22"). Not a list of names ("," ";" "and" "et al."), nor a name
    opening with a given name or an initial ("T. Levi-Civita, Rend. R. Accad. Lincei 26"), or
    holding one ("Wilhelm MP. Vancomycin. Mayo Clin Proc"): "J" is the journal's ("Glycoconjugate
    J (1990) 7:525-543"). ``given`` is the list of given names."""
    if "title" in labels or "volume" not in labels:
        return
    first = next((i for i in words if labels[i] != "citation-number"), None)
    if first is None or labels[first] != "author":
        return
    end = first
    while end + 1 < len(labels) and labels[end + 1] == "author":
        end += 1
    after = next((i for i in words if i > end), None)
    if after is None:
        return
    if "journal" in labels:
        if labels[after] != "journal" or [t.text for t in tokens[end + 1 : after]] != ["."]:
            return
        before = tokens[end].text
        if len(before) < 2 or not before[-1].islower():
            return
    run = [t.text for t in tokens[first : end + 1]]
    if any(w in _NAME_LIST_MARKS for w in run) or run[0].lower() in given:
        return
    if len(run) > 2 and len(run[0]) == 1 and run[1] == "." and run[2][:1].isupper():
        return  # "T. Levi-Civita"
    for k, word in enumerate(run):
        if not CAPS_INITIALS_RE.fullmatch(word) or len(word) > 3:
            continue
        if word == "J" and (run[k + 1 : k + 2] != ["."] or run[k + 2 : k + 3] == ["of"]):
            continue  # "Glycoconjugate J", "J Artif Organs", "European J. of Cancer"
        if k + 1 == len(run) or run[k + 1] == ".":
            return  # "Wilhelm MP", "Wilhelm MP. Vancomycin", "Smith J. Genome"
    for j in range(first, after):
        labels[j] = "journal"


def _first_page_after_volume(
    tokens: Sequence[Token], words: Sequence[int], labels: list[str]
) -> None:
    """With no pages found, the number printed right after the volume is the first page, whatever
    the model took it for: the volume's second number after a comma or a colon ("Phys.Rev .D
    14, 870 (1976 )", "Transgenic Res., 5 : 213, 1996", "ApJ, 561, L55"), a year after the
    volume's year in brackets or after a year before the volume ("Phys. Rev. C 39 (1989)
    1992", "Nano Lett. 2010, 10, 1979"), a second volume after the bracketed year ("Nucl. Phys.
    A 729 (2003) 337") or an issue before it ("Living Rev. Sol. Phys. 8, 6 (2011)"). Not one or
    two digits after a comma, the volume's issue ("Social Indicators Research, 16, 1, 1985"),
    nor a number in brackets, nor a volume that is a day after its month ("Accessed July 6,
    2015")."""
    run = _first_run(labels, "volume")
    if run is None or "pages" in labels:
        return
    start, end = run
    if start > 0 and tokens[start - 1].text.lower().rstrip(".") in _MONTHS:
        return  # a day: "Accessed July 6, 2015"
    if end - start == 2:
        mark, page = tokens[start + 1].text, tokens[end].text
        if (
            mark in (",", ":")
            and tokens[start].text.isdigit()
            and page[:1].isalnum()
            and page[-1:].isdigit()
            and not (mark == "," and len(page) < 3 and page.isdigit())  # "16, 1": an issue
        ):
            labels[start + 1] = "other"
            labels[end] = "pages"
        return
    after = [i for i in words if i > end][:2]
    if start != end or not after:
        return
    i = after[0]
    year_between = (
        labels[i] == "date"
        and tokens[i - 1].text == "("
        and i + 1 < len(tokens)
        and tokens[i + 1].text == ")"
    )
    if year_between:
        if len(after) < 2:
            return
        i = after[1]
    if not tokens[i].text.isdigit() or tokens[i - 1].text == "(":
        return
    if i + 1 < len(tokens) and tokens[i + 1].text == ")":
        return
    if labels[i] == "date":
        is_page = year_between or any(
            labels[j] == "date" and YEAR_RE.fullmatch(tokens[j].text) for j in words if j < start
        )
    elif labels[i] == "volume":
        is_page = year_between
    elif labels[i] == "issue":
        is_page = (
            not year_between
            and tokens[i - 1].text == ","
            and i + 2 < len(tokens)
            and tokens[i + 1].text == "("
            and labels[i + 2] == "date"
        )
    else:
        is_page = False
    if is_page:
        labels[i] = "pages"
        j = i - 1
        while not is_word(tokens[j].text) and labels[j] in ("date", "volume", "issue"):
            labels[j] = "other"
            j -= 1


def _conference_year_as_volume(tokens: Sequence[Token], labels: list[str]) -> None:
    """A conference's short name ends with its year in two digits, not a volume: "INTERACT 90
    Proceedings, August 1990", "Proceedings of CHI 90 (Seattle, ..., 1990)", "Symbolic
    Algebraic Computation ISSAC 93, 1993". Only two digits that are the end of a year of the
    reference, right after an acronym of the journal or the proceedings, or after an
    apostrophe ("CSCW '98")."""
    run = _first_run(labels, "volume")
    if run is None or run[0] != run[1] or run[0] < 2:
        return
    i = run[0]
    word = tokens[i].text
    if len(word) != 2 or not word.isdigit():
        return
    j = i - 1
    if tokens[j].text in ("'", "’"):
        j -= 1
    name = labels[j]
    if name not in ("journal", "container-title", "collection-title"):
        return
    if j == i - 1 and not (tokens[j].text.isupper() and len(tokens[j].text) > 2):
        return
    years = {
        tokens[k].text[2:4]
        for k, label in enumerate(labels)
        if label == "date" and YEAR_RE.fullmatch(tokens[k].text)
    }
    if word in years:
        for k in range(j + 1, i + 1):
            labels[k] = name


def smooth(labels: list[str]) -> list[str]:
    """A lone word tagged date/volume/... inside a title is part of the title
    ("trends between 1990 and 2017"): the year is elsewhere."""
    for i in range(1, len(labels) - 1):
        around = labels[i - 1]
        if around == labels[i + 1] and around in _LONG_FIELDS and labels[i] in _SHORT_FIELDS:
            labels[i] = around
    return labels


#: what a bracket before a title holds when it gives no date or cue of its own: "(in press)"
_PUBLICATION_STATES = frozenset({"press", "preparation", "forthcoming", "submitted", "print"})


def _title_opening_in_brackets(tokens: Sequence[Token], labels: list[str]) -> None:
    """A title does not open inside brackets that opened before it: what the brackets hold is
    the date or an editor's cue, and the title follows their closing ("Zetter, K. (2015, Aug
    6). Researchers hacked a Model S", "Walker, Cheryl (1996, December 9). Charlotte Opal
    becomes ...", "Furhmann, T. & Blikstein, P. (in preparation). Introducing concepts ...",
    "G. Camassa (a c. di), Idea e realtà del viaggio", "M. C. Ferris and J.-S. Pang
    (editors). Complementarity and ..."). The bracket opened at most four tokens before the
    title and closes within six, and the title goes on after it. The words are the date when
    a year the model called the date comes before them in the brackets; a cue is no field,
    and a publication state ("in press", "forthcoming") is the date. Other words in brackets
    may be the title's, its head read as an author's name ("Kunkel SL, ..., Strieter RM.
    Interleukin-8 (IL-8): the major ...", "Sun Microsystems. Java (tm): Programming for the
    Internet")."""
    run = _first_run(labels, "title")
    if run is None:
        return
    start, end = run
    opening = start - 1
    while opening > 0 and start - opening <= 4 and tokens[opening].text not in ("(", ")"):
        opening -= 1
    if opening <= 0 or tokens[opening].text != "(":
        return
    closing = start
    while closing < end and closing - start <= 6 and tokens[closing].text not in ("(", ")"):
        closing += 1
    if tokens[closing].text != ")" or _label_of_next_word(tokens, labels, closing) != "title":
        return
    inside = [j for j in range(opening + 1, closing) if is_word(tokens[j].text)]
    given = [j for j in inside if j < start and labels[j] != "other"]
    texts = {tokens[j].text.lower() for j in inside}
    if given:
        if not any(labels[j] == "date" and YEAR_RE.fullmatch(tokens[j].text) for j in given):
            return  # "NGFI-B (Nurr77/Nr4a1) orphan nuclear receptor": a title in pieces
        label = "date"
    elif texts <= _EDITOR_CUE_WORDS | {"a", "c", "cura", "di"}:
        label = "other"
    elif texts & _PUBLICATION_STATES:
        label = "date"
    else:
        return  # the title's own: "Interleukin-8 (IL-8): the major ...", "Java (tm): ..."
    for j in range(start, closing):
        labels[j] = label if is_word(tokens[j].text) or labels[j - 1] == label else "other"
    while not is_word(tokens[closing].text):  # the title goes on after the closing
        labels[closing] = "other"
        closing += 1


def _is_initial(word: str) -> bool:
    """``word`` is one capital letter: an initial."""
    return len(word) == 1 and word.isupper()


def _family_opening_title(
    tokens: Sequence[Token], labels: list[str], given: frozenset[str]
) -> None:
    """Authors whose last person is only initials or given names lack that person's family
    name: the title's words up to its first period or colon, when they read as that name,
    are the author's ("A. Heinemann, T. Straub: An Anonymous Bonus Point System", "M.
    Kitsuregawa, H. Tanaka, and T. Moto-oka. Application of hash ...", "Thomas von Eicken,
    ..., and Karl Erik Schauser. Active messages: ...", and with the next person after "and":
    "Cherri M. Pancake and Sue Utter. Models for visualization ...", "Joon S. Park and Ravi
    Sandhu. RBAC on the web"). The last person's words are initials or in the list of given
    names (``given``), the last an initial unless nothing parts them from the title; the name
    is one or two capitalised words, and "and" one to three more. A last person after a lone
    family name and a comma is that name's initials ("He, P., ..., and Chen, W. Deberta: ...")."""
    run = _first_run(labels, "author")
    title = _first_run(labels, "title")
    if run is None or title is None:
        return
    start, end = run
    head = title[0]
    if head <= end:
        return
    if head + 1 < title[1] and tokens[head].text in ("and", "&"):
        head += 1
    gap = {t.text for t in tokens[end + 1 : head]}
    if gap & {"and", "&"}:
        if gap <= {",", "and", "&"} and len(tokens[end].text) > 1 and is_word(tokens[end].text):
            _last_person_opening_title(tokens, labels, end, head, title[1])
        return
    if gap - {"."}:
        return
    piece = end
    while piece > start and tokens[piece - 1].text.lower() not in _NAME_BREAKS - {"."}:
        piece -= 1
    person = [t.text for t in tokens[piece : end + 1] if t.text not in (".", "-")]
    if not person or not all(_is_initial(w) or w.lower() in given for w in person):
        return
    if not _is_initial(person[-1]) and head != end + 1:
        return
    if piece > start:  # the person before must be whole: "Chen, W." is one person
        before = piece - 1
        while before > start and tokens[before - 1].text.lower() in _NAME_BREAKS:
            before -= 1
        previous = before
        while previous > start and tokens[previous - 1].text.lower() not in _NAME_BREAKS - {"."}:
            previous -= 1
        if before - previous < 2:
            return
    words, joined = 0, 0
    for i in range(head, min(title[1], head + 9)):
        word = tokens[i].text
        if word in (".", ":") and words and i + 1 <= title[1]:
            if joined < 0 or joined > 3 or _is_initial(tokens[i - 1].text):
                return  # "Keller and J. Basu.": not the name's end
            for j in range(head, i):
                labels[j] = "author"
            labels[i] = "other"
            return
        if word == "and" and words and not joined:
            joined = -1
        elif not is_word(word) or not word[0].isupper() or (word.isupper() and len(word) > 1):
            return
        elif joined:
            joined = max(joined, 0) + 1
        else:
            words += 1
            if words > 2:
                return


def _family_glued_to_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """An initials-first list whose last person is only initials lost that person's family
    name to the title when no mark parts the two, as text taken from a PDF often prints
    them: "Z. Guo, D. J. Schwarz Power spectra from an inflaton ...", "M.Gasperini Tensor
    perturbations in ...", "J. Dilts and D. Maxwell Yamabe Classification and ...". The
    title's first word, capitalised and followed by another word, is the family name (with
    the next one after a particle: "K. Van Acoleyen"). Every person before the last is
    initials then a name, so a list printed family first ("Smith, J. Title") is left alone;
    a person alone has one initial."""
    run = _first_run(labels, "author")
    if run is None or not _is_initial(tokens[run[0]].text):
        return  # most lists: "Smith JP, ..."
    title = _first_run(labels, "title")
    if title is None:
        return
    start, end = run
    head, last = title
    gap = end + 1
    while gap < head and tokens[gap].text == "." and labels[gap] == "other":
        gap += 1
    if gap != head or head + 2 > last:
        return
    person: list[str] = []
    people = 0
    for i in range(start, end + 1):
        word = tokens[i].text
        if word in (",", ";", "and", "&"):
            if not person or not _is_initial(person[0]) or _is_initial(person[-1]):
                return  # a person before the last is initials, then a name
            person = []
            people += 1
        elif word not in (".", "-"):
            person.append(word)
    if not person or not all(_is_initial(w) for w in person) or (not people and len(person) > 1):
        return  # alone, one initial: "M.Gasperini Tensor ...", not "U.S. National Library"
    family = head + 1 if tokens[head].text.lower() in PARTICLES else head
    for i in range(head, family + 1):
        word = tokens[i].text
        if not word.isalpha() or not word[0].isupper() or (word.isupper() and len(word) > 1):
            return  # a name; "A. B. ABC study of ..." is left alone
        if tokens[i + 1].start != tokens[i].end + 1:
            return  # no mark, one space, between the name and the title
    if family + 1 > last or not is_word(tokens[family + 1].text):
        return
    for i in range(end + 1, family + 1):
        labels[i] = "author"


def _last_person_opening_title(
    tokens: Sequence[Token], labels: list[str], end: int, head: int, last: int
) -> None:
    """The one to three capitalised words at ``head``, after the authors ending at ``end`` and
    an "and", up to a period, a colon or (after two words or more) a comma, are the last
    author (see :func:`_family_opening_title`)."""
    for i in range(head, min(last, head + 4)):
        word = tokens[i].text
        if word in (".", ":", ",") and i > head:
            if word == "," and i - head < 2:
                return
            for j in range(end + 1, i):
                labels[j] = "author"
            labels[i] = "other"
            return
        if not is_word(word) or not word[0].isupper() or len(word) < 2:
            return


_HYPHENATED_INITIALS_RE = re.compile(r"[A-Z]{1,3}(?:-[A-Z]{1,2})?")


def _is_vancouver_person(words: Sequence[str]) -> bool:
    """``words`` are one person as Vancouver prints it: a family name of one to three words
    (particles in lower case allowed) and capital initials with no periods ("De Lorgeril M",
    "de Belle S", "Winter K-U")."""
    if not 2 <= len(words) <= 5 or not _HYPHENATED_INITIALS_RE.fullmatch(words[-1]):
        return False
    family = words[:-1]
    return any(w[0].isupper() and not w.isupper() for w in family) and not any(
        c.isdigit() for w in family for c in w
    )


def _vancouver_title_head(tokens: Sequence[Token], labels: list[str]) -> None:
    """In a Vancouver list of two people or more ("Family INITIALS", commas between, no periods
    in the names) the first period after a person ends the authors: what the model ran on
    after it is the title's head, whatever it looks like ("Renaud S, De Lorgeril M. Wine,
    alcohol, platelets and the French paradox", "Mouradov A, ..., Theißen G. A DEF/GLO-like
    MADS-box gene", "Atochina EN, ..., Beck JM. P. carinii induces ...", "DeZazzo J, ...,
    Tully T. nalyot, a mutation of ...", "Powell D, ..., West A. Myofibroblasts. I. Paracrine
    cells ..."). Only when the title follows; not when a group's name does ("Smith AB, Jones
    C. ABC Study Group"), nor a number alone ("Lysy J, ..., Goldin E. 8. Relationships
    between ...", a page's line numbers in the extracted text)."""
    run = _first_run(labels, "author")
    if run is None:
        return
    start, end = run
    if not _period_before(tokens, start, end):
        return  # no period inside the run: nothing ran on after the list (most lists)
    people = 0
    person: list[str] = []
    dot = None
    for i in range(start, end + 1):
        word = tokens[i].text
        if word in (",", "."):
            if not _is_vancouver_person(person):
                return
            people += 1
            person = []
            if word == ".":
                dot = i
                break
        else:
            person.append(word)
    if dot is None or people < 2 or dot == end:
        return
    after = end + 1
    while after < len(labels) and not is_word(tokens[after].text):
        after += 1
    if after >= len(labels) or labels[after] != "title":
        return
    rest = [t.text for t in tokens[dot + 1 : end + 1]]
    if any(w.lower() in _GROUP_END for w in rest) or not any(w.isalpha() for w in rest):
        return  # a group, or a number from the page's layout ("Goldin E. 8. Relationships")
    labels[dot] = "other"
    for j in range(dot + 1, after):
        labels[j] = "title"


#: what a number with a counter may open with: "제12권", "第3期", "총第159期", "통권제1호"
_COUNTER_OPENERS = frozenset("제第총통總总通")
#: a year or a month or day with its counter: "2016년", "2020年", "3월", "5月", "22日"
_DATE_COUNTER_RE = re.compile(r"(?:1[5-9]|20)\d\d[년年]|\d{1,2}[월月일日]")


def _counter(text: str) -> str | None:
    """The field a number with a counter names ("제12권": volume; "77巻3号": the volume, with
    its issue), or None."""
    m = COUNTER_RE.fullmatch(text)
    return None if m is None else COUNTER_FIELDS[m.group(1)]


def _caseless_counters(tokens: Sequence[Token], labels: list[str]) -> None:
    """Numbers printed with their counters are the volume, the issue and the pages ("한국심리학회지,
    제7권, 제2호, 211-239쪽", "言語研究 12巻 3号, 45-67頁", "南方建築. 第3期: 33-35"), and
    "2016년 3월", "2020年 5月 22日" the date. The model knows few counters and reads them as no
    field, or as a title's or a journal's words, or a year with its counter as the pages. A
    counter followed by a word ("第3期临床试验" is one word; "第3期 临床试验" a title's "phase 3")
    is left alone, and so are the authors' and editors' names."""
    dated = False
    for i, token in enumerate(tokens):
        text = token.text
        if labels[i] in ("author", "editor") or not (
            text[:1].isdigit() or text[:1] in _COUNTER_OPENERS
        ):
            dated = False
            continue
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if nxt and _caseless_word(nxt):
            dated = False
            continue
        field = _counter(text)
        if field is not None:
            labels[i] = field
        elif _DATE_COUNTER_RE.fullmatch(text) and (dated or len(text) > 4):
            labels[i] = "date"
        dated = labels[i] == "date"


#: what may stand between a journal's name and its volume: "조선고고연구-1"
_NUMBER_LEAD = frozenset({"-", "–", "("})


def _numbering_at(tokens: Sequence[Token], k: int, end: int) -> bool:
    """Token ``k`` opens a journal's numbering: a number ("67-5", "19(4)", "33"), a counter
    ("45巻", "第3期"), or a hyphen before a number ("-1"), with its first token by ``end``."""
    text = tokens[k].text
    if text in _NUMBER_LEAD:
        return k + 1 <= end and _PLAIN_NUMBER_RE.fullmatch(tokens[k + 1].text) is not None
    return _PLAIN_NUMBER_RE.fullmatch(text) is not None or _counter(text) is not None


_QUOTE_MARKS = frozenset(DOUBLE_QUOTES) | {"'", "‘", "「", "『"}
#: a number or a range of numbers, and nothing glued on ("1일", the first day, is a word)
_PLAIN_NUMBER_RE = re.compile(r"\d+(?:[-–]\d+)?")


def _caseless_journal_in_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """Chinese, Japanese and Korean humanities lists print "author, year, title, journal
    volume-issue, publisher" with commas only, or a space between title and journal:
    "岡村秀典, 1984, 前漢鏡の編年と様式, 史林 67-5, 史學研究會", "박양진, 1998, 북한 고고학의
    몇 가지 특징, 인문학연구 25-2, 충남대학교 인문과학연구소", "李龙彬, 2008,
    铁岭境内高句丽山城的几个问题, 东北史地 4期", "한인호, 1988, 고구려벽화무덤의 사신도에 대하여
    조선고고연구-1". The model, which saw few of
    these, reads all of it as the title. In a title with no journal before its end, the first
    stretch after a comma or a sentence (or, failing that, the last word before a space) whose
    words, in such a script, are followed by a number or a counter is the journal; the numbers
    are its volume and issue (:func:`_numbering_and_publisher`), and the stretches after them,
    in such a script, the publisher (also when the model called them a journal: "... 45巻 1号
    (阪南大学学会, 2009)"). A book's "place: publisher" before its pages ("北京: 人民出版社,
    45-67页") is its place and publisher."""
    run = _first_run(labels, "title")
    if run is None:
        return
    start, end = run
    if "journal" in labels[:end] or "container-title" in labels[:end]:
        return
    if start > 0 and tokens[start - 1].text in _QUOTE_MARKS:
        return  # a quoted title ends at its mark
    # a volume right after the run belongs with it: "..., 吉代文化 33."
    stop = end + 1 if end + 1 < len(tokens) and labels[end + 1] in ("volume", "issue") else end
    pieces = _pieces(tokens, start, stop, sentences=True)
    found = None
    for a, b in pieces[1:]:
        name = _caseless_name(tokens, a, b + 1)
        if name is None:
            continue
        last = name[1]
        if last < b and _numbering_at(tokens, last + 1, b):
            found = (a, last)
            break
        if last == b:  # the numbers after a comma: "言語研究, 12巻", "言語研究，12(3)"
            after = _next_word(tokens, b)
            if (
                after is not None
                and labels[after] != "date"
                and _numbering_at(tokens, after, after)
            ):
                found = (a, last)
                break
    if found is None:
        found = _journal_after_space(tokens, *pieces[-1])
        if found is None:
            return
    head, last = found
    if head > start and (tokens[head - 1].text in _COMMAS or tokens[head - 1].text == "."):
        labels[head - 1] = "other"
    colon = next((k for k in range(head + 1, last) if tokens[k].text == ":"), None)
    if colon is not None and tokens[last].text.endswith(_CJK_PUBLISHER_ENDS):
        # a book's "place: publisher" and its pages: "北京: 人民出版社, 45-67页"
        for k in range(head, last + 1):
            labels[k] = "location" if k < colon else "other" if k == colon else "publisher"
        pages = _next_word(tokens, last)
        if pages is not None and (
            _counter(tokens[pages].text) == "pages" or RANGE_RE.fullmatch(tokens[pages].text)
        ):
            labels[pages] = "pages"
        return
    for k in range(head, last + 1):
        labels[k] = "journal"
    _numbering_and_publisher(tokens, labels, last + 1)
    # with no author found, one name before a comma (or, with kana or Hangul, a colon) that
    # opens the title is the author: "山田太郎, 日本語の文法について, 言語研究 12巻 3号", or a
    # Japanese name with a space between family and given name: "齋藤 忍, 傾斜..."
    if "author" in labels:
        return
    name_end = start
    if (
        name_end + 1 < head
        and _KANJI_RE.match(tokens[name_end].text)
        and len(tokens[name_end].text) <= 4
        and _KANJI_RE.match(tokens[name_end + 1].text)
        and len(tokens[name_end + 1].text) <= 4
    ):
        name_end += 1  # and the given name
    mark = name_end + 1
    if (
        mark + 2 < head
        and _caseless_person(tokens[start].text, 8 if name_end > start else _CASELESS_NAME_MAX)
        and (
            tokens[mark].text in _COMMAS
            or (tokens[mark].text == ":" and _KANA_OR_HANGUL_RE.search(tokens[mark + 1].text))
        )
    ):
        for k in range(start, name_end + 1):
            labels[k] = "author"
        labels[mark] = "other"


#: the fields a journal's numbering and the publisher after it may have been read as
_NUMBERING_READ_AS = frozenset({"title", "volume", "issue", "journal", "container-title", "other"})


def _numbering_and_publisher(tokens: Sequence[Token], labels: list[str], start: int) -> None:
    """From ``start``, just after a journal's name in a script without capitals: its numbers
    ("67-5", "19(4)", "제3호") are the volume (with the issue where brackets or counters print
    it; the issue after a hyphen, "67-5", is not read), and the words after them up to the
    date, in such a script, the publisher ("史林 67-5, 史學研究會")."""
    numbering = True
    for k in range(start, len(tokens)):
        if labels[k] not in _NUMBERING_READ_AS:
            break
        text = tokens[k].text
        if numbering and (
            _PLAIN_NUMBER_RE.fullmatch(text) or text in "()" or _counter(text) is not None
        ):
            if labels[k] in ("title", "other", "journal", "container-title"):
                labels[k] = "volume"
            continue
        if text in _COMMAS or text in ".-–":
            labels[k] = "other"
            continue
        numbering = False
        labels[k] = "publisher" if _caseless_word(text) else "other"


#: a journal's name with its issue glued on by a hyphen: "조선고고연구-1"
_GLUED_ISSUE_RE = re.compile(r"([^\W\d]+)[-–]\d{1,3}")


def _journal_after_space(tokens: Sequence[Token], a: int, b: int) -> tuple[int, int] | None:
    """In the stretch ``a``..``b`` of a title, the last word, in a script without capitals,
    after a space and before the numbers ("... 사신도에 대하여 조선고고연구-1", "... 開発利用
    阪南論集 45巻"), when title words stay before it: its first and last token."""
    k = next((m for m in range(a + 2, b + 1) if _numbering_at(tokens, m, b)), None)
    if k is None:  # the number glued on: "조선고고연구-1"
        m = _GLUED_ISSUE_RE.fullmatch(tokens[b].text)
        if m is None or b < a + 1 or not _caseless(m.group(1)):
            return None
        k = b + 1
        word = b
    else:
        word = k - 1
        if not _caseless_word(tokens[word].text):
            return None
    if tokens[word - 1].end >= tokens[word].start or not any(
        _caseless_word(tokens[m].text) for m in range(a, word)
    ):
        return None
    return word, word


def _caseless_imprint_ending_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """A book's "place: publisher" that the title ran into: "もう、怒らない。心が軽くなる本. 東京:
    岩波書店", "中国通史. 北京: 人民出版社": after the title's last sentence break, a short place
    and a colon before a name that ends as publishers' do (:data:`_CJK_PUBLISHER_ENDS`)."""
    run = _first_run(labels, "title")
    if run is None:
        return
    start, end = run
    last = _last_word(tokens, start, end)
    if last is None or last - 2 <= start or not tokens[last].text.endswith(_CJK_PUBLISHER_ENDS):
        return
    colon, place = last - 1, last - 2
    if not (
        tokens[colon].text == ":"
        and _caseless_word(tokens[place].text)
        and len(tokens[place].text) <= 4
        and tokens[place - 1].text in (".", ",")
    ):
        return
    labels[place - 1] = "other"
    labels[place], labels[colon], labels[last] = "location", "other", "publisher"


def _caseless_editors(tokens: Sequence[Token], labels: list[str]) -> None:
    """Names that end with a mark that says they edited the work are its editors: "王五 主编.
    中国通史[M]", "王五主编", "홍길동 엮음 (2010)", "鈴木一郎編" (:data:`CJK_EDITED_BY`)."""
    run = _first_run(labels, "author")
    if run is None or "title" not in labels:
        return  # with no title, the builder would make one of the editors' names
    start, end = run
    last = _last_word(tokens, start, end)
    if last is None or not _caseless(tokens[last].text[:1]):
        return
    word = tokens[last].text
    if word in CJK_EDITED_BY or (word.endswith(CJK_EDITED_BY) and len(word) > 2):
        for k in range(start, end + 1):
            labels[k] = "editor"


def _caseless_author_before_year(tokens: Sequence[Token], labels: list[str]) -> None:
    """One name in a script without capitals before a year in brackets is the author, not a
    journal or a title: "中井えり子 (2015). 大学図書館と特殊コレクション. カレントアウェアネス,
    323, 8-10", "山田太郎 (2005) 日本語の文法について. 言語研究 12: 45-67" (APA in Japanese)."""
    k = _list_number(tokens)
    if k + 3 >= len(tokens) or labels[k] == "author" or "author" in labels:
        return
    if (
        _caseless_person(tokens[k].text)
        and tokens[k + 1].text == "("
        and YEAR_RE.fullmatch(tokens[k + 2].text) is not None
    ):
        labels[k] = "author"


#: how a publisher's name ends in Chinese, Japanese and Korean: "岩波書店", "人民出版社",
#: "한국출판사"; printed against a book's closing bracket, "『日本教育史』岩波書店"
_CJK_PUBLISHER_ENDS = ("書店", "书店", "出版社", "出版", "出版部", "出版会", "社", "館", "房")


def _bracketed(
    tokens: Sequence[Token], opening: str, closing: str, start: int = 0
) -> tuple[int, int] | None:
    """The first and last token inside the first pair of ``opening`` and ``closing`` from
    ``start``, when they hold a whole field: no word glued after the closing mark
    ("「ゆとり教育」の功罪" quotes inside a title), but a publisher's name
    ("『日本教育史』岩波書店")."""
    first = next((i for i in range(start, len(tokens)) if tokens[i].text == opening), None)
    if first is None:
        return None
    last = next((i for i in range(first + 1, len(tokens)) if tokens[i].text == closing), None)
    if last is None or last == first + 1:
        return None
    if (
        last + 1 < len(tokens)
        and _caseless_word(tokens[last + 1].text)
        and tokens[last].end == tokens[last + 1].start
        and not tokens[last + 1].text.endswith(_CJK_PUBLISHER_ENDS)
    ):
        return None
    return first + 1, last - 1


def _corner_brackets(tokens: Sequence[Token], labels: list[str]) -> None:
    """Japanese and Korean lists put an article's title in corner brackets and the journal's
    or the book's in double ones: "山田太郎 (2005) 「日本語の文法について」『言語研究』12(3)",
    "홍길동·김철수, 「한국어 문법 연구」, 『언어학회지』 12". What the brackets hold is that
    field, whatever the model read (the names before them, too, when it ran them together,
    and the marks after them); a book in double brackets with no article before it is the
    title, and a publisher's name glued after it the publisher. Double brackets inside the
    corners quote a book in the article's title ("「村上春樹の『ノルウェイの森』」")."""
    article = _bracketed(tokens, "「", "」")
    work = _bracketed(tokens, "『", "』", article[1] + 2 if article is not None else 0)
    if article is not None and work is not None and work[0] < article[0]:
        article = None  # 『book』「...」: the corners quote inside it
    if article is not None:
        _field_in_brackets(tokens, labels, article, "title")
    if work is None:
        return
    after = _next_word(tokens, work[1] + 1)
    numbered = after is not None and _numbering_at(tokens, after, after)
    field = "title" if article is None else "journal" if numbered else "container-title"
    _field_in_brackets(tokens, labels, work, field)
    if article is not None:  # "「章」 鈴木一郎編『本』": the editor between
        for k in range(article[1] + 2, work[0] - 1):
            if tokens[k].text.endswith(CJK_EDITED_BY) and _caseless_word(tokens[k].text):
                for m in range(article[1] + 2, k + 1):
                    labels[m] = "editor" if is_word(tokens[m].text) else "other"
    if field == "journal":
        return
    k = work[1] + 2
    if k < len(tokens) and tokens[k].start == tokens[k - 1].end and _caseless_word(tokens[k].text):
        labels[k] = "publisher"  # "『日本教育史』岩波書店"
        return
    # a book's place and publisher after it, which the model ran into the title: "東京: 岩波書店"
    colon = k + 1
    if (
        colon + 1 < len(tokens)
        and tokens[colon].text == ":"
        and _caseless_word(tokens[k].text)
        and _caseless_word(tokens[colon + 1].text)
        and labels[colon + 1] in _NUMBERING_READ_AS
    ):
        labels[k], labels[colon], labels[colon + 1] = "location", "other", "publisher"
        pages = _next_word(tokens, colon + 1)
        if pages is not None and article is not None and RANGE_RE.fullmatch(tokens[pages].text):
            labels[pages] = "pages"


def _field_in_brackets(
    tokens: Sequence[Token], labels: list[str], inside: tuple[int, int], field: str
) -> None:
    """The tokens ``inside`` the brackets are ``field``; the brackets, and the marks after the
    closing one ("」,"), no field."""
    first, last = inside
    for k in range(first - 1, last + 2):
        labels[k] = field if first <= k <= last else "other"
    k = last + 2
    while k < len(tokens) and not is_word(tokens[k].text) and labels[k] == field:
        labels[k] = "other"
        k += 1


#: what a thesis is called after its title: "Doctoral dissertation", "PhD thesis", "Ph.D.
#: Thesis", "Master's thesis", "MSc thesis", "Thèse de doctorat", "Tesis doctoral"
_THESIS_KIND_RE = re.compile(
    r"(?:(?:ph\s?\.?\s?d\.?|doctoral|doctorate|master'?s?|m\.?\s?sc\.?|m\.?\s?a\.?|ba|bsc|bachelor'?s?"
    r"|diploma|habilitation|dr\.?)\s+)?(?:thesis|dissertation)"
    r"|thèse(?:\s+de\s+(?:doctorat|master))?|these\s+de\s+(?:doctorat|master)"
    r"|tesis(?:\s+doctoral)?|doktorarbeit",
    re.IGNORECASE,
)


#: what a string holds when _thesis_ending_title may find something (lower case)
_THESIS_HINTS = ("thes", "thès", "tesis", "dissert", "doktor")


def _thesis_ending_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """A thesis's kind printed as the title's last sentence or comma's piece is the genre, not
    the title's: "Widget use in older adults. Doctoral dissertation, Harvard University; 2019",
    "La brique dans l'architecture impériale, Thèse de doctorat, Université de Provence". Read
    so, the reference is a thesis. Not in an article, which has a journal or a volume ("Marx,
    thesis. Critical Inquiry, 41(3)")."""
    run = _first_run(labels, "title")
    if run is None or "journal" in labels or "volume" in labels:
        return
    start, end = run
    for i in range(end - 1, start, -1):
        if tokens[i].text not in ".,":
            continue
        tail = " ".join(tokens[k].text for k in range(i + 1, end + 1))
        tail = tail.replace(" .", ".").replace(". ", ".").replace(" '", "'").replace("' ", "'")
        if _THESIS_KIND_RE.fullmatch(tail.strip(".")):
            labels[i] = "other"
            for k in range(i + 1, end + 1):
                labels[k] = "genre"
        return


def _is_place(tokens: Sequence[Token], start: int, end: int, places: frozenset[str]) -> bool:
    """Tokens ``start``..``end`` name a publisher's place: one to three capitalised words of
    the place list, and a state's or country's code after a comma ("Philadelphia, PA", "New
    York, NY", "Oxford, UK")."""
    words = [tokens[k].text for k in range(start, end + 1) if is_word(tokens[k].text)]
    if words and len(words) > 1 and words[-1].isupper() and len(words[-1]) <= 3:
        words = words[:-1]  # the code
    return (
        1 <= len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and all(w.lower() in places for w in words)
    )


#: the small words inside a publisher's name: "Institute of Education", "Taylor and Francis"
_NAME_JOINERS = frozenset({"of", "and", "&", "the", "for", "und", "de", "et"})


def _is_publisher(tokens: Sequence[Token], start: int, end: int, words: frozenset[str]) -> bool:
    """Tokens ``start``..``end`` name a publisher: capitalised, with a word of the publisher
    list, a medical publisher's name, or "Press", "Publishers", "Inc"."""
    names = [tokens[k].text for k in range(start, end + 1) if is_word(tokens[k].text)]
    if not names or len(names) > 8:
        return False
    if not all(n[:1].isupper() or n.lower() in _NAME_JOINERS for n in names):
        return False  # "Academic medicine in the capital" is a title
    text = " ".join(names)
    return PUBLISHER_WORD_RE.search(text) is not None or any(
        n.lower() in words or n.lower() in PUBLISHER_NAMES for n in names
    )


def _imprint_read_as_title(
    tokens: Sequence[Token], labels: list[str], places: frozenset[str], publishers: frozenset[str]
) -> None:
    """A book's "Place: Publisher" read as its title, or as the title's last sentence: "Smith
    J. Widgets. Philadelphia: Lippincott Williams & Wilkins, 2019" gave the author "Widgets"
    and the title "Philadelphia: Lippincott Williams & Wilkins"; "Smith J, Doe A. Widgets.
    Philadelphia: ..." the title "Widgets. Philadelphia: ...". When the title's last sentence
    is a place of the place list before a colon and a publisher's name after it, ending the
    title, they are the place and the publisher; and when that leaves no title, the sentence
    that ends the authors after an initial is the title. A title "Paris: Capital of Modernity"
    names no publisher and stays; so does "Washington: Academic medicine in the capital" (a
    publisher's name is capitalised) and any title followed by the book's own imprint."""
    run = _first_run(labels, "title")
    if run is None:
        return
    start, end = run
    while end > start and not is_word(tokens[end].text):
        end -= 1
    colon = next((k for k in range(start + 1, end) if tokens[k].text == ":"), None)
    if colon is None:
        return
    head = colon - 1
    while head > start and tokens[head - 1].text != ".":
        head -= 1
    if not _is_place(tokens, head, colon - 1, places):
        return
    if not _is_publisher(tokens, colon + 1, end, publishers):
        return
    following = _label_of_next_word(tokens, labels, end)
    if following is not None and following != "date":
        return  # another field, or the book's own imprint, follows
    for k in range(head, end + 1):
        labels[k] = "location" if k < colon else "other" if k == colon else "publisher"
    if head > start:
        labels[head - 1] = "other"  # the title's period
    else:
        _title_ending_authors(tokens, labels)


_EDITION_RE = re.compile(EDITION_NUMBER)


def _vancouver_initials(word: str) -> bool:
    """Initials before a period: "J", "JP", and a letter written in two, "Дж", "Yu"."""
    return _is_caps_initials(word) or (
        len(word) == 2 and word[0].isupper() and word[1].islower() and word.isalpha()
    )


def _title_ending_authors(tokens: Sequence[Token], labels: list[str]) -> None:
    """A book's one-word title read as the authors' last name, before its place or publisher:
    "Smith J. Widgets. New York, NY: Springer; 2019" gave the author "Widgets" and no title.
    With no title found, the words after the authors' last initial and its period, when the
    place, the publisher or the date follows them, are the title; not another person's name
    ("Smith J. Doe A. ...") and not the family name after an initial ("W. Schadewalt,
    Iliasstudien, Leipzig 1938")."""
    if "title" in labels:
        return
    authors = _first_run(labels, "author")
    if authors is None:
        return
    a, b = authors
    while b > a and not is_word(tokens[b].text):
        b -= 1
    after = _next_word(tokens, b)
    if after is None or not (
        labels[after] in _IMPRINT_LABELS | {"edition"} or _EDITION_RE.fullmatch(tokens[after].text)
    ):
        return
    dot = next(
        (
            k
            for k in range(b - 1, a, -1)
            if tokens[k].text == "." and _vancouver_initials(tokens[k - 1].text)
        ),
        None,
    )
    if dot is None or _is_caps_initials(tokens[b].text) or not tokens[dot + 1].text[:1].isupper():
        return
    family = tokens[dot - 2].text if dot - 2 >= a else ""
    if len(family) < 2 or not family[0].isupper() or _is_caps_initials(family):
        return  # Vancouver's "Smith J." ends a name; "W. Schadewalt" opens one
    for k in range(dot + 1, b + 1):
        labels[k] = "title"
    labels[dot] = "other"


# --------------------------------------------------------------------------------------------
# Russian lists (GOST 7.1 and 7.0.5, in Cyrillic or transliterated)

_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
#: the words before a number that say what it is: "Т. 74" (volume), "№ 3", "Вып. 2" (issue),
#: "С. 123–130" (pages), and the transliterations "Vol.", "no.", "P.", "pp."
_GOST_CUES = {
    "Т": "volume",
    "Том": "volume",
    "Vol": "volume",
    "Вып": "issue",
    "№": "issue",
    "No": "issue",
    "no": "issue",
    "С": "pages",
    "P": "pages",
    "pp": "pages",
}
#: publishers' places as GOST prints them, "М.:" Moscow, "СПб.:" Saint Petersburg, "Л.:"
#: Leningrad, "К.:" Kyiv, "Мн.:" Minsk, and cities written out
_GOST_PLACES = frozenset(
    "М СПб Л К Мн Н Москва Санкт-Петербург Ленинград Киев Минск Новосибирск Екатеринбург Казань "
    "Томск Самара Ростов-на-Дону Иркутск Красноярск Уфа Пермь Воронеж Саратов Алматы Ташкент "
    "Харьков Одесса Челябинск Омск".split()
)
#: a thesis as GOST names it: "дис. ... канд. мед. наук" (for the candidate's degree in
#: medicine), "автореф. дис. ... д-ра биол. наук"
_GOST_THESIS = frozenset({"дис", "автореф", "диссертация"})
_EDITED_BY_RU = ("под", "ред")


def _gost(tokens: Sequence[Token], labels: list[str], text: str) -> None:
    """Russian references as GOST prints them: "Иванов И.И., Петров П.П. Применение виджетов //
    Вестник РАМН. 2019. Т. 74, № 3. С. 123–130", "Иванов И.И. Виджеты // Болезни сердца / под
    ред. П.П. Петрова. М.: Медицина, 2019. С. 45–67", "Иванов И.И. Виджеты в медицине. М.:
    Медицина, 2019. 320 с.", "... : дис. ... канд. мед. наук. М., 2015". The model, which saw
    few, reads the journal after "//" as the title's, "Т." (volume) as the journal, "М.:
    Медицина" as a container and "320 с." (the book's length) as its volume. The title runs from
    the authors (and their "и др.") to the first "/" or "//", the journal or book from "//" to
    the end of its sentence or to a "/" that names its editors ("под ред."); the cues name their
    numbers; "М.:" and a city before a colon the place, the words after it the publisher; a
    number before "с." is the length; "2-е изд." the edition; "дис. ... наук" the genre."""
    n = len(tokens)
    slash = next(
        (
            i
            for i in range(1, n - 2)
            if tokens[i].text == "/"
            and tokens[i + 1].text == "/"
            and tokens[i].end == tokens[i + 1].start
            # spaced on both sides: not a URL's "http://", nor one a PDF broke, "http ://cern.ch"
            and tokens[i - 1].end < tokens[i].start
            and tokens[i + 1].end < tokens[i + 2].start
            and tokens[i - 1].text != ":"  # "http : // reference.wolfram.com"
        ),
        None,
    )
    if slash is None and not _CYRILLIC_RE.search(text):
        return  # "//" inside an address: no GOST record
    for i, token in enumerate(tokens):
        word = token.text
        if labels[i] in ("author", "editor"):
            continue
        after = tokens[i + 1].text if i + 1 < n else ""
        if word in _GOST_CUES:
            k = i + 2 if after == "." else i + 1
            if k < n and tokens[k].text[:1].isdigit():
                labels[i] = "other"
                if k == i + 2:
                    labels[i + 1] = "other"
                field = _GOST_CUES[word]
                if (
                    field != "pages"
                    or RANGE_RE.fullmatch(tokens[k].text)
                    or tokens[k].text.isdigit()
                ):
                    labels[k] = field
        elif word == "с" and after == "." and i > 0 and tokens[i - 1].text.isdigit():
            labels[i - 1] = labels[i] = "other"  # "320 с.": the book's length
        elif word.endswith("-е") and word[:1].isdigit() and after.startswith("изд"):
            labels[i] = labels[i + 1] = "edition"
        elif word in _GOST_PLACES and _gost_imprint(tokens, labels, i):
            continue
        elif word in _GOST_THESIS and after == ".":
            _gost_thesis(tokens, labels, i)
    if slash is not None:
        _gost_container(tokens, labels, slash)
    elif _gost_responsibility(tokens, labels):
        return
    elif "location" in labels or "publisher" in labels:
        _title_ending_authors(tokens, labels)  # "Смит Дж. Виджеты. 2-е изд. М.: ГЭОТАР-Медиа"


def _gost_responsibility(tokens: Sequence[Token], labels: list[str]) -> bool:
    """A book's title and, after a lone "/", the names of those responsible for it (GOST's
    statement of responsibility): "Виджеты в медицине / И.И. Иванов, П.П. Петров. М.: Медицина,
    2019", "Иванов И.И. Виджеты / под ред. П.П. Петрова. М.: Медицина". The names are the
    authors when none come before the title, the editors after "под ред.", and a repetition of
    the authors otherwise. True when a "/" was read so."""
    n = len(tokens)
    slash = next(
        (
            i
            for i in range(1, n - 1)
            if tokens[i].text == "/"
            and tokens[i - 1].end < tokens[i].start < tokens[i].end < tokens[i + 1].start
            and _CYRILLIC_RE.search(tokens[i + 1].text + tokens[i - 1].text)
        ),
        None,
    )
    if slash is None:
        return False
    authors = _first_run(labels, "author")
    start = authors[1] + 1 if authors is not None and authors[1] < slash else 0
    while start < slash and not is_word(tokens[start].text):
        start += 1
    end = slash + 1
    while end < n and not (tokens[end].text == "." and _gost_sentence_end(tokens, end)):
        end += 1
    if start >= slash or end == slash + 1:
        return False
    for m in range(start, slash):
        labels[m] = "title"
    labels[slash] = "other"
    m = slash + 1
    role = "other" if authors is not None and authors[1] < slash else "author"
    if m + 2 < end and (tokens[m].text, tokens[m + 1].text) == _EDITED_BY_RU:
        labels[m] = labels[m + 1] = labels[m + 2] = "other"
        m += 3
        role = "editor"
    for k in range(m, end):
        labels[k] = role
    if end < n:
        labels[end] = "other"
        if end + 1 < n and tokens[end + 1].text in _GOST_PLACES:
            _gost_imprint(tokens, labels, end + 1)  # "М.: Медицина", which the model took for names
    return True


def _gost_imprint(tokens: Sequence[Token], labels: list[str], i: int) -> bool:
    """ "М.: Медицина, 2019", "СПб.: Питер", "Москва: Наука", or "М., 2015" after a sentence:
    the place, and the publisher up to its comma. True when token ``i`` was one."""
    n = len(tokens)
    k = i + 1
    if k < n and tokens[k].text == ".":
        k += 1
    if k < n and tokens[k].text == ":":
        labels[i] = "location"
        for m in range(i + 1, k + 1):
            labels[m] = "other"
        m = k + 1
        while (
            m < n
            and tokens[m].text not in (",", ";")
            and not (tokens[m].text == "." and m + 1 < n and tokens[m + 1].text[:1].isdigit())
        ):
            labels[m] = "publisher"
            m += 1
        return True
    lone = len(tokens[i].text) <= 3  # "М." is an initial too: only after a sentence's end
    if (
        k == i + 2
        and k < n
        and tokens[k].text == ","
        and (
            not lone or (i >= 2 and tokens[i - 1].text == "." and _gost_sentence_end(tokens, i - 1))
        )
    ):
        labels[i] = "location"
        labels[i + 1] = labels[k] = "other"
        return True
    return False


def _gost_thesis(tokens: Sequence[Token], labels: list[str], i: int) -> None:
    """ "Виджеты у пожилых: дис. ... канд. мед. наук": from the thesis's word to "наук" is the
    genre, and the colon before it ends the title."""
    end = next(
        (m for m in range(i + 1, min(i + 16, len(tokens))) if tokens[m].text == "наук"), None
    )
    if end is None:
        return
    start = i - 1 if i > 0 and tokens[i - 1].text == ":" else i
    if start < i:
        labels[start] = "other"
    for m in range(i, end + 1):
        labels[m] = "genre" if is_word(tokens[m].text) else "other"


def _gost_container(tokens: Sequence[Token], labels: list[str], slash: int) -> None:
    """The title before "//" (up to any "/" before it: GOST 7.0.5 repeats the authors there),
    the journal or the book after it."""
    n = len(tokens)
    authors = _first_run(labels, "author")
    start = authors[1] + 1 if authors is not None and authors[0] < slash else 0
    while start < slash and (
        not is_word(tokens[start].text) or tokens[start].text in ("и", "др", "соавт", "et", "al")
    ):
        if is_word(tokens[start].text):
            labels[start] = "author"  # "и др.": et al., with the names
        start += 1
    stop = next((m for m in range(start, slash) if tokens[m].text == "/"), slash)
    if start >= stop:
        return
    for m in range(start, stop):
        labels[m] = "title"
    for m in range(stop, slash + 2):
        labels[m] = "other"
    # the journal or book: to the end of its sentence, or to the "/" before its editors
    end = slash + 2
    while end < n and not (
        tokens[end].text == "/" or (tokens[end].text == "." and _gost_sentence_end(tokens, end))
    ):
        end += 1
    if end == slash + 2:
        return
    numbered = any(labels[m] in ("volume", "issue") for m in range(end, n)) or any(
        tokens[m].text in _GOST_CUES and _GOST_CUES[tokens[m].text] != "pages"
        for m in range(end, n)
    )
    field = "journal" if numbered else "container-title"
    for m in range(slash + 2, end):
        labels[m] = field
    if end < n and tokens[end].text == "/":
        labels[end] = "other"
        m = end + 1
        if m + 2 < n and (tokens[m].text, tokens[m + 1].text) == _EDITED_BY_RU:
            labels[m] = labels[m + 1] = labels[m + 2] = "other"
            m += 3
            while m < n and labels[m] != "location":
                if tokens[m].text == "." and m + 1 < n and tokens[m + 1].text in _GOST_PLACES:
                    labels[m] = "other"
                    break
                labels[m] = "editor"
                m += 1


#: what closes a name or a place before a GOST sentence's period
_GOST_CLOSERS = frozenset(')]»"”')


def _gost_sentence_end(tokens: Sequence[Token], i: int) -> bool:
    """The period at ``i`` ends a sentence in a GOST record: after a word of two letters or more
    (not an initial, "П.") or a closing bracket or quote ("(Москва). 2019", "«Кардиология-2019».
    СПб."), before a dash, a year, a cue or a place."""
    if i == 0 or i + 1 >= len(tokens):
        return False
    before = tokens[i - 1].text
    if len(before) < 2 and before not in _GOST_CLOSERS:
        return False
    after = tokens[i + 1].text
    return (
        after in ("–", "—", "-")
        or after[:1].isdigit()
        or after in _GOST_CUES
        or after in _GOST_PLACES
        or after.lower().rstrip(".") in _MONTHS  # "... Swaziland. September 2009. P. 80-83"
    )


#: what a string holds when _repository_ending_title may find something (lower case)
_REPOSITORY_HINTS = tuple(name.split()[0] for name in REPOSITORY_TYPES)


def _repository_ending_title(tokens: Sequence[Token], labels: list[str]) -> None:
    """A repository printed as the sentence after a data set's or a program's title is its
    publisher, not the title's last words: "Smith J, Doe A. Widget data set. Zenodo. 2020.
    doi:10.5281/zenodo.1234567", "Widget survey data. Harvard Dataverse. 2019"
    (:data:`allrefs.tokens.REPOSITORY_TYPES`)."""
    run = _first_run(labels, "title")
    if run is None:
        return
    start, end = run
    last = _last_word(tokens, start, end)
    if last is None:
        return
    for first in (last - 1, last):
        if first < start + 2 or tokens[first - 1].text != ".":
            continue
        name = " ".join(tokens[k].text.lower() for k in range(first, last + 1))
        if name in REPOSITORY_TYPES:
            labels[first - 1] = "other"
            for k in range(first, end + 1):
                labels[k] = "publisher" if is_word(tokens[k].text) else "other"
            return


_SUPPLEMENT_WORDS = frozenset({"Suppl", "Supplement", "Supp", "suppl", "Pt"})


def _supplement_after_volume(tokens: Sequence[Token], labels: list[str]) -> None:
    """NLM prints a supplement or a part after the volume, with no brackets: "Eur J Cancer.
    2009;45 Suppl 1:27-40", "Eur J Cancer 2009, 45 Suppl 1:27-40", "2010;24 Pt 2:101-5". The
    model, which knows "45(Suppl 1)", read the volume as a note or no field: the number before
    the word is the volume, the word and its number the issue, when the pages follow them."""
    for i in range(2, len(tokens) - 1):
        if tokens[i].text not in _SUPPLEMENT_WORDS or not tokens[i - 1].text.isdigit():
            continue
        if tokens[i - 2].text not in (";", ",") and labels[i - 2] != "date":
            continue
        k = i + 2 if tokens[i + 1].text == "." else i + 1
        numbered = k < len(tokens) and tokens[k].text.isalnum() and len(tokens[k].text) <= 3
        after = k + 1 if numbered else k
        if after >= len(tokens) or not (tokens[after].text == ":" or labels[after] == "pages"):
            continue  # the pages follow: not "Widgets, 2 Pt electrodes" in a title
        labels[i - 1] = "volume"
        labels[i] = "issue"
        if numbered:
            for m in range(i + 1, k + 1):
                labels[m] = "issue"
        return
