"""Signals annotations/ sends so that other apps can react without annotations/ importing them.

``article_text_changed`` is sent inside the writing transaction whenever an article is created
or its title/body changes; credibility/ subscribes to request an analysis (enqueued on commit).
"""

from django.dispatch import Signal

# kwargs: article (Article), created (bool), changed_by (User | None)
article_text_changed = Signal()

# Sent inside the writing transaction when an article's language changes while its title and body
# do not (an editor set it): which detectors apply depends on the language, so credibility/
# re-analyses. kwargs: article (Article), changed_by (User | None)
article_language_changed = Signal()

# Sent inside the writing transaction after an annotation's review status changes.
# kwargs: annotation (Annotation), from_status (str), to_status (str), reviewer (User | None), note (str)
annotation_reviewed = Signal()
