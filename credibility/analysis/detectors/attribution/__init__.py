"""Source attributions: who is credited with a statement, and where the credit is given.

One ``source_attribution`` Finding per attribution cue. The span covers the cue as a reader
sees it (speaker + reporting verb, or the "according to ..." phrase); ``source`` holds the
canonical speaker. Invariants the downstream claim detectors rely on:

- ``meta["sentence_index"]`` is the index (as ``str``) of the sentence holding the cue;
- ``source.kind == "vague"`` exactly when the speaker is unnamed or a group ("officials",
  "people familiar with the matter", "a former colleague"), so a sentence whose only
  attributions are vague can be reported as ``vague_source``;
- at most one finding per speaker per sentence, and findings never overlap.

Rule-based and deterministic: speakers are noun phrases found next to a cue by a small
regex grammar (proper-name runs, role descriptors, vague groups, "the company"-style
back-references), so every finding can be explained by the rule that fired.

The package, in the order its modules import one another (each imports only those above it):

- ``grammar``: the shared regex building blocks (name tokens, proper-name runs, boundaries) and
  word normalisation.
- ``cue_patterns``: cue shapes the sentence pass and the readers share: cue verb forms, document
  nouns, impersonal, belief and research cues, and the hinge words that gate the phrase patterns.
- ``state``: the value types of one run (noun phrase, candidate, entity) and the article's state.
- ``entities``: the entities the article has named: look-ups (by key, last before) and surnames.
- ``names``: proper names cleaned (captions, titles, possessives) and classified by kind.
- ``speakers``: the grammar of speaker phrases, and the speaker just before or just after a cue.
- ``statements``: the reported content of a cue and the verb's tail before it.
- ``subjects``: speakers read from a clause's subject or a whole noun phrase; inside quotations.
- ``roles``: the roles and acronyms an article gives, and who holds a role later.
- ``documents``: documents, polls and data as sources, and participle cues ("citing ...").
- ``according``: "according to ..." cues.
- ``coreference``: a speaker phrase resolved to a canonical source (names, roles, pronouns,
  "the company", research teams, document owners).
- ``cue_verbs``: reporting verbs, with the senses that report nothing ruled out.
- ``prescan``: the pass over the article that records its names before any cue is read.
- ``candidates``: the per-sentence search for cues (verbs, phrases, colons, signed quotations).
- ``findings``: the detector's name and version; candidates made into findings; lead speakers.
- ``detector``: ``AttributionDetector``, which picks, resolves and reports the candidates.
"""

from credibility.analysis.detectors.attribution.detector import AttributionDetector

__all__ = ["AttributionDetector"]
