"""Documents and data as sources, shared by the attribution detector and the claim detectors.

One list, so that "figures from X showed", "X's figures have shown", "the report found" or
"according to the indictment" read as a source the same way everywhere: the attribution
detector credits them, and the hedge and unsourced detectors (which also fall back on these
cues when no attribution detector ran) treat the statement as sourced.
"""

from __future__ import annotations

# Nouns for documents and measurements: "X's data show", "according to council budget papers",
# "according to the indictment", "a court filing showed".
DOCUMENT_NOUNS = frozenset(
    """data figures figure statistics stats records record numbers estimates estimate analysis
    survey surveys report reports research study studies papers paper documents document
    filings filing findings projections forecast forecasts minutes accounts poll polls
    modelling modeling polling readings tally count census review audit assessment indictment
    indictments affidavit affidavits transcript transcripts dossier memo memorandum inquiry
    investigation ruling rulings judgment judgement""".split()
)
# What a document does when it is the source: "the figures showed", "the survey found".
DOCUMENT_VERBS = frozenset(
    """show shows showed shown suggest suggests suggested indicate indicates indicated reveal
    reveals revealed find finds found""".split()
)
# Adjectives that open a sentence before a document noun and are not its owner's name:
# "Recent surveys have indicated", "Leaked documents have suggested" name nobody.
DOCUMENT_MODIFIERS = frozenset(
    """recent previous leaked new latest official earlier separate independent unpublished
    internal preliminary provisional further other similar published confidential secret exit
    opinion public early initial final""".split()
)
# How a statement is placed in a document, each a regex fragment opening with its verbs and
# followed by "in" and the document: "the sum appears in court filings", "the terms are set out
# in the report".
DOCUMENT_PLACEMENT_VERBS: tuple[str, ...] = (
    "(?:appears|appeared|appear)",
    "(?:is|are|was|were|been) (?:set out|recorded|listed|detailed|contained|cited|disclosed|stated|given)",
)
# What is done to a document that carries the statement: "in a report published on Thursday",
# "in a filing submitted to the court", "in a memo seen by the paper".
DOCUMENT_RELEASE_VERBS: tuple[str, ...] = (
    "published",
    "released",
    "issued",
    "filed",
    "submitted",
    "presented",
    "seen",
    "obtained",
    "made public",
)
