"""Cardinal numbers written as words, two to ninety: the table every number reader starts from.

Each reader adds what it needs around it ("a"/"an"/"one" as 1 where a phrase like "a hundred"
makes them numbers, "zero", ordinals, "dozen") rather than keeping its own copy.
"""

from __future__ import annotations

from types import MappingProxyType

CARDINALS = MappingProxyType(
    {
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
    }
)
