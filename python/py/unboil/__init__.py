"""unboil: strip boilerplate from scraped web pages and keep the article text.

``clean(html)`` cleans one page and returns a ``Document`` (the content, the
page's metadata, ``explain()`` rows); ``clean_many(pages)`` cleans a list in
parallel with the GIL released, results in input order. ``Cleaner(**options)``
fixes the options once (user rules are compiled once) for many calls. A page
is ``bytes`` (raw: charset sniffed, gzip recognised, as for a file) or ``str``
(Unicode already: a ``<meta charset>`` inside is ignored). Every failure is an
``unboil.Error``. ``unboil.datatrove.UnboilExtractor`` is a datatrove
pipeline step.

Options (keyword-only, for ``Cleaner``, ``clean`` and ``clean_many``):

- ``format``: ``"text"`` (default), ``"markdown"`` or ``"html"``: what
  ``Document.content`` holds (``Document.text`` is always plain text).
- ``favor``: ``"balanced"`` (default), ``"precision"`` or ``"recall"``.
- ``links``: keep links in Markdown and HTML, made absolute against ``url``.
- ``images``: keep images (alt text; ``![alt](src)`` in Markdown).
- ``comments``: keep comment sections.
- ``rules``: user rules, as TOML text (``str``) or a file (``os.PathLike``,
  e.g. ``pathlib.Path("site.toml")``), in the shape of unboil's rules files;
  checked before the built-in catalogue. ``no_default_rules=True`` drops the
  built-in catalogue.
- ``drop`` / ``keep``: CSS selectors whose subtrees are always removed / kept.
- ``input``: ``"auto"`` (default), ``"html"`` or ``"text"`` (promo rules line
  by line).
- ``charset``: the transport charset of ``bytes`` pages (an HTTP header's);
  beats ``<meta>``.
- ``metadata``: gather title, author, date, ... (default ``True``).
- ``memory_limit``: the parser's memory limit in bytes (``LimitError`` past it).
"""

from ._unboil import (
    BinaryInputError,
    Cleaner,
    Document,
    Error,
    GzipError,
    InternalError,
    LimitError,
    ParseError,
    RulesError,
    SelectorError,
    __version__,
)

__all__ = [
    "BinaryInputError",
    "Cleaner",
    "Document",
    "Error",
    "GzipError",
    "InternalError",
    "LimitError",
    "ParseError",
    "RulesError",
    "SelectorError",
    "__version__",
    "clean",
    "clean_many",
]

# Options given to no call: one cleaner serves them all.
_DEFAULT = Cleaner()


def clean(html, *, url=None, **options):
    """Clean one page (``str`` or ``bytes``) into a ``Document``.

    ``url`` is where the page came from: relative links and the canonical URL
    resolve against it. ``options`` are those of ``Cleaner``; with ``rules``,
    make a ``Cleaner`` once instead, so the rules are compiled once.
    """
    cleaner = Cleaner(**options) if options else _DEFAULT
    return cleaner.clean(html, url=url)


def clean_many(pages, *, urls=None, threads=None, errors="raise", **options):
    """Clean many pages in parallel (GIL released); results in input order.

    ``urls``: one URL (or ``None``) per page. ``threads``: how many threads
    (default: all cores). ``errors="raise"`` raises the first page's error
    (its ``index`` attribute says which page); ``errors="return"`` puts each
    failed page's ``unboil.Error`` in the list in its place.
    """
    cleaner = Cleaner(**options) if options else _DEFAULT
    return cleaner.clean_many(pages, urls=urls, threads=threads, errors=errors)
