# Type stubs of the extension module (python/src/lib.rs).
import os
from typing import Iterable, Literal, Optional, Sequence, TypedDict, Union, overload

__version__: str

Format = Literal["text", "markdown", "html"]
Favor = Literal["balanced", "precision", "recall"]
InputKind = Literal["auto", "html", "text"]
Page = Union[str, bytes]
Rules = Union[str, "os.PathLike[str]"]

class Error(Exception):
    """Base class of every error unboil raises. From ``clean_many``, ``index``
    is the failed page's position."""

    index: int

class ParseError(Error): ...
class LimitError(Error): ...
class GzipError(Error): ...
class BinaryInputError(Error): ...
class RulesError(Error): ...
class SelectorError(RulesError): ...
class InternalError(Error): ...

# The functional form: one key, "pass", is a Python keyword.
ExplainRow = TypedDict(
    "ExplainRow",
    {
        "block": int,
        "kept": bool,
        "reason": Optional[str],
        "pass": str,
        "path": str,
        "kind": str,
        "words": int,
        "text": str,
    },
)

class Document:
    """One cleaned page."""

    @property
    def text(self) -> str: ...
    @property
    def content(self) -> str: ...
    @property
    def format(self) -> Format: ...
    @property
    def title(self) -> Optional[str]: ...
    @property
    def author(self) -> Optional[str]: ...
    @property
    def date(self) -> Optional[str]: ...
    @property
    def sitename(self) -> Optional[str]: ...
    @property
    def url(self) -> Optional[str]: ...
    @property
    def lang(self) -> Optional[str]: ...
    @property
    def description(self) -> Optional[str]: ...
    @property
    def image(self) -> Optional[str]: ...
    @property
    def tags(self) -> list[str]: ...
    @property
    def page_type(self) -> Optional[str]: ...
    @property
    def encoding(self) -> Optional[str]: ...
    @property
    def plain_text(self) -> bool: ...
    def explain(self) -> list[ExplainRow]: ...
    def to_dict(self) -> dict[str, Union[str, list[str]]]: ...

class Cleaner:
    """One way of cleaning (options fixed, rules compiled once) for many pages."""

    def __init__(
        self,
        *,
        format: Format = "text",
        favor: Favor = "balanced",
        links: bool = False,
        images: bool = False,
        comments: bool = False,
        rules: Optional[Rules] = None,
        no_default_rules: bool = False,
        drop: Sequence[str] = (),
        keep: Sequence[str] = (),
        input: InputKind = "auto",
        charset: Optional[str] = None,
        metadata: bool = True,
        memory_limit: Optional[int] = None,
    ) -> None: ...
    @property
    def format(self) -> Format: ...
    def clean(self, html: Page, *, url: Optional[str] = None) -> Document: ...
    @overload
    def clean_many(
        self,
        pages: Iterable[Page],
        *,
        urls: Optional[Sequence[Optional[str]]] = None,
        threads: Optional[int] = None,
        errors: Literal["raise"] = "raise",
    ) -> list[Document]: ...
    @overload
    def clean_many(
        self,
        pages: Iterable[Page],
        *,
        urls: Optional[Sequence[Optional[str]]] = None,
        threads: Optional[int] = None,
        errors: Literal["return"],
    ) -> list[Union[Document, Error]]: ...
