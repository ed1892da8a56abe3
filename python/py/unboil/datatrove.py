"""unboil as a datatrove extractor: ``UnboilExtractor``, a pipeline step in the
shape of datatrove's own ``Trafilatura`` extractor.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from unboil.datatrove import UnboilExtractor

    LocalPipelineExecutor(pipeline=[
        WarcReader("crawl/"),
        UnboilExtractor(favor="precision"),
        JsonlWriter("clean/"),
    ], tasks=4).run()

Each document's ``text`` (the HTML, as the reader decoded it) is replaced by
unboil's cleaned text; documents left empty are dropped, and datatrove counts
``extracted``, ``timeout`` and ``clean_error`` as for its other extractors.
``datatrove`` itself is imported only when this module is.
"""

from typing import Any, Union

from datatrove.pipeline.extractors.base import BaseExtractor

from . import Cleaner


class UnboilExtractor(BaseExtractor):
    """Extract the main text of HTML documents with unboil.

    Args:
        favor: "balanced", "precision" or "recall".
        format: "text" (default), "markdown" or "html".
        timeout: the timeout for extraction, per document, in seconds, as
            datatrove's extractors take it (the document is skipped and
            counted as ``timeout`` past it).
        **options: any other ``unboil.Cleaner`` option (``links``, ``images``,
            ``comments``, ``rules``, ``drop``, ``keep``, ...).
    """

    name = "⛏ unboil"
    _requires_dependencies = ["unboil"]

    def __init__(
        self,
        favor: str = "balanced",
        format: str = "text",
        timeout: float = 1,
        **options: Any,
    ):
        super().__init__(timeout)
        # Metadata is not returned by extract(): skip gathering it.
        options.setdefault("metadata", False)
        self.options = dict(options, favor=favor, format=format)
        # Built here, so a bad option fails when the pipeline is defined, not
        # on the first document. A Cleaner pickles (as its options, rules as
        # TOML text), so executors can send the step to other processes.
        self.cleaner = Cleaner(**self.options)

    def extract(self, text: Union[str, bytes]) -> str:
        """The cleaned content of one page's HTML (``str``, or ``bytes``)."""
        return self.cleaner.clean(text).content
