"""Getting articles in from the web: pure helpers, no Django.

- ``fetch``: the safe HTTP GET (address checks on every hop, manual redirects, limits);
- ``extract``: page -> text and metadata (trafilatura; the function itself lives in
  ``annotations.text.html`` so the article API can use it without importing credibility);
- ``feeds``: RSS/Atom -> entries (feedparser).

The Django side (Sources, Articles, jobs, feeds) is ``credibility.services.ingestion``.
"""
