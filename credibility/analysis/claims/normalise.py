"""Surface forms that state the same thing: letters with and without diacritics, numbers in words.

Pure functions applied before a claim and a sentence are compared, so "Tam Kỳ" meets "Tam Ky",
"twelve hundred" meets "1,200" and "three out of every four" meets "75%". They change only how
text is compared, never what is stored or shown.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from credibility.analysis.lexicons.numbers import CARDINALS
from credibility.analysis.patterns import word_alternation

# Letters that NFKD does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans(
    {
        **{"đ": "d", "ð": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"},
        **{"Đ": "D", "Ð": "D", "Ł": "L", "Ø": "O", "Æ": "AE", "Œ": "OE", "Þ": "TH"},
    }
)


@lru_cache(maxsize=16384)
def fold_diacritics(text: str) -> str:
    """``text`` with accents and other combining marks removed ("Quảng Ngãi" -> "Quang Ngai")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_UNITS = {"a": 1, "an": 1, "one": 1, **CARDINALS}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORD = word_alternation([*_UNITS, *_SCALES])
# Two or more number words in a row ("a hundred and twenty", "twelve hundred", "two hundred
# million", "twenty-five"); a lone word is left to the quantity reader, which knows "two".
_SPELLED = re.compile(
    rf"\b(?:(?:half|a quarter|three quarters) of an? (?:million|billion)|half an? (?:million|billion)"
    rf"|{_NUMBER_WORD}(?:[\s-]+(?:and[\s-]+)?{_NUMBER_WORD})+)\b",
    re.I,
)
# A share of a scale word, as a multiplier of it: "a quarter of a million" is 250000.
_SHARES = {"half": 0.5, "a quarter": 0.25, "three quarters": 0.75}
_RATIO = re.compile(
    r"\b(?P<num>one|two|three|four|five|six|seven|eight|nine|\d{1,2}) (?:out of|in) (?:every )?"
    r"(?P<den>two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\b(?! (?:years?|days?|months?|weeks?)\b)",
    re.I,
)
# The same share with what is counted in between ("one child in two", "three voters out of four"),
# only where nothing is counted after the second number: "two goals in three games" is a rate.
_RATIO_NOUN = re.compile(
    r"\b(?P<num>one|two|three|four|five|six|seven|eight|nine|\d{1,2}) (?P<noun>[a-z]+) (?:out of|in) (?:every )?"
    r"(?P<den>two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\b"
    r"(?=\s*(?:[,.;:!?)]|$|(?:across|in|at|of|nationwide|overall|were|was|are|is|had|have|has|who|that)\b))",
    re.I,
)
# How often, as a number of years: "every year" and "annually" are every 1 year, "every other
# year" every 2, so they meet (or conflict with) "every two years".
_YEARLY = re.compile(
    r"\b(?:(?P<other>every other|every second) year|biennially|every (?:single )?year|each year|annually|once a year)\b",
    re.I,
)


# Durations as days, so "a fortnight", "two weeks", "14 days" and "336 hours" meet: weeks and
# fortnights as a length of time (not "£300 a week", a rate), hours in whole days.
_WEEKS = re.compile(
    r"\b(?P<pre>for|within|after|lasts?|lasted|lasting|takes?|took|taken|over|than|nearly|almost|about|around"
    r"|just|only|under|up to|in|gets?|got|waited|wait|spent|spend|of) (?:a|one) (?:full |whole |entire )?"
    r"(?P<unit>week|fortnight)\b"
    rf"|\b(?P<count>\d{{1,3}}|{word_alternation(CARDINALS)}) (?P<units>weeks|fortnights)\b",
    re.I,
)
# "doubled" is a rise of 100%, "halved" a fall of 50%: a figure, so "rents rose" (no figure) does
# not state that they doubled, and "rose by 100%" does.
_MULTIPLIED = re.compile(r"\b(?P<verb>doubl|halv|tripl|trebl|quadrupl)(?:ed|ing)\b", re.I)
_MULTIPLIED_AS = {
    "doubl": "rose 100%",
    "halv": "fell 50%",
    "tripl": "rose 200%",
    "trebl": "rose 200%",
    "quadrupl": "rose 300%",
}
# The verbs written before such a figure: a bound before the verb bounds the figure ("more than
# halved" is "more than fell 50%", a fall of at least 50%).
MULTIPLIED_VERBS = frozenset(rewritten.split()[0] for rewritten in _MULTIPLIED_AS.values())
# "a tenfold rise" is ten times: "tenfold" and "ten times" meet.
_FOLD = re.compile(rf"\b(?P<count>\d{{1,3}}|{word_alternation(CARDINALS)})-?fold\b", re.I)


# A two-, three- or fourfold rise is a doubling, tripling or quadrupling: "risen threefold" meets
# "tripled" (both +200%); larger folds stay "N times".
_FOLD_AS_VERB = {
    "two": "doubled",
    "2": "doubled",
    "three": "tripled",
    "3": "tripled",
    "four": "quadrupled",
    "4": "quadrupled",
}


def _fold_as_times(m: re.Match[str]) -> str:
    count = m.group("count").lower()
    return _FOLD_AS_VERB.get(count, f"{m.group('count')} times")


# Spans of years in other words: "two decades" and "20 years", "half a century" and "50 years"
# meet. Only counted spans ("a decade", "three decades", "the past decade"); "the 1990s" and
# "the decade's best" are left alone.
_SPAN_OF_YEARS = re.compile(
    rf"\b(?:(?P<half>half) an? (?P<half_unit>century|decade)"
    rf"|(?P<count>a|one|the past|the last|\d{{1,2}}|{word_alternation(CARDINALS)}) (?P<unit>decades?|century|centuries)(?!-))\b",
    re.I,
)
_SPAN_YEARS = {"decade": 10, "decades": 10, "century": 100, "centuries": 100}


def _span_as_years(m: re.Match[str]) -> str:
    if m.group("half"):
        return f"{_SPAN_YEARS[m.group('half_unit').lower()] // 2} years"
    count = m.group("count").lower()
    times = 1 if count in ("a", "one") else int(count) if count.isdigit() else CARDINALS.get(count)
    years = _SPAN_YEARS[m.group("unit").lower()]
    if times is None:  # "the past decade" is the past 10 years
        return f"{m.group('count')} {years} years"
    return f"{times * years} years"


# Multipliers glued to a figure as words, so "£2.5bn" meets "£2.5 billion" word for word too;
# "m" and "k" only after a currency sign ("a 20m mast" is metres).
_GLUED_MULTIPLIER = re.compile(
    r"(?P<money>[$£€¥₹]\s?\d[\d,]*(?:\.\d+)?)(?P<small>m|k)\b|(?P<figure>\d[\d,]*(?:\.\d+)?)\s?(?P<large>bn|mn)\b", re.I
)
_GLUED_AS = {"bn": "billion", "mn": "million", "m": "million", "k": "thousand"}


def _glued_as_word(m: re.Match[str]) -> str:
    if m.group("money"):
        return f"{m.group('money')} {_GLUED_AS[m.group('small').lower()]}"
    return f"{m.group('figure')} {_GLUED_AS[m.group('large').lower()]}"


# Money in words as its sign: "1.2 million pounds" and "340 million euro" meet "£1.2m" and
# "€340m" word for word, not only as figures (the currency word would be a concept the sign lacks).
_CURRENCY_WORD = re.compile(
    r"\b(?P<figure>\d[\d,]*(?:\.\d+)?)(?P<scale> (?:thousand|million|billion|trillion))? (?P<currency>pounds?|euros?|dollars?)\b",
    re.I,
)
_CURRENCY_SIGN = {"pound": "£", "euro": "€", "dollar": "$"}


def _currency_as_sign(m: re.Match[str]) -> str:
    sign = _CURRENCY_SIGN[m.group("currency").lower().rstrip("s")]
    return f"{sign}{m.group('figure')}{m.group('scale') or ''}"


# Speeds: "120 miles per hour" and "120 miles an hour" are "120mph".
_MILES_PER_HOUR = re.compile(
    rf"\b(?P<value>\d[\d,.]*|{word_alternation(CARDINALS)}) ?(?:miles (?:per|an) hour|mph)\b", re.I
)


def _miles_per_hour(m: re.Match[str]) -> str:
    value = m.group("value").lower()
    return f"{CARDINALS[value] if value in CARDINALS else m.group('value')} mph"


# Rupees written out ("Rs 39.5 billion", "INR 500") take the symbol the quantity reader knows.
_RUPEES = re.compile(r"\b(?:Rs\.?|INR)\s?(?=\d)")
# Distances in miles, so "800km" meets "500 miles".
_KILOMETRES = re.compile(r"\b(?P<value>\d{1,3}(?:,\d{3})*(?:\.\d+)?)\s?(?:km|kilometres|kilometers)\b", re.I)


def _kilometres_as_miles(m: re.Match[str]) -> str:
    return f"{float(m.group('value').replace(',', '')) * 0.621371:.0f} miles"


_WEEK_LONG = re.compile(r"\b(?:a |one )?(?P<unit>week|fortnight)-long\b", re.I)
_HOURS = re.compile(r"\b(?P<count>\d{2,4}) hours\b", re.I)


def _weeks_as_days(m: re.Match[str]) -> str:
    if m.group("pre"):
        return f"{m.group('pre')} {14 if m.group('unit').lower() == 'fortnight' else 7} days"
    per = 14 if m.group("units").lower() == "fortnights" else 7
    count = m.group("count").lower()
    return f"{(int(count) if count.isdigit() else CARDINALS[count]) * per} days"


def _hours_as_days(m: re.Match[str]) -> str:
    hours = int(m.group("count"))
    return f"{hours // 24} days" if hours % 24 == 0 else m.group(0)


# "every third farm" is one farm in three.
_EVERY_NTH = re.compile(r"\bevery (?P<nth>second|third|fourth|fifth|tenth) (?=[a-z])", re.I)
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "tenth": 10}


def _every_nth_percent(m: re.Match[str]) -> str:
    return f"{100 / _ORDINALS[m.group('nth').lower()]:.1f}% of "


def _ratio_noun_percent(m: re.Match[str]) -> str:
    share = _ratio_percent(m)
    return share if share == m.group(0) else f"{share} of {m.group('noun')}"


def _yearly(m: re.Match[str]) -> str:
    return "every 2 years" if m.group("other") or m.group(0).lower() == "biennially" else "every 1 year"


def _spelled_value(words: list[str]) -> int | None:
    total = current = 0
    seen_number = False
    for position, word in enumerate(words):
        if word == "and":
            continue
        if word in _UNITS:
            if word in ("a", "an") and seen_number:
                return None  # "two a" is not a number
            if word in ("a", "an") and (position + 1 == len(words) or words[position + 1] not in _SCALES):
                continue  # the article: "a thirty-point margin" is 30, "a five-year plan" 5
            current += _UNITS[word]
            seen_number = True
        elif word == "hundred":
            current = max(current, 1) * 100
        else:
            total += max(current, 1) * _SCALES[word]
            current = 0
    value = total + current
    return value if seen_number and value > 1 else None


def _spelled_digits(m: re.Match[str]) -> str:
    phrase = m.group(0).lower()
    share = next((_SHARES[k] for k in _SHARES if phrase.startswith(k + " ")), None)
    if share is not None:
        return str(int(_SCALES[phrase.split()[-1]] * share))
    value = _spelled_value(re.split(r"[\s-]+", phrase))
    return m.group(0) if value is None else str(value)


def _ratio_percent(m: re.Match[str]) -> str:
    def number(token: str) -> int:
        return int(token) if token.isdigit() else _UNITS[token.lower()]

    numerator, denominator = number(m.group("num")), number(m.group("den"))
    if not 0 < numerator < denominator:
        return m.group(0)
    return f"{100 * numerator / denominator:.1f}%"


@lru_cache(maxsize=16384)
def numbers_as_digits(text: str) -> str:
    """Numbers written in words as digits: "a hundred and twenty" -> "120", "half a million" ->
    "500000", "three out of every four" -> "75.0%". Single number words stay as they are."""
    lowered = text.lower()
    if " in " in lowered or " out of " in lowered:
        text = _RATIO_NOUN.sub(_ratio_noun_percent, _RATIO.sub(_ratio_percent, text))
    if "year" in lowered or "annual" in lowered or "biennial" in lowered:
        text = _YEARLY.sub(_yearly, text)
    if "every " in lowered:
        text = _EVERY_NTH.sub(_every_nth_percent, text)
    text = _SPELLED.sub(_spelled_digits, text)
    if "rs" in lowered or "inr" in lowered:
        text = _RUPEES.sub("₹", text)
    if "km" in lowered or "kilomet" in lowered:
        text = _KILOMETRES.sub(_kilometres_as_miles, text)
    if "fold" in lowered:  # before doubling: "twofold" is "doubled"
        text = _FOLD.sub(_fold_as_times, text)
        lowered = text.lower()
    if "doubl" in lowered or "halv" in lowered or "tripl" in lowered or "trebl" in lowered or "quadrupl" in lowered:
        text = _MULTIPLIED.sub(lambda m: _MULTIPLIED_AS[m.group("verb").lower()], text)
    if "week" in lowered or "fortnight" in lowered:
        text = _WEEKS.sub(_weeks_as_days, text)
        text = _WEEK_LONG.sub(lambda m: "14-day" if m.group("unit").lower() == "fortnight" else "7-day", text)
    if "hours" in lowered:
        text = _HOURS.sub(_hours_as_days, text)
    if any(ch.isdigit() for ch in text) and ("bn" in lowered or "mn" in lowered or "m" in lowered or "k" in lowered):
        text = _GLUED_MULTIPLIER.sub(_glued_as_word, text)
    if "pound" in lowered or "euro" in lowered or "dollar" in lowered:
        text = _CURRENCY_WORD.sub(_currency_as_sign, text)
    if "decade" in lowered or "centur" in lowered:
        text = _SPAN_OF_YEARS.sub(_span_as_years, text)
    if "mph" in lowered or "miles" in lowered:
        text = _MILES_PER_HOUR.sub(_miles_per_hour, text)
    return text
