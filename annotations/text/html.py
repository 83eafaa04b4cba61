"""HTML page -> article text and metadata. Pure Python (trafilatura + lxml), no Django.

It lives here, not in ``credibility.ingestion``, because both apps need it: ``POST /articles/``
with ``{"html": ...}`` runs it inside annotations/, which never imports credibility/, and the
URL, feed and bulk ingestion in credibility/ runs the very same function (re-exported by
``credibility.ingestion.extract``). One extraction, two entry points.

Invariants of ``ExtractedPage.text``:
- paragraphs are separated by one blank line, and no paragraph is split inside;
- figure captions, photo credits, navigation, ads and boilerplate are not part of it, so a
  credit such as "Photo: Reuters/Jane Doe" is never glued to the first words of the prose;
- the headline is not repeated as the first paragraph.

Nothing is downloaded at run time: trafilatura is given the markup and only parses it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # trafilatura itself is imported where it is used: it is slow to import
    from trafilatura.settings import Document

# Elements whose text is never article prose: captions, credits and the usual page furniture.
# trafilatura already drops most of them; removing them first makes sure no caption or credit
# can end up glued to a paragraph, whatever the page's markup does around them.
_DROP_TAGS = ("figcaption", "script", "style", "noscript", "template", "iframe", "nav", "aside", "form", "button")
_DROP_CLASS = re.compile(
    r"(?:^|[\s_-])(?:credit|credits|caption|photo-?credit|image-?credit|copyright|"
    r"ad|ads|advert|advertisement|sponsored|promo|newsletter|cookie|cookies|share|social|related)(?:$|[\s_-])",
    re.IGNORECASE,
)
# A paragraph that is only a credit line ("Photo: AP", "Photograph: Valley Courier/John Smith").
_CREDIT_LINE = re.compile(
    r"^\s*(?:photo(?:graph)?s?|image|picture|pictures|video|illustration|graphic|credit)"
    r"(?:\s+(?:credit|by))?\s*[:\u00a9]\s*\S.{0,120}$",
    re.IGNORECASE,
)
_BLANKS = re.compile(r"[ \t\u00a0]+")
_BYLINE_PREFIX = re.compile(r"^\s*(?:by|words by|written by|von|par|por)\s+", re.IGNORECASE)

# Hostile markup (issue 15). libxml2 checks each attribute of a tag against the ones before it, so a
# tag with 20,000 attributes costs seconds to parse and trafilatura's passes far more: tags with
# more than MAX_ATTRIBUTES attributes are cut to their first MAX_ATTRIBUTES before parsing. Only
# tags longer than _LONG_TAG characters are looked at (a linear regex scan finds them).
MAX_ATTRIBUTES = 256
_LONG_TAG = 4096
_LONG_TAG_RE = re.compile(rf"<([A-Za-z][^\s<>/]*)([^<>]{{{_LONG_TAG},}})>")
_ATTRIBUTE = re.compile(r"""[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]*))?""")
_MARKUP_TAG = re.compile(r"<[^<>]*>")
# Pages longer than this lose the content of their scripts (but JSON-LD), styles, templates and
# noscript blocks before parsing (``_strip_invisible``); shorter ones are parsed as they are.
STRIP_INVISIBLE_OVER = 256 * 1024
_INVISIBLE = ("script", "style", "template", "noscript")


@dataclass(frozen=True)
class ExtractedPage:
    """What one page says about itself. Empty strings (never None) for missing text fields."""

    title: str
    text: str
    byline: str = ""
    authors: tuple[str, ...] = ()
    published_at: datetime | None = None
    site_name: str = ""
    language: str = ""
    url: str = ""  # the page's canonical URL when it names one
    description: str = ""


class ExtractionError(ValueError):
    """The markup holds no article text."""


class HtmlTooLargeError(ExtractionError):
    """The page holds far more text, or far more elements, than an article page: refused before extraction."""

    def __init__(self, *, estimate: int, limit: int, what: str = "text") -> None:
        self.estimate = estimate
        self.limit = limit
        if what == "elements":
            message = (
                f"The HTML has about {estimate} elements, more than the {limit} a page may have to be extracted "
                "(extraction costs per element); it is refused before extraction."
            )
        else:
            message = (
                f"The HTML holds about {estimate} characters of text, more than the {limit} a page may hold to be "
                "extracted (twice ARTICLE_BODY_MAX_CHARS); it is refused before extraction."
            )
        super().__init__(message)


def html_element_estimate(html: str) -> int:
    """About how many elements the page opens (C-speed counts; stray "<" in text count too)."""
    return html.count("<") - html.count("</") - html.count("<!")


def _invisible_blocks(html: str, lowered: str) -> Iterator[tuple[int, int, int, int]]:
    """(element start, content start, content end, element end) of every script, style, template and
    noscript element, in order, in linear time (one forward search per element name)."""
    upcoming = {name: lowered.find("<" + name) for name in _INVISIBLE}  # next opening of each, -1 when none left
    at = 0
    while True:
        for name, found in upcoming.items():
            if found != -1 and found < at:
                upcoming[name] = lowered.find("<" + name, at)
        pending = [(found, name) for name, found in upcoming.items() if found != -1]
        if not pending:
            return
        opening, name = min(pending)
        after = opening + 1 + len(name)
        if after < len(lowered) and lowered[after] not in " \t\r\n\f/>":
            at = opening + 1  # <scripts>, <template-card>: another element
            continue
        content = lowered.find(">", after)
        if content == -1:
            return
        closing = lowered.find("</" + name, content)
        if closing == -1:  # unclosed: the rest of the page is its content, as a browser reads it
            yield opening, content + 1, len(html), len(html)
            return
        end = lowered.find(">", closing)
        end = len(html) if end == -1 else end + 1
        yield opening, content + 1, closing, end
        at = end


def html_text_estimate(html: str) -> int:
    """An upper bound, in linear time, on the text extraction can find: the characters outside tags,
    scripts and styles, whitespace runs counted once. The markup itself is an upper bound too, so
    short pages cost one ``len``."""
    pieces: list[str] = []
    at = 0
    for start, _content, _content_end, end in _invisible_blocks(html, html.lower()):
        pieces.append(html[at:start])
        at = end
    pieces.append(html[at:])
    text = _MARKUP_TAG.sub(" ", "".join(pieces))
    return len(text) - sum(len(run) - 1 for run in re.findall(r"\s{2,}", text))


def _strip_invisible(html: str) -> str:
    """The page without the content of its scripts (JSON-LD kept: dates and authors come from it),
    styles, templates and noscript fallbacks: text extraction never reads it, but every parse and
    serialisation of the page would (a 4 MiB style block cost 1.4 s)."""
    lowered = html.lower()
    pieces: list[str] = []
    at = 0
    for start, content, content_end, end in _invisible_blocks(html, lowered):
        pieces.append(html[at:content])
        if "ld+json" in lowered[start:content]:
            pieces.append(html[content:content_end])
        pieces.append(html[content_end:end])
        at = end
    pieces.append(html[at:])
    return "".join(pieces)


def _cap_attributes(html: str) -> str:
    """Cut every tag with more than MAX_ATTRIBUTES attributes down to its first MAX_ATTRIBUTES, and
    empty attribute values longer than _LONG_TAG characters (text extraction reads no attribute)."""

    def cut(match: re.Match[str]) -> str:
        attributes = _ATTRIBUTE.findall(match.group(2))
        long_values = any(len(attribute) > _LONG_TAG for attribute in attributes)
        if len(attributes) <= MAX_ATTRIBUTES and not long_values:
            return match.group(0)
        kept = [
            attribute if len(attribute) <= _LONG_TAG else attribute.split("=", 1)[0] + '=""'  # a data: URI, say
            for attribute in attributes[:MAX_ATTRIBUTES]
        ]
        return "<" + match.group(1) + " " + " ".join(kept) + ">"

    return _LONG_TAG_RE.sub(cut, html)


def _drop_furniture(tree: object) -> None:
    """Remove captions, credits, ads and navigation from an lxml tree, keeping their tails.

    A class-matched element is kept when it holds most of the page's text: a wrapper called
    "content has-ads" is the article, not an ad.
    """
    total = len(tree.text_content() or "")  # type: ignore[attr-defined]
    for element in list(tree.iter()):  # type: ignore[attr-defined]
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or element.getparent() is None:
            continue
        if tag in _DROP_TAGS:
            element.drop_tree()
            continue
        marker = " ".join(filter(None, (element.get("class"), element.get("id"))))
        if (
            marker
            and tag not in ("html", "body", "article", "main")
            and _DROP_CLASS.search(marker)
            and len(element.text_content() or "") < total / 2
        ):
            element.drop_tree()


def _iso_datetime(value: str) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value[:10]), time())
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _json_ld_dates(tree: object) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key in ("datePublished", "dateCreated"):
                if isinstance(node.get(key), str):
                    found.append(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for script in tree.xpath('//script[@type="application/ld+json"]'):  # type: ignore[attr-defined]
        try:
            walk(json.loads(script.text or ""))
        except (ValueError, TypeError):
            continue
    return found


def _published_at(tree: object, fallback: str | None) -> datetime | None:
    """The publication instant: a full timestamp from the page's metadata when it gives one
    (trafilatura keeps only the day), else trafilatura's date at midnight UTC."""
    candidates = [
        *tree.xpath(  # type: ignore[attr-defined]
            '//meta[@property="article:published_time" or @name="article:published_time" or '
            '@itemprop="datePublished" or @name="date" or @name="pubdate" or @name="DC.date.issued"]/@content'
        ),
        *_json_ld_dates(tree),
        *tree.xpath("//article//time/@datetime | //time[@itemprop='datePublished']/@datetime"),  # type: ignore[attr-defined]
    ]
    for candidate in candidates:
        parsed = _iso_datetime(str(candidate))
        if parsed is not None:
            return parsed
    return _iso_datetime(fallback) if fallback else None


def split_byline(byline: str) -> tuple[str, ...]:
    """The names in a byline: "By Tom Reyes and Anna Kowalski" -> ("Tom Reyes", "Anna Kowalski").

    Job titles after a comma ("Maria Lopez, Transport correspondent") are dropped; an
    organisation in the byline stays a name (the caller decides what kind of source it is).
    """
    text = _BYLINE_PREFIX.sub("", byline.strip())
    names: list[str] = []
    for part in re.split(r"\s*(?:;|\||\band\b|&|\bund\b|\bet\b|\by\b)\s*", text):
        name = part.split(",")[0].strip(" .-\u2013\u2014")
        name = _BYLINE_PREFIX.sub("", name).strip()
        if name and any(ch.isalpha() for ch in name) and len(name) <= 120 and name not in names:
            names.append(name)
    return tuple(names)


def _paragraphs(text: str, *, title: str) -> list[str]:
    paragraphs = []
    for line in text.splitlines():
        line = _BLANKS.sub(" ", line).strip()
        if not line or _CREDIT_LINE.match(line):
            continue
        paragraphs.append(line)
    if paragraphs and title and paragraphs[0].casefold() == title.strip().casefold():
        paragraphs = paragraphs[1:]
    return paragraphs


def _language(tree: object, detected: str | None) -> str:
    lang = (tree.xpath("string(/html/@lang)") or detected or "").strip()  # type: ignore[attr-defined]
    return lang.split("-")[0].lower()[:16] if lang else ""


def _page_metadata(markup: str, *, url: str | None) -> Document | None:
    """What ``bare_extraction(..., with_metadata=True)`` finds about the page (title, author, date, site
    name, canonical URL, description), without its text extraction: that runs once, on the tree
    without furniture, and costs per element (issue 15)."""
    from trafilatura.metadata import extract_metadata
    from trafilatura.settings import DEFAULT_CONFIG, Extractor
    from trafilatura.utils import load_html

    options = Extractor(
        config=DEFAULT_CONFIG,
        output_format="python",
        fast=False,
        precision=True,
        recall=False,
        comments=False,
        formatting=False,
        links=False,
        images=False,
        tables=False,
        dedup=False,
        lang=None,
        url=url,
        with_metadata=True,
        only_with_metadata=False,
        author_blacklist=None,
        url_blacklist=None,
        date_params=None,
    )
    tree = load_html(markup, options.max_file_size)
    if tree is None:
        return None
    return extract_metadata(tree, options.url, options.date_params, options.fast, options.author_blacklist)


def html_extract(
    html: str | bytes, *, url: str | None = None, max_text_chars: int | None = None, max_elements: int | None = None
) -> ExtractedPage:
    """Main text and metadata of an HTML page.

    Raises ``ExtractionError`` when there is no article text in it (an empty page, a page of
    links, not HTML at all), and ``HtmlTooLargeError`` before any parsing when ``max_text_chars``
    is given and the page holds more text than that (``html_text_estimate``), or ``max_elements``
    and it has more elements (``html_element_estimate``, after invisible content is dropped):
    extraction costs ~50 µs per element. Tags with more than MAX_ATTRIBUTES attributes are cut
    and huge attribute values emptied before parsing.
    """
    import trafilatura
    from lxml import html as lxml_html

    if isinstance(html, bytes):
        html = trafilatura.utils.decode_file(html)
    if not html or not html.strip():
        raise ExtractionError("The HTML is empty.")
    if max_text_chars is not None and len(html) > max_text_chars:
        estimate = html_text_estimate(html)
        if estimate > max_text_chars:
            raise HtmlTooLargeError(estimate=estimate, limit=max_text_chars)
    if len(html) > _LONG_TAG:
        html = _cap_attributes(html)
    if len(html) > STRIP_INVISIBLE_OVER:
        html = _strip_invisible(html)
    if max_elements is not None and len(html) > max_elements * 4:  # "<p>" and ">" at least per element
        elements = html_element_estimate(html)
        if elements > max_elements:
            raise HtmlTooLargeError(estimate=elements, limit=max_elements, what="elements")
    try:
        tree = lxml_html.document_fromstring(html)
    except (ValueError, TypeError) as exc:  # lxml raises ParserError (a ValueError) on garbage
        raise ExtractionError(f"The HTML cannot be parsed: {exc}") from exc

    published_at_hint = _published_at(tree, None)
    metadata = _page_metadata(lxml_html.tostring(tree, encoding="unicode"), url=url)
    _drop_furniture(tree)
    markup = lxml_html.tostring(tree, encoding="unicode")

    def main_text(*, precise: bool) -> Document | None:
        found = trafilatura.bare_extraction(
            markup, url=url, with_metadata=False, include_comments=False, include_tables=False,
            include_images=False, favor_precision=precise, favor_recall=not precise,
        )  # fmt: skip
        assert not isinstance(found, dict)  # as_dict=False (the default): a Document or None
        return found

    document = main_text(precise=True)
    if document is None or not (document.text or "").strip():
        # Precision first, then recall: short pages can fall below the precise mode's thresholds.
        document = main_text(precise=False)
    if document is None or not (document.text or "").strip():
        raise ExtractionError("No article text was found in the HTML.")

    title = _BLANKS.sub(" ", (metadata.title if metadata else None) or "").strip()
    byline = _BLANKS.sub(" ", (metadata.author if metadata else None) or "").strip()
    authors = split_byline(byline) if byline else ()
    paragraphs = _paragraphs(document.text or "", title=title)
    if not paragraphs:
        raise ExtractionError("No article text was found in the HTML.")
    return ExtractedPage(
        title=title[:500],
        text="\n\n".join(paragraphs),
        byline=", ".join(authors)[:500] if authors else byline[:500],
        authors=authors,
        published_at=published_at_hint or _published_at(tree, metadata.date if metadata else None),
        site_name=_BLANKS.sub(" ", (metadata.sitename if metadata else None) or "").strip()[:300],
        language=_language(tree, metadata.language if metadata else None),
        url=((metadata.url if metadata else None) or "").strip(),
        description=((metadata.description if metadata else None) or "").strip(),
    )
