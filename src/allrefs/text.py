"""Unicode helpers for names and matching: look-alike letters, invisible characters, keys, slugs.

Pure functions; no IO. ``doi`` borrows the character tables defined here.
"""

from __future__ import annotations

import html
import re
import unicodedata

from anyascii import anyascii

#: the letters of the scripts that print no capitals, as ranges for a character class
HAN = "\u3400-\u4dbf\u4e00-\u9fff"
HIRAGANA = "\u3040-\u309f"
KATAKANA = "\u30a0-\u30ff"
HANGUL = "\uac00-\ud7af"
#: a letter of a script that prints no capitals (Han, kana, Hangul): Chinese and Japanese print
#: no spaces between words either
CASELESS_RE = re.compile(f"[{HIRAGANA}{KATAKANA}{HAN}{HANGUL}]")

#: Characters that print as nothing: soft hyphen, zero-width space/joiners, word joiner, BOM.
INVISIBLE_CHARS: frozenset[str] = frozenset(
    "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
)

#: Cyrillic and Greek letters that are drawn like a Latin letter in common fonts.
HOMOGLYPHS: dict[str, str] = {
    # Cyrillic capitals
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "У": "Y", "Ѕ": "S", "І": "I", "Ј": "J", "Ү": "Y",
    "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W",
    # Cyrillic small letters
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    # Greek capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Greek small letters (only folded inside an otherwise Latin word, see fold_homoglyphs)
    "ο": "o", "ν": "v",
}  # fmt: skip

#: Small Greek look-alikes: a lone "ν" or "ο" is more likely Greek used as Greek.
_WEAK_HOMOGLYPHS = frozenset("ον")

_GREEK_NAMES: dict[str, str] = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ϑ": "theta", "ι": "iota", "κ": "kappa",
    "ϰ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "ο": "omicron", "π": "pi",
    "ϖ": "pi", "ρ": "rho", "ϱ": "rho", "σ": "sigma", "ς": "sigma", "τ": "tau",
    "υ": "upsilon", "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
}  # fmt: skip

_TRANSLIT: dict[str, str] = {
    # Cyrillic (simple, BGN-like)
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "ј": "j", "ѕ": "s",
    # Greek
    "α": "a", "β": "b", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
    # Latin letters that do not decompose into base letter + accent
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
    "ı": "i", "ħ": "h", "ŋ": "ng",
}  # fmt: skip

_WS_RE = re.compile(r"\s+")
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_LATEX_ACCENT_RE = re.compile(
    r"\\(?:([\"'`^~=.])\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))"
    r"|([uvHrkcbdt])\s*\{\s*(\\?[A-Za-z])\s*\})"
)
_LATEX_ACCENTS = {
    '"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "r": "\u030a", "k": "\u0328",
    "c": "\u0327", "b": "\u0331", "d": "\u0323", "t": "\u0361",
}  # fmt: skip
_LATEX_LETTER_RE = re.compile(r"\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])")
_LATEX_COMMAND_RE = re.compile(r"\\([A-Za-z]+)\*?")
_LATEX_LETTERS = {
    "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
    "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "i": "i", "j": "j",
}  # fmt: skip
_GREEK_COMMANDS = {name for name in _GREEK_NAMES.values()} | {"varepsilon", "vartheta", "varphi"}


def strip_invisible(text: str) -> str:
    """Remove soft hyphens, zero-width characters and byte-order marks."""
    if text.isascii() or INVISIBLE_CHARS.isdisjoint(text):
        return text
    return "".join(ch for ch in text if ch not in INVISIBLE_CHARS)


#: full-width forms of ASCII (，．（）：；０-９Ａ-Ｚ, as Chinese and Japanese text prints
#: them) and the ideographic space, to their ASCII characters: what NFKC does to them, one
#: character for one
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
#: the same, and the ideographic full stop ("。", "｡") as a period, for what reads a string's
#: sentences: "王小明（2009）。图像识别研究。计算机学报" ends its sentences so
_FULL_WIDTH_AND_STOPS = _FULL_WIDTH | {0x3002: 0x2E, 0xFF61: 0x2E}


def fold_width(text: str, *, stops: bool = False) -> str:
    """Full-width punctuation, digits and letters as ASCII: "２３（５）：３２１" → "23(5):321";
    with ``stops``, the ideographic full stop as a period too (for the parser's model, not for
    what it shows: a title keeps its "。"). The length and every other character stay, so
    offsets into ``text`` hold."""
    if text.isascii():
        return text
    return text.translate(_FULL_WIDTH_AND_STOPS if stops else _FULL_WIDTH)


#: a word a line break parted after its hyphen, as text copied from a PDF prints it:
#: "nutrige- nomic", "Munoz- Valle", "COVID-19- related"
_BROKEN_WORD_RE = re.compile(r"(?<=(\w))- (?=(\w+))")
#: a year after the hyphen ("map- 2007"), where "COX- 1", "HER- 2/neu" and "omega- 3" are names
_YEAR_AHEAD = re.compile(r"(?:1[5-9]|20)\d\d\b")
#: a DOI's or an address's start in the chunk before the hyphen
_DOI_CHUNK = re.compile(r"10\.\d{4,9}/")
_ADDRESS_CHUNK = re.compile(r"://|www\.")
#: what follows a hyphen left hanging on purpose: "pre- and postoperative", "short- or long-term"
#: "first- through third-grade", "low- versus high-dose", "short- as well as long-term"
_SUSPENDED_BEFORE = frozenset(
    {"and", "or", "nor", "to", "through", "versus", "vs", "as", "und", "oder", "bis", "et"}
    | {"ou", "y", "e", "o"}
)
#: a cell marker's minus sign before the next marker: "CD28- CD8+ T cells", "CD4+ CD25- cells"
_MARKER_RE = re.compile(r"[A-Za-z]+\d+[a-z]?")
_MARKER_AFTER = re.compile(r"[A-Z]+\d+[a-z]?[+\-−]")


def rejoin_broken_words(text: str) -> str:
    """Words a line break parted after a hyphen, joined: "nutrige- nomic" → "nutrigenomic"
    (the hyphen was the line's), "Munoz- Valle" → "Munoz-Valle" and "COVID-19- related" →
    "COVID-19-related" (the name's or compound's own hyphen); "pre- and postoperative" stays,
    and so does a DOI broken so ("10.5194/npg- 19-227-2012"), which the DOI reader mends and
    reports; an address keeps its hyphen ("www.lhc- ilc.physik.uni-bonn.de"), a single letter
    keeps it ("T- cell" → "T-cell", "β- blockers" → "β-blockers": no line is hyphenated after
    one letter), and a cell marker's minus sign stays ("CD28- CD8+ T cells"). A word whose
    own hyphen fell at the line's end is joined all the same ("small- molecule" becomes
    "smallmolecule"): the text cannot tell."""
    if "- " not in text:
        return text

    def join(m: re.Match[str]) -> str:
        before, word = m.group(1), m.group(2)
        if word.lower() in _SUSPENDED_BEFORE or (before.isalpha() and _YEAR_AHEAD.match(word)):
            return m.group(0)  # "map- 2007 In Proceedings": a year, not a word's end
        chunk = text.rfind(" ", 0, m.start()) + 1
        if _DOI_CHUNK.search(text, chunk, m.start()):
            return m.group(0)  # a DOI: its reader mends it and says so
        if _MARKER_RE.fullmatch(text, chunk, m.start()) and _MARKER_AFTER.match(text, m.end()):
            return m.group(0)  # "CD28- CD8+": a minus sign, then the next marker
        if _ADDRESS_CHUNK.search(text, chunk, m.start()):
            return "-"  # an address breaks at its own hyphens: "www.lhc- ilc.physik.uni-bonn.de"
        if m.start() < 2 or not text[m.start() - 2].isalnum():
            return "-"  # "T- cell", "X- ray": a letter and its hyphen
        return "" if before.isalpha() and word[0].islower() else "-"

    return _BROKEN_WORD_RE.sub(join, text)


def normalize_whitespace(text: str) -> str:
    """Each run of whitespace (line breaks, no-break, thin spaces) becomes one space; ends cut."""
    return _WS_RE.sub(" ", text).strip()


def _script(ch: str) -> str:
    """'latin', 'homoglyph', 'weak', 'other' for a letter; 'digit' or 'mark' otherwise."""
    if ch in HOMOGLYPHS:
        return "weak" if ch in _WEAK_HOMOGLYPHS else "homoglyph"
    if ch.isascii():
        return "latin" if ch.isalpha() else "digit"
    if ch.isdigit():
        return "digit"
    if unicodedata.category(ch).startswith("M"):
        return "mark"
    return "latin" if unicodedata.name(ch, "").startswith("LATIN") else "other"


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def fold_homoglyphs(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Fold Cyrillic/Greek look-alike letters to Latin where they stand in for Latin letters.

    A word (run of letters, digits and accents) is folded when it mixes Latin and look-alike
    letters, or when it is made of look-alikes only and has digits (``Ѕ1470``) or its nearest
    words on both sides that are clearly of one script are Latin (the Cyrillic initials in
    ``Rumyntsev А., Krizhanovskiy О.``). Words with any other Cyrillic or Greek letter, and
    look-alike words next to such words, are genuine Cyrillic/Greek and stay as they are.
    Returns the folded text and the (original, replacement) pairs in order.
    """
    if text.isascii() or HOMOGLYPHS.keys().isdisjoint(text):
        return text, ()  # only a word with a look-alike letter in it is ever folded
    words: list[tuple[int, int, str]] = []  # start, end, kind
    i, n = 0, len(text)
    while i < n:
        if not _is_word_char(text[i]):
            i += 1
            continue
        j = i
        scripts: set[str] = set()
        while j < n and _is_word_char(text[j]):
            scripts.add(_script(text[j]))
            j += 1
        if "other" in scripts or ("weak" in scripts and "latin" not in scripts):
            kind = "foreign"
        elif "latin" in scripts:
            kind = "latin-mixed" if scripts & {"homoglyph", "weak"} else "latin"
        elif "homoglyph" in scripts:
            kind = "lookalike-digits" if "digit" in scripts else "lookalike"
        else:
            kind = "neutral"  # digits only
        words.append((i, j, kind))
        i = j

    decisive = {"foreign": False, "latin": True, "latin-mixed": True, "lookalike-digits": True}
    fold_word = [False] * len(words)
    for k, (_, _, kind) in enumerate(words):
        if kind in ("latin-mixed", "lookalike-digits"):
            fold_word[k] = True
        elif kind == "lookalike":
            left = next((decisive[w[2]] for w in reversed(words[:k]) if w[2] in decisive), None)
            right = next((decisive[w[2]] for w in words[k + 1 :] if w[2] in decisive), None)
            sides = [s for s in (left, right) if s is not None]
            fold_word[k] = bool(sides) and all(sides)
    if not any(fold_word):
        return text, ()
    out: list[str] = []
    swaps: list[tuple[str, str]] = []
    last = 0
    for (start, end, _), fold in zip(words, fold_word, strict=True):
        if not fold:
            continue
        out.append(text[last:start])
        for ch in text[start:end]:
            latin = HOMOGLYPHS.get(ch)
            if latin is None:
                out.append(ch)
            else:
                out.append(latin)
                swaps.append((ch, latin))
        last = end
    out.append(text[last:])
    return "".join(out), tuple(swaps)


def _strip_markup(text: str) -> str:
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if "\\" in text:
        text = _LATEX_ACCENT_RE.sub(_latex_accent, text)
        text = _LATEX_LETTER_RE.sub(lambda m: _LATEX_LETTERS[m.group(1)], text)

        def command(m: re.Match[str]) -> str:
            name = m.group(1)
            return f" {name} " if name in _GREEK_COMMANDS else " "

        text = _LATEX_COMMAND_RE.sub(command, text)
        text = unicodedata.normalize("NFC", text)
    if "{" in text or "}" in text or "$" in text:
        text = text.replace("{", "").replace("}", "").replace("$", "")
    return text


def _latex_accent(m: re.Match[str]) -> str:
    accent = m.group(1) or m.group(4)
    letter = (m.group(2) or m.group(3) or m.group(5)).lstrip("\\")
    return letter + _LATEX_ACCENTS[accent]


_LETTERS_RE = re.compile(r"[^\W\d_]+")


def _fold_word(m: re.Match[str]) -> str:
    """Look-alikes become Latin unless the word has other Cyrillic or Greek letters."""
    word = m.group()
    if word.isascii() or any(_script(ch) == "other" for ch in word):
        return word
    return "".join(
        HOMOGLYPHS[ch] if ch in HOMOGLYPHS and ch not in _WEAK_HOMOGLYPHS else ch for ch in word
    )


def _fold_key_once(text: str) -> str:
    text = unicodedata.normalize("NFKC", _strip_markup(text))
    text = strip_invisible(text)
    # Word by word, not by context: a match key must not depend on the words around it.
    text = _LETTERS_RE.sub(_fold_word, text).casefold()
    text = "".join(_GREEK_NAMES.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("M"))
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    return " ".join(text.split())


def fold_for_match(text: str) -> str:
    """A comparison key: markup and accents gone, Greek spelled out, lower-case words.

    HTML tags and entities and simple LaTeX (``{\\"o}``, ``\\emph{...}``, braces) are removed,
    the text is NFKC-normalised, Cyrillic and capital Greek look-alikes become Latin in words
    without other Cyrillic/Greek letters (word by word, not by context), other Greek letters
    are spelled out (α → alpha), accents are stripped, everything is lower-cased and
    punctuation becomes a single space.
    """
    key = _fold_key_once(text)
    # Unicode has a few characters whose decomposition exposes new foldable characters;
    # iterate to a fixed point so the key is idempotent.
    for _ in range(3):
        again = _fold_key_once(key)
        if again == key:
            break
        key = again
    return key


def _transliterated(ch: str) -> str:
    """``ch`` in ASCII when it is a letter of a script other than Latin, Greek and Cyrillic
    (those are left to NFKD and :data:`_TRANSLIT`) or one of its marks (the vowel signs of
    हिन्दी), else ``ch`` (symbols such as ∞ are dropped later, as before)."""
    code = ord(ch)
    if code < 0x530 or 0x1E00 <= code <= 0x1FFF or unicodedata.category(ch)[0] not in "LM":
        return ch
    return anyascii(ch).lower()


def slug(text: str, max_len: int = 40, sep: str = "") -> str:
    """An ASCII lower-case word for citation keys and file names: Köhler → kohler.

    Accents are stripped, look-alike letters in Latin names folded, Cyrillic and Greek
    transliterated with a small table, and any other script by anyascii (李 → li, 이찬희 →
    ichanhui, やまだ → yamada; kanji are read as Mandarin). Words are joined with ``sep`` and
    the result is cut to ``max_len`` characters (at a word boundary when ``sep`` is set).
    """
    folded, _ = fold_homoglyphs(unicodedata.normalize("NFKC", strip_invisible(text)))
    folded = _strip_markup(folded).lower()
    folded = "".join(_TRANSLIT.get(ch, ch) for ch in folded)
    if not folded.isascii():  # other scripts before NFKD, which would split だ into た and ゛
        folded = "".join(_transliterated(ch) for ch in folded)
    folded = unicodedata.normalize("NFKD", folded)
    folded = "".join(_TRANSLIT.get(ch, ch) for ch in folded)
    words = re.findall(r"[a-z0-9]+", folded.encode("ascii", "ignore").decode("ascii"))
    if not sep:
        return "".join(words)[:max_len]
    out = ""
    for word in words:
        candidate = f"{out}{sep}{word}" if out else word
        if len(candidate) > max_len:
            return out or word[:max_len]
        out = candidate
    return out


#: a URL, up to a space, a closing mark, or a bracket glued after its last period
#: ("...speech-to-text/.(accessed 2019-06-18)": what follows is the reference's)
_URL_RE = re.compile(r"(?:https?://|www\.)(?:(?!\.\()[^\s<>\"])*[^\s<>\".,;:)\]]", re.IGNORECASE)


def find_urls(text: str) -> list[tuple[int, int]]:
    """The spans of the URLs in ``text``. A closing bracket ends a URL unless the URL opened
    one: "https://en.wikipedia.org/wiki/Widget_(device)" keeps its ")", "(see
    https://widgets.org)" does not."""
    spans = []
    for m in _URL_RE.finditer(text):
        end = m.end()
        url = m.group(0)
        if text[end : end + 1] == ")" and url.count("(") > url.count(")"):
            end += 1
        spans.append((m.start(), end))
    return spans
