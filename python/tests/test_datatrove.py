"""unboil.datatrove.UnboilExtractor in a real datatrove pipeline.

The test writes WARC files (with warcio), runs WarcReader -> UnboilExtractor
-> JsonlWriter with datatrove's LocalPipelineExecutor, and checks the output
record by record.
"""

import gzip
import io
import json
import pickle

import pytest

pytest.importorskip("datatrove")
warcio = pytest.importorskip("warcio")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import WarcReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

import unboil  # noqa: E402
from unboil.datatrove import UnboilExtractor  # noqa: E402


def article(title, body):
    return (
        f"<html><head><title>{title}</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></nav>'
        f"<article><h1>{title}</h1>{body}<p>Source link</p></article>"
        "<footer>Copyright 2026 The Harbour Times</footer></body></html>"
    )


FERRY = article(
    "Ferry news",
    "<p>The new ferry to the island runs from Monday, every hour from seven in the "
    "morning, the harbour office said on Friday.</p>"
    "<p>Tickets cost four euros, and children under twelve travel free of charge.</p>",
)
CAFE = (
    '<html><head><meta charset="windows-1252"><title>Le café</title></head><body>'
    "<article><p>Le café du port ouvre à sept heures, même le dimanche matin, "
    "et ferme à minuit.</p><p>Source link</p></article></body></html>"
)
BRIDGE = article(
    "Bridge news",
    "<p>The old bridge over the river closes for repairs in June, for two months, "
    "while the council replaces its deck.</p>",
)
ONLY_CHROME = (
    '<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
    "<footer>Copyright 2026</footer></body></html>"
)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


def write_warc(path, records):
    """records: (url, content type, body bytes) responses, with a request first."""
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        for url, ctype, body in records:
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "harbour.test")], is_http_request=True)
            w.write_record(w.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req))
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))


def read_output(folder):
    out = []
    for part in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(part, "rt", encoding="utf-8") as f:
            out.extend(json.loads(line) for line in f)
    return out


def run_pipeline(tmp_path, warcs, extractor, tasks):
    src, dst = tmp_path / "warc", tmp_path / "out"
    src.mkdir()
    for i, records in enumerate(warcs):
        write_warc(src / f"crawl-{i}.warc.gz", records)
    LocalPipelineExecutor(
        pipeline=[WarcReader(str(src)), extractor, JsonlWriter(str(dst))],
        tasks=tasks,
        workers=tasks,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    return read_output(dst)


def test_warc_to_jsonl_record_by_record(tmp_path):
    warcs = [
        [
            ("https://harbour.test/ferry", "text/html; charset=utf-8", FERRY.encode()),
            ("https://harbour.test/logo.png", "image/png", PNG),
            ("https://harbour.test/cafe", "text/html", CAFE.encode("windows-1252")),
        ],
        [
            ("https://harbour.test/empty", "text/html", ONLY_CHROME.encode()),
            ("https://harbour.test/bridge", "text/html", BRIDGE.encode()),
        ],
    ]
    # Two tasks in two worker processes: the extractor is pickled to reach
    # them. The timeout is generous: a busy machine must not skip records.
    out = run_pipeline(tmp_path, warcs, UnboilExtractor(timeout=30), tasks=2)
    by_url = {r["metadata"]["url"]: r for r in out}
    # The image is not HTML (the reader skips it) and the chrome-only page
    # has no text left (the extractor drops it).
    assert sorted(by_url) == [
        "https://harbour.test/bridge",
        "https://harbour.test/cafe",
        "https://harbour.test/ferry",
    ]
    assert len(out) == 3
    assert by_url["https://harbour.test/ferry"]["text"] == (
        "The new ferry to the island runs from Monday, every hour from seven in the morning, "
        "the harbour office said on Friday.\n\n"
        "Tickets cost four euros, and children under twelve travel free of charge.\n"
    )
    # The reader decoded the windows-1252 page to str; unboil keeps it intact.
    assert by_url["https://harbour.test/cafe"]["text"] == (
        "Le café du port ouvre à sept heures, même le dimanche matin, et ferme à minuit.\n"
    )
    assert by_url["https://harbour.test/bridge"]["text"].startswith("The old bridge over the river")
    for r in out:
        assert r["id"].startswith("<urn:uuid:") and r["metadata"]["date"]
        assert "Source link" not in r["text"] and "Home" not in r["text"]
    # The same text as unboil.clean on the page the reader decoded.
    assert by_url["https://harbour.test/ferry"]["text"] == unboil.clean(FERRY).text


def test_options_pass_through_to_the_pipeline(tmp_path):
    warcs = [[("https://harbour.test/ferry", "text/html", FERRY.encode())]]
    rules = '[[rule]]\nid = "tickets"\npattern = "tickets cost .{1,80}"\n'
    out = run_pipeline(tmp_path, warcs, UnboilExtractor(format="markdown", rules=rules, timeout=30), tasks=1)
    assert len(out) == 1
    text = out[0]["text"]
    assert text.startswith("The new ferry") and "Tickets cost" not in text


def test_extractor_shape():
    ex = UnboilExtractor(favor="precision", format="html", timeout=0.5, links=True)
    assert ex.timeout == 0.5
    assert ex.extract(FERRY).startswith("<p>The new ferry")
    assert ex.extract(b"") == ""
    again = pickle.loads(pickle.dumps(ex))
    assert again.extract(FERRY) == ex.extract(FERRY)
    with pytest.raises(ValueError):
        UnboilExtractor(favor="speed")
    with pytest.raises(unboil.Error):
        ex.extract(bytes(range(32)) * 40)
