"""Typo detector: misspellings, missing spaces, names spelled two ways, glued photo credits.

Plain Python, no Django. News copy is full of words no dictionary holds (people, places,
brands, foreign terms), so capitalised words are read with a name model: one is a name when
the dictionary, the known sources or the article itself vouch for it (repeated, introduced by a
title, beside another name), and a misspelling only when a far more frequent word is an edit
away, its capital is explained (a sentence opener, a weekday, a title-case name of ordinary
words) and, mid-sentence, the correction fits its neighbours. A capitalised word is also
flagged when the article itself shows it is wrong, because a near-identical name appears in it
more often or with a first name, or when it is a credit line glued onto the next sentence.
Jargon is handled word by word: tokens that look like code, units, identifiers, handles or
addresses are skipped, and no sentence is ever dropped whole.

Rules (``Finding.rule``):

- ``known-misspelling``: a token listed in codespell's misspelling dictionary (lower-case
  anywhere, capitalised where the name model says it is no name).
- ``run-together``: an unknown lower-case token that splits into a function word and
  another common word ("onthe", "residentswere").
- ``non-word``: a lower-case token wordfreq has (almost) never seen, with a far more
  frequent word one edit away; or a capitalised one the name model says is no name.
- ``contraction``: a contraction written without its apostrophe where that is no dictionary
  word ("weve", "theyre") or one letter off a contraction ("could't", "did'nt").
- ``participle-after-have``: "has strengthen" (a verb-forming -en/-ify/-ise/-ize base
  after has/have/had whose regular past participle is a common word).
- ``past-after-to-or-modal``: "expected to rose", "could went" (an irregular simple past
  after an infinitive "to" or a modal, where the base form belongs).
- ``confusable``: a real word written for its twin where the words around allow only the twin
  ("more then", "its a", "their is", "to loose their", "was lead by", "in principal");
  confidence 0.5, for reviewers to filter.
- ``confusable-context``: a word of a classic confusion set ("weather"/"whether", "aloud"/"allowed")
  whose two neighbours, scored with symspellpy's bigram counts, make its twin far likelier
  (``lexicon.confusable_in_context``); confidence 0.4.
- ``real-word-pos``: a real word the parts of speech around it rule out, read with the Brill
  lexicon's tags: "he"/"she"/"they" for "the" before a word that can only be a noun ("he
  closures"); an adjective for a frequent verb one letter away right after its subject ("users
  hard difficulty": had); a pronoun or preposition for a determiner one letter away before a
  bare singular subject ("out attitude is": our); "then" after a comparative ("wider then");
  confidence 0.35.
- ``name-misspelling``: a capitalised name no dictionary, census list or web count knows, one
  left-out letter or swap from a name the web knows well ("Atwod" for "Atwood"); confidence 0.55.
- ``name-variant-of:<Name>``: a capitalised token within a small edit distance of a name
  the article uses more often, or introduces with a first name or title; a double-barrelled
  name ("Holm-Okafer" beside "Holm-Okafor") is compared whole and part by part.
- ``glued-credit``: caption or credit text at the start of a paragraph run into the first
  word of the next sentence ("Google MapsDespite"); the suggestion "" means delete it.
- ``caption-line``: a credit after a prefix ("Photo:", "Picture:", "Credit:") left at a paragraph
  start, one space before the sentence ("Photo: Jane Doe/City Courier The recall..."); delete it.

The package, in the order its modules import one another (each imports only those above it):

- ``findings``: the detector's name and version, how a finding is made, span helpers.
- ``vocabulary``: lexicon and frequency lookups on one word.
- ``tokens``: tokenising, and the tokens the checks skip (code, units, URLs, handles, quotations).
- ``candidates``: candidate corrections for an unknown word, ranked by a noisy channel.
- ``splits``: run-together words, words glued to numbers, words split in two.
- ``capitalised``: capitalised words read with the name model; name misspellings.
- ``non_words``: the non-word check over the tokens (lower-case and capitalised).
- ``real_words``: real words written for another, from fixed contexts and bigrams.
- ``real_word_pos``: real-word slips the parts of speech around them rule out.
- ``credits``: photo credits and captions glued onto the text.
- ``name_variants``: names spelt two ways in one article.
- ``detector``: ``TypoDetector``, which runs the checks in order.
"""

from credibility.analysis.detectors.typos.detector import TypoDetector

__all__ = ["TypoDetector"]
