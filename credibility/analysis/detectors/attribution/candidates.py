"""The per-sentence search for cues (``_sentence_candidates``): the words the sentence pass stops at
(cue words and hinge words), and each cue shape tried there (cue verbs, "according to", documents,
impersonal and research cues, a speaker's colon, signed quotations) as ``_Candidate``s.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from credibility.analysis import budget
from credibility.analysis.budget import check
from credibility.analysis.detectors.attribution.according import _according
from credibility.analysis.detectors.attribution.coreference import _SENTENCE_OPENS
from credibility.analysis.detectors.attribution.cue_patterns import (
    _BELIEF_ADJECTIVE,
    _HINGES,
    _IMPERSONAL_ADVERBS,
    _IMPERSONAL_IT,
    _IMPERSONAL_RAISED,
    _PROGRESSIVE_CUE,
    _RESEARCH,
    _SPEECH_FOLLOW,
    _VERB_FORMS,
    _VERB_SET,
    _hinged,
    _Hinges,
)
from credibility.analysis.detectors.attribution.cue_verbs import _cue_verb
from credibility.analysis.detectors.attribution.documents import _doc_show, _participle
from credibility.analysis.detectors.attribution.grammar import _CAP, _NAME_TOKEN, _PROPER_RUN, _WORD, _alt
from credibility.analysis.detectors.attribution.names import _clean_proper, _org_or_gov
from credibility.analysis.detectors.attribution.speakers import _parse_end, _parse_start, _speaker_before
from credibility.analysis.detectors.attribution.state import _NP, _Candidate
from credibility.analysis.detectors.attribution.statements import _bounded, _speech_from
from credibility.analysis.detectors.attribution.subjects import _inside_quotation, _portion_tail
from credibility.analysis.lexicons import attribution as lex
from credibility.analysis.types import Sentence

_PHRASAL_FIRST = frozenset(f.split()[0] for f in _VERB_FORMS if " " in f)
_SINGLE_FORMS = frozenset(f for f in _VERB_FORMS if " " not in f)
# What must follow the first word of a phrasal cue ("pointed" -> " out", " to"; "made" -> " clear", " it clear").
_PHRASAL_REST = {
    first: re.compile(
        r"\s+(?:"
        + "|".join(
            r"\s+".join(map(re.escape, f.split()[1:]))
            for f in sorted({f for f in _VERB_FORMS if f.split()[0] == first and " " in f}, key=len, reverse=True)
        )
        + r")\b",
        re.I,
    )
    for first in _PHRASAL_FIRST
}
_WORD_GLUE = frozenset("-'\u2019") | frozenset("0123456789")
_FROM_AFTER = re.compile(r"\s+(?:from|by)\s+")
# "The data, released on Thursday by the health agency, puts ...": a document whose publisher its
# postmodifier names is that publisher's, whatever the verb after it.
_PUBLISHED_BY_AFTER = re.compile(
    r",?\s+(?:released|published|compiled|issued|produced|collected|gathered|commissioned|conducted|carried\s+out)"
    r"(?:\s+(?!by\b)[\w'\u2019-]+){0,4}?\s+by\s+",
    re.I,
)
# Patterns that would open on "\b" or a look-behind open on their first character instead and look
# back from there ("a(?<!\w.)ccording" is "\baccording"): only that character is then tried.
_ACCORDING = re.compile(r"a(?<!\w.)ccording\s+to\s+", re.I)
_DOC_VERB_AFTER = re.compile(
    rf"\s+(?:(?:has|have|had)\s+)?(?:also\s+|now\s+)?(?:{_alt(sorted(lex.DOCUMENT_VERBS))})\b", re.I
)
# A document's postmodifier between it and its verb: "A poll released Friday found", "Exit polls
# taken in Ohio showed", "Records from the 2008 race show", "The survey, carried out by X, found".
# Up to eight words, none a clause word (a relative, a pronoun, a finite verb), so the verb after
# them is the document's own.
_POSTMOD_STOP = (
    r"(?:that|which|who|whom|whose|when|where|while|because|and|but|or|if|he|she|they|it|we|i|you|is|are|was|"
    r"were|has|have|had|will|would|can|could|may|might|said|says|say|told|not)"
)
_POSTMOD_WORD = rf"(?!{_POSTMOD_STOP}\b)[\w$%&'\u2019./-]+"
_DOC_POSTMOD_VERB = re.compile(
    rf"(?:\s+(?:released|conducted|taken|published|commissioned|compiled|issued|carried\s+out|obtained|filed|"
    rf"from|of|in|by|for|among|between|last|earlier)(?:\s+{_POSTMOD_WORD}){{0,7}}?"
    rf"(?:\s*,(?:\s+{_POSTMOD_WORD}){{1,14}}?\s*,)?"  # "A poll of 900 voters, commissioned by X, found"
    rf"|\s*,(?:\s+{_POSTMOD_WORD}){{1,14}}?\s*,)"
    rf"\s+(?:(?:has|have|had)\s+)?(?:also\s+|now\s+)?(?:{_alt(sorted(lex.DOCUMENT_VERBS))})\b",
    re.I,
)
# "with polls showing her ahead", "a survey suggesting that ...": the document's participle.
_DOC_PARTICIPLE_AFTER = re.compile(r"\s+(?:showing|suggesting|indicating)\b", re.I)
_PASSIVE_BY = re.compile(
    rf"\b(?:is|are|was|were|been|be|being)\s+(?:(?:[a-z]+ly|first|also|later|initially|previously|widely)\s+)?(?P<verb>{_alt(sorted(lex.PASSIVE_CUES))})\b"
    r"(?:\s+[\w'\u2019]+){0,5}?\s+by\s+",
    re.I,
)
_CALLING_FOR = re.compile(r"\s+(?:for|on)\b")
_PROGRESSIVE_NEED_CONTENT = frozenset(
    """writing telling asking describing adding explaining repeating announcing noting complaining
    questioning citing touting""".split()
)
_RESEARCH_HINGE_BEFORE = 40  # a research noun opens its phrase within a few words ("A small team of")


_TERMED = re.compile(
    r"w(?<!\w.)hat\s+(?P<np>[^,;:.]{1,60}?)\s+(?:(?:has|have|had)\s+)?(?P<verb>termed|called|described|dubbed|labelled|labeled|branded|characteri[sz]ed)\b(?:\s+as\b)?",
    re.I,
)
_PASSIVE_BEFORE_BY = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:(?:\w+ly|often|also|still|now|sometimes)\s+)?\w+(?:ed|en|wn|ht)\s*$",
    re.I,
)
_MODAL_BEFORE_BY = re.compile(r"\b(?:will|would|can|could|may|might|must|should|shall|able\s+to)\b", re.I)
# ", saying ...", and "by saying ...": the clause's subject speaks through the participle.
_PARTICIPLE = re.compile(rf"(?:,\s*|\s+by\s+)(?P<p>{_alt(sorted(lex.CUE_PARTICIPLES))})\b", re.I)
_SHARE_PARTICIPLE = re.compile(r"\s(?<=\w\s)\s*(?P<p>saying|calling|describing)\b", re.I)


def _share_words_in(lower: str) -> bool:
    """Whether the casefolded sentence may hold a ``_SHARE_PARTICIPLE`` match: one of its words, or a
    dotted or dotless capital or small i (which the case-blind pattern matches as "i" while casefold
    keeps them apart)."""
    return "saying" in lower or "calling" in lower or "describing" in lower or "\u0131" in lower or "\u0307" in lower


_WITH_SAYING = re.compile(
    rf"w(?<!\w.)ith\s+(?P<np>[^,;:]{{1,60}}?)\s+(?P<p>{_alt(sorted(lex.CUE_PARTICIPLES))})\b", re.I
)

# '"...," Ann Bell said, adding that ...', "Ann Bell said the vote was close, noting that ...": a
# participle after a cue that already has its content (the quotation it closed, or the clause of a
# verb of saying) says something more, an attribution of its own to the same speaker.
# Those whose second cues credited a gold source under 7 times in 10 on PolNeAR train are left out
# ("saying" 5/10: "denied the claims, saying ..." is one attribution, the participle its content).
_SECOND_CUE_PARTICIPLES = lex.CUE_PARTICIPLES - {"saying", "pointing", "telling", "asking", "mocking", "claiming"}
_SECOND_CUE_GAP = re.compile(r"[^\"\u201c\u201d;:]{0,60}")
_PARTICIPLE_AFTER_QUOTE = re.compile(
    rf",\s*(?:[\"\u201d]|''|\u2019)\s*(?P<p>{_alt(sorted(lex.CUE_PARTICIPLES))})\b", re.I
)
_SPEECH_FIRST = frozenset("said says say told tells wrote writes".split())
_QUOTATION_CLOSED = re.compile(r"[,?!\u2014-]\s*(?:[\"\u201d]|''|\u2019)\s*$")


def _second_cue(text: str, firsts: list[tuple[int, _Candidate]], m: re.Match[str]) -> _Candidate | None:
    """The participle at ``m`` (", adding ...") as a second cue of the nearest cue before it
    (``firsts``: the sentence's cues outside quotations by their ends, sorted), when that cue closed
    a quotation a short adjunct before it, or is a verb of saying with content of its own; else None."""
    participle = m.group("p").casefold()
    if m.group(0)[:1] != "," or participle not in _SECOND_CUE_PARTICIPLES:
        return None
    at = bisect_right(firsts, m.start(), key=lambda pair: pair[0])
    if not at:
        return None
    first = firsts[at - 1][1]
    if first.np.shape == "pending":
        return None
    if _QUOTATION_CLOSED.search(text, max(0, first.start - 6), first.start):
        if _SECOND_CUE_GAP.fullmatch(text, first.end, m.start()) is None:
            return None  # '"...," Ann Bell said in a letter, adding': the quotation was the first cue's
    elif (first.rule.rpartition(":")[2] not in _SPEECH_FIRST and participle != "adding") or m.start() - first.end < 8:
        # "said the vote was close, noting ...": a verb of saying with its own content; "adding"
        # says something more after any cue ("denied the claims, adding that ...")
        return None
    rule = f"coordinated-cue:participle:{participle}"
    start, end = m.end(), first.sentence.end
    while start < end and (text[start].isspace() or text[start] in ",:"):
        start += 1
    statement = (start, end)
    return _Candidate(m.start("p"), m.end(), rule, first.np, 0.7, first.sentence, statement)


# Words the per-word pass acts on; any other word is skipped before its context is read.
_CUE_WORDS = _VERB_SET | frozenset(lex.DOCUMENT_NOUNS) | lex.EVIDENCE_NOUNS | frozenset(lex.SPEECH_NOUNS)


# Each word the sentence pass stops at: whether it is a cue word, and the phrase patterns it hinges.
_WORD_INDEX: dict[str, tuple[bool, tuple[re.Pattern[str], ...]]] = {
    w: (w in _CUE_WORDS, _HINGES.get(w, ())) for w in _CUE_WORDS | _HINGES.keys()
}
_SPEAKER_COLON = re.compile(rf"[\s\u201c\"(]*(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})?):\s")
_QUOTE_SPAN = 600  # how far back a signed quotation's opening mark is looked for
_DASHES = ("\u2015", "\u2014", "\u2013")
_CLOSING_QUOTES = frozenset('\u201d"')
_QUOTE_DASH_NAME = re.compile(rf"[\u2015\u2014\u2013]\s*(?P<name>{_PROPER_RUN})")


def _title_word(text: str, lo: int, at: int, word: str) -> bool:
    """A capitalised document noun inside a sentence, before another capitalised word, that is no
    document's own name ("voted Record Of The Year"): a word of a title, not a document."""
    return (
        text[at : at + 1].isupper()
        and word not in lex.NAMED_DOCUMENT_WORDS
        and _LOWER_WORD.search(text, lo, at) is not None  # prose before it, not a headline's Title Case
        and not _SENTENCE_OPENS.search(text, lo, at)
        and _CAPITAL_AFTER.match(text, at + len(word)) is not None
    )


_CAPITAL_AFTER = re.compile(rf"\s+[{_CAP}]")
_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")


def _sentence_candidates(text: str, sentence: Sentence, cues: budget.Allowance) -> list[_Candidate]:
    """The sentence's candidate cues, each read spending one of ``cues`` (none once it is used up)."""
    lo, hi = sentence.start, sentence.end
    out: list[_Candidate] = []

    lower = sentence.text.casefold()
    for m in _ACCORDING.finditer(text, lo, hi) if "according" in lower else ():
        check()
        if not cues.take(m.start()):
            return out
        cand = _according(text, sentence, m)
        if cand is not None:
            out.append(cand)

    # '"...” ― Ann Bell': a quotation signed with a dash and the speaker's name.
    for m in _QUOTE_DASH_NAME.finditer(text, lo, hi) if any(d in sentence.text for d in _DASHES) else ():
        if text[max(0, m.start() - 3) : m.start()].rstrip()[-1:] not in _CLOSING_QUOTES:
            continue
        if not cues.take(m.start()):
            return out
        name, _ = _clean_proper(m.group("name"))
        if len(name.split()) < 2 or _org_or_gov(name.split()):
            continue  # a person's full name signs a quotation; one capitalised word may start the next
        signer = _NP(m.start("name"), m.start("name") + len(m.group("name")), "proper", m.group("name"))
        close = text.rfind(text[max(0, m.start() - 3) : m.start()].rstrip()[-1], max(0, m.start() - 3), m.start())
        opening = max(
            text.rfind("\u201c", max(0, close - _QUOTE_SPAN), close),
            text.rfind('"', max(0, close - _QUOTE_SPAN), close),
        )
        quote = (opening + 1, close) if 0 <= opening < close else None
        out.append(_Candidate(m.start(), signer.end, "quote-dash", signer, 0.85, sentence, quote))

    # A transcript's or headline's speaker: 'PENCE: Well, ...', 'Hale: We will win' (kept only when
    # the name is a person the article names in full; see ``detect``).
    colon = _SPEAKER_COLON.match(text, lo, hi) if ":" in sentence.text[:40] else None
    if colon is not None and cues.take(colon.start()):
        named = _NP(colon.start("name"), colon.end("name"), "proper", colon.group("name"))
        out.append(
            _Candidate(
                colon.start("name"), colon.end("name") + 1, "speaker-colon", named, 0.8, sentence, (colon.end(), hi)
            )
        )

    # One pass over the words: reporting verbs, "X's data show", "a tweet from X".
    # The words the phrase patterns below hinge on ("is warning", "was concerned that", "it is
    # reported"), noted in this one pass: each pattern then reads a few words around each, not
    # every position of the sentence.
    hinges: _Hinges = {}
    for m in _WORD.finditer(text, lo, hi):
        word = m.group(0).casefold()
        entry = _WORD_INDEX.get(word)  # one look-up for the many words that are neither
        if entry is None:
            continue
        is_cue, patterns = entry
        for pattern in patterns:
            hinges.setdefault(id(pattern), []).append(m.start())
        if not is_cue:
            continue
        check()
        w_start, w_end = m.start(), m.end()
        if not cues.take(w_start):
            return out
        if text[w_end : w_end + 1] in _WORD_GLUE or text[w_start - 1 : w_start] in _WORD_GLUE:
            continue
        if word in _VERB_SET:
            v_end = w_end
            if word in _PHRASAL_FIRST:
                rest = _PHRASAL_REST[word].match(text, w_end, hi)
                if rest is not None:
                    v_end = rest.end()
                elif word not in _SINGLE_FORMS:
                    continue
            cand = _cue_verb(text, sentence, w_start, v_end)
            if cand is not None:
                out.append(cand)
        from_cand: _Candidate | None = None
        if word in lex.SPEECH_NOUNS or word in lex.DOCUMENT_NOUNS:  # "a tweet from X", "figures from X"
            frm = _FROM_AFTER.match(text, w_end, hi) or (
                _PUBLISHED_BY_AFTER.match(text, w_end, hi) if word in lex.DOCUMENT_NOUNS else None
            )
            if frm:
                from_cand = _speech_from(text, sentence, w_start, frm.end(), word)
        if word in lex.EVIDENCE_NOUNS and not _title_word(text, lo, w_start, word):
            show = _DOC_VERB_AFTER.match(text, w_end, hi)
            cand = _doc_show(text, sentence, w_start, w_end, show.end()) if show else None
            if cand is not None:
                out.append(cand)
        if word in lex.DOCUMENT_NOUNS and not _title_word(text, lo, w_start, word):
            participle = _DOC_PARTICIPLE_AFTER.match(text, w_end, hi)
            show = _DOC_VERB_AFTER.match(text, w_end, hi) or participle
            if show is None and from_cand is None:  # "figures from the ONS showed" credit the ONS
                show = _DOC_POSTMOD_VERB.match(text, w_end, min(hi, w_end + 160))
            if show:
                cand = _doc_show(text, sentence, w_start, w_end, show.end(), participle=show is participle)
                if cand is not None:
                    out.append(cand)
        if from_cand is not None:
            out.append(from_cand)

    for m in _PASSIVE_BY.finditer(text, lo, hi) if " by " in lower else ():
        if not cues.take(m.start()):
            return out
        np = _parse_start(text, m.end(), _bounded(text, m.end(), hi))
        if np is None or np.shape == "pronoun":
            continue
        verb_start = m.start("verb")
        out.append(
            _Candidate(
                verb_start,
                np.end,
                f"passive-by:{m.group('verb').casefold()}",
                np,
                0.8,
                sentence,
            )
        )

    for m in _hinged(text, _BELIEF_ADJECTIVE, hinges, lo, hi):
        if not cues.take(m.start()):
            return out
        np = _speaker_before(text, lo, m.start())
        if np is None or (np.shape == "pronoun" and np.text not in {"he", "she"}) or np.shape == "document":
            continue
        if np.text.strip().casefold() in lex.NON_SOURCES:
            continue
        rule = f"belief-adjective:{m.group('adj').casefold()}"
        out.append(_Candidate(np.start, m.end("cue"), rule, np, 0.6, sentence, (m.end(), hi)))

    for m in _hinged(text, _PROGRESSIVE_CUE, hinges, lo, hi):
        if not cues.take(m.start()):
            return out
        form = m.group("p").casefold()
        if form == "calling" and not _CALLING_FOR.match(text, m.end(), hi):
            continue  # "customers are calling on the move": a phone call
        if form in _PROGRESSIVE_NEED_CONTENT and not _SPEECH_FOLLOW.match(text[m.end() : min(hi, m.end() + 40)]):
            continue  # "is writing an episode": no reported content
        np = _speaker_before(text, lo, m.start())
        if np is None or (np.shape == "pronoun" and np.text not in {"he", "she"}) or np.shape == "document":
            continue
        if np.text.strip().casefold() in lex.NON_SOURCES:
            continue
        rule = f"progressive:{form}"
        out.append(_Candidate(np.start, m.end("cue"), rule, np, 0.7, sentence, (m.end(), hi)))

    research_end = -1
    for at in hinges.get(id(_RESEARCH), ()):
        if at < research_end:
            continue
        found = _RESEARCH.search(text, max(lo, at - _RESEARCH_HINGE_BEFORE), min(hi, at + 200))
        if found is None or not (found.start("np") <= at < found.end("np")) or not cues.take(found.start()):
            continue
        m = found
        research_end = m.end()
        if m.group("team") and not (
            re.search(r"research|scientific|researchers|scientists|academics", m.group("np"), re.I)
            or m.group("org")
            or m.group("org2")
        ):
            continue  # "the team said": a sports side or a campaign, read by the other shapes
        org = m.group("org") or m.group("org2")
        if org and re.search(r"\bled\s+by\s", m.group(0)):  # "A team led by Ann Bell found": she speaks
            np = _NP(m.start("np"), m.end("np"), "proper", org)
        elif org:
            np = _NP(m.start("np"), m.end("np"), "research", m.group("np"), kind_hint=org)
        else:
            np = _NP(m.start("np"), m.end("np"), "research", m.group("np"))
        rule = f"research:{m.group('verb').casefold()}"
        out.append(_Candidate(m.start("np"), m.end("verb"), rule, np, 0.92, sentence, (m.end(), hi)))

    impersonal_at: set[int] = set()
    for pattern in (_IMPERSONAL_IT, _IMPERSONAL_RAISED):
        for m in _hinged(text, pattern, hinges, lo, hi):
            if m.end("cue") in impersonal_at or not cues.take(m.start()):
                continue
            impersonal_at.add(m.end("cue"))
            # One label for both forms: "are widely thought" -> "it is widely thought".
            words = m.group("cue").casefold().split()
            tense = "it was" if {"was", "were"} & set(words) else "it is"
            adverb = [w for w in words[:-1] if w in _IMPERSONAL_ADVERBS]
            phrase = " ".join([tense, *adverb, m.group("verb").casefold()])
            np = _NP(m.start("cue"), m.start("cue"), "impersonal", phrase)
            out.append(
                _Candidate(m.start("cue"), m.end("cue"), f"impersonal:{m.group('verb').casefold()}", np, 0.6, sentence)
            )

    for m in _TERMED.finditer(text, lo, hi) if "what " in lower else ():
        if not cues.take(m.start()):
            return out
        np = _parse_end(text, m.start("np"), m.end("np"), full=True)
        if np is None or np.shape == "pronoun":
            continue
        out.append(
            _Candidate(
                m.start(),
                m.end(),
                f"what-termed:{m.group('verb').casefold()}",
                np,
                0.75,
                sentence,
            )
        )

    # A coordinated cue ("... and warned") shares the subject of the nearest cue before it in the
    # sentence, where there is one: its speaker as read there, not a parse of the sentence's opening.
    for c in out:
        if c.rule.startswith("coordinated-cue"):
            before = [p for p in out if p.end <= c.start and not p.rule.startswith("coordinated-cue")]
            if before:
                c.np = max(before, key=lambda p: p.end).np
    out = [c for c in out if c.np.shape != "pending"]
    # A cue inside a quotation ('"... and he would say, 'fine,' ...," Ann Bell said') reports the
    # quoted speaker's story: the cue outside the quote goes first when both credit one speaker.
    for c in out:
        c.quoted = _inside_quotation(text, lo, c.start)
    covered = [(c.start, c.end) for c in out]
    firsts = sorted(((c.end, c) for c in out if not c.quoted), key=lambda pair: pair[0]) if "ing" in lower else []
    for m in _PARTICIPLE.finditer(text, lo, hi) if "ing" in lower and ("," in lower or " by " in lower) else ():
        if any(s < m.start() for s, _ in covered):
            second = _second_cue(text, firsts, m)
            if second is not None and cues.take(m.start()):
                out.append(second)
            continue
        if m.group(0)[:1] != "," and (
            _PASSIVE_BEFORE_BY.search(text, max(lo, m.start() - 40), m.start())
            or _MODAL_BEFORE_BY.search(text, max(lo, m.start() - 200), m.start())
        ):
            # "the ban is justified by arguing": a passive; "users can find a song by saying its
            # name": what anyone could do. Neither reports anything said.
            continue
        cand = _participle(text, sentence, m)
        if cand is not None:
            out.append(cand)
    # 'Ann Bell told the paper that he was "unfit," adding ...': a second cue after a closed quotation.
    for m in _PARTICIPLE_AFTER_QUOTE.finditer(text, lo, hi) if "ing" in lower and "," in lower else ():
        second = _second_cue(text, firsts, m)
        if second is not None and cues.take(m.start()):
            out.append(second)
    # "with 30 percent of voters saying they ...": a poll share's participle, no comma before it.
    for m in (
        _SHARE_PARTICIPLE.finditer(text, lo, hi)
        if ("%" in lower or "percent" in lower or " in " in lower) and _share_words_in(lower)
        else ()
    ):
        if any(s <= m.start() < e for s, e in covered):
            continue
        portion = _portion_tail(text, max(lo, m.start() - 90), m.start())
        if portion is None or len(portion.group("np").split()) > 7:
            continue  # "24% of voters put a priority on choosing": a clause, not a share's words
        np = _NP(portion.start("np"), portion.end("np"), "portion", portion.group("np"), "respondents")
        out.append(
            _Candidate(np.start, m.end(), f"participle:{m.group('p').casefold()}", np, 0.7, sentence, (m.end(), hi))
        )
    for m in _WITH_SAYING.finditer(text, lo, hi) if "with " in lower else ():
        np = _parse_end(text, m.start("np"), m.end("np"), full=True)
        if np is None or np.shape == "pronoun":
            continue
        out.append(_Candidate(np.start, m.end(), f"participle:{m.group('p').casefold()}", np, 0.7, sentence))
    return out
