"""Issue 15: the anchoring shortcuts give exactly what the slow ways gave.

The opcodes come from diff-match-patch (time-limited) instead of difflib; spans are located in
them by binary search; the fuzzy stage scores the occurrences nearest the old position without
listing every occurrence first. tests/annotations/test_anchoring.py (unchanged) holds the
behaviour; these check the shortcuts against brute force.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.text import anchoring

text = st.text(alphabet="ab 🎉", max_size=60)


@settings(max_examples=300, deadline=None)
@given(
    haystack=text,
    needle=st.text(alphabet="ab🎉", min_size=1, max_size=3),
    hint=st.integers(-5, 70),
    limit=st.integers(1, 8),
)
def test_nearest_occurrences_are_what_sorting_all_of_them_gave(haystack, needle, hint, limit):
    every = []
    at = haystack.find(needle)
    while at != -1:
        every.append(at)
        at = haystack.find(needle, at + 1)
    clamped = max(0, min(hint, len(haystack)))
    expected = sorted(every, key=lambda p: abs(p - clamped))[:limit]
    assert anchoring._nearest_occurrences(haystack, needle, hint, limit) == expected


@settings(max_examples=300, deadline=None)
@given(old=text, new=text)
def test_opcodes_describe_the_edit_exactly(old, new):
    ops = anchoring.text_opcodes(old, new)
    rebuilt = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            assert old[i1:i2] == new[j1:j2]
        rebuilt.append(new[j1:j2])
    assert "".join(rebuilt) == new
    assert [op[1] for op in ops[1:]] == [op[2] for op in ops[:-1]]  # contiguous in the old text
    for position in range(len(old)):  # binary search finds the block holding each character
        index = anchoring._op_at(ops, position)
        assert ops[index][1] <= position < ops[index][2]


def test_edit_distance_is_levenshtein_over_code_points():
    assert anchoring.edit_distance("🎉a", "a🎉") == 2
    assert anchoring.similarity("abcd", "abXd") == 0.75


def test_a_diff_past_its_time_limit_is_coarse_but_exact():
    old = "ab " * 20_000
    new = "".join(("x" if i % 997 == 0 else c) for i, c in enumerate(old))
    ops = anchoring.text_opcodes(old, new, timeout=0.01)
    assert "".join(new[j1:j2] for _t, _i1, _i2, j1, j2 in ops) == new


def test_unified_diff_is_difflibs_format_and_bounded_on_repeated_lines():
    import difflib

    old, new = "a\nb\nc\nd\ne\nf\ng\nh\n", "a\nB\nc\nd\ne\nf\ng\nh\ni\n"
    assert anchoring.unified_diff(old, new, from_label="r1", to_label="r2") == "".join(
        difflib.unified_diff(old.splitlines(True), new.splitlines(True), fromfile="r1", tofile="r2")
    )
    # 66,000 short lines, each repeated 660 times: difflib's matcher took 21 s on these. It is not used.
    from unittest import mock

    lines = [f"{i % 100:02d}\n" for i in range(66_000)]
    with mock.patch.object(
        difflib.SequenceMatcher, "find_longest_match", side_effect=AssertionError("difflib matched")
    ):
        diff = anchoring.unified_diff("".join(lines), "".join(lines[1:] + lines[:1]), from_label="a", to_label="b")
    assert diff == "--- a\n+++ b\n@@ -1,4 +1,3 @@\n-00\n 01\n 02\n 03\n@@ -65998,3 +65997,4 @@\n 97\n 98\n 99\n+00\n"
