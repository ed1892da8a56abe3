"""The Python API of unboil: clean, clean_many, Cleaner, Document, errors.

Run against the installed package (`pip install ./python`, then `pytest
python/tests`), as a user would have it.
"""

import gzip
import multiprocessing
import pathlib
import pickle
import threading
import time

import pytest

import unboil

ARTICLE = (
    "<html lang=en><head><title>Ferry news | Harbour Times</title>"
    '<meta name=author content="Ann Lee">'
    '<meta property="og:site_name" content="Harbour Times">'
    '<meta property="article:published_time" content="2026-05-01T10:00:00Z">'
    '<meta name=description content="The new ferry runs from Monday.">'
    '<link rel=canonical href="/news/ferry"></head><body>'
    '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
    "<article><h1>Ferry news</h1>"
    "<p>The new ferry to the island runs from Monday, every hour from seven in the "
    'morning, the <a href="/harbour">harbour office</a> said on Friday.</p>'
    "<p>Tickets cost four euros, and children under twelve travel free of charge.</p>"
    "<p>Source link</p></article>"
    "<footer>Copyright Harbour Times</footer></body></html>"
)

FERRY = "The new ferry to the island runs from Monday"
TICKETS = "Tickets cost four euros"


def test_clean_str_gives_text_and_metadata():
    doc = unboil.clean(ARTICLE, url="https://harbour.test/a?utm=1")
    assert isinstance(doc, unboil.Document)
    assert FERRY in doc.text and TICKETS in doc.text
    for chrome in ("Source link", "Home", "Copyright"):
        assert chrome not in doc.text
    assert doc.content == doc.text and doc.format == "text" and str(doc) == doc.text
    assert doc.title == "Ferry news"  # the site name's suffix is cut
    assert doc.author == "Ann Lee"
    assert doc.sitename == "Harbour Times"
    assert doc.date == "2026-05-01T10:00:00Z"
    assert doc.lang == "en"
    assert doc.description == "The new ferry runs from Monday."
    # The relative canonical link resolves against the page URL.
    assert doc.url == "https://harbour.test/news/ferry"
    assert doc.page_type is None or isinstance(doc.page_type, str)
    assert doc.plain_text is False
    assert doc.encoding == "UTF-8"


def test_to_dict_has_the_json_fields():
    d = unboil.clean(ARTICLE).to_dict()
    assert d["author"] == "Ann Lee" and d["lang"] == "en" and FERRY in d["text"]
    assert "markdown" not in d and "image" not in d  # absent fields are left out
    md = unboil.clean(ARTICLE, format="markdown").to_dict()
    assert "text" not in md and FERRY in md["markdown"]


def test_metadata_can_be_left_out():
    doc = unboil.clean(ARTICLE, metadata=False)
    assert doc.author is None and doc.sitename is None
    assert doc.title == "Ferry news | Harbour Times"  # from <title>
    assert FERRY in doc.text


def test_markdown_and_html_formats_with_links():
    md = unboil.clean(ARTICLE, format="markdown", links=True, url="https://harbour.test/a")
    assert md.format == "markdown"
    assert "[harbour office](https://harbour.test/harbour)" in md.content
    assert "harbour office said" not in md.content
    assert FERRY in md.text and "](" not in md.text  # text stays plain
    plain_md = unboil.clean(ARTICLE, format="markdown")
    assert "harbour office said" in plain_md.content and "](" not in plain_md.content
    html = unboil.clean(ARTICLE, format="html", links=True, url="https://harbour.test/a")
    assert '<a href="https://harbour.test/harbour" rel="noopener noreferrer">harbour office</a>' in (
        html.content
    )
    assert html.content.startswith("<p>") and "<nav" not in html.content


def test_images_option_keeps_alt_text():
    page = (
        "<article><p>The bridge opened on Monday after two years of work on the river.</p>"
        '<img src="/b.jpg" alt="The new bridge at dusk"><p>More text about the bridge, '
        "its cost and the people who built it over two long years.</p></article>"
    )
    assert "new bridge at dusk" not in unboil.clean(page).text
    md = unboil.clean(page, images=True, format="markdown", url="https://x.test/")
    assert "![The new bridge at dusk](https://x.test/b.jpg)" in md.content


def test_str_ignores_a_stale_meta_charset_and_bytes_follow_it():
    page = (
        '<html><head><meta charset="windows-1252"></head><body><article>'
        "<p>Le café du port ouvre à sept heures, même le dimanche matin.</p>"
        "</article></body></html>"
    )
    # A str is Unicode: decoding its UTF-8 as windows-1252 would give "cafÃ©".
    assert "café" in unboil.clean(page).text
    # bytes are raw: the page's own label decides, as for a file.
    doc = unboil.clean(page.encode("windows-1252"))
    assert "Le café du port ouvre à sept heures" in doc.text
    assert doc.encoding == "windows-1252"


def test_bytes_are_sniffed_and_gunzipped_like_a_file():
    raw = ARTICLE.encode("utf-8")
    assert unboil.clean(gzip.compress(raw)).text == unboil.clean(raw).text
    assert FERRY in unboil.clean(raw).text
    # Without a label, the charset is detected.
    page = "<p>" + "Größere Straßenbahnen fahren öfter über die Brücke. " * 20 + "</p>"
    assert "Größere Straßenbahnen" in unboil.clean(page.encode("windows-1252")).text
    # A transport charset (HTTP header) beats detection.
    assert "Größere" in unboil.clean(page.encode("latin-1"), charset="iso-8859-1").text


def test_lone_surrogates_become_replacement_characters():
    page = "<p>Text with a lone surrogate \udcff inside it, and more words after it.</p>"
    doc = unboil.clean(page)
    assert "lone surrogate \ufffd inside" in doc.text


def test_plain_text_input():
    text = "The council voted on Monday to repair the old bridge.\nScroll to Top\n"
    doc = unboil.clean(text)
    assert doc.plain_text is True
    assert doc.text == "The council voted on Monday to repair the old bridge.\n"
    assert unboil.clean("<p>x</p>", input="text").text == "<p>x</p>\n"


def reasons(page, **options):
    return {r["text"][:12]: r["reason"] for r in unboil.clean(page, **options).explain()}


def test_favor_and_comments_reach_selection():
    page = (
        "<article><p>The ferry runs from Monday, every hour from seven in the morning, "
        "the harbour office said on Friday, after a year of work.</p>"
        '<p>See also <a href="/a">the timetable for the new ferry</a> and the notes of '
        "the harbour office on fares.</p>"
        '<div class="comments"><p>I took the ferry yesterday and it was on time, which '
        "never happened with the old one, not once.</p></div></article>"
    )
    # A paragraph about 40% links: too many for precision, not for balanced.
    assert reasons(page)["See also the"] is None
    assert reasons(page, favor="recall")["See also the"] is None
    assert reasons(page, favor="precision")["See also the"] == "link-dense"
    assert reasons(page)["I took the f"] == "context:comments"
    assert reasons(page, comments=True)["I took the f"] != "context:comments"


def test_explain_rows_say_what_was_removed_and_why():
    rows = unboil.clean(ARTICLE).explain()
    assert [r["block"] for r in rows] == list(range(len(rows)))
    by_text = {r["text"]: r for r in rows}
    src = by_text["Source link"]
    assert src["kept"] is False and src["reason"] == "rule:source-link"
    assert src["pass"] == "blocks"
    assert src["path"].endswith("article>p") and src["kind"] == "paragraph"
    ferry = next(r for r in rows if r["text"].startswith(FERRY))
    assert ferry["kept"] is True and ferry["reason"] is None and ferry["words"] > 10
    nav = next(r for r in rows if r["text"].startswith("Home"))
    assert nav["kept"] is False and nav["reason"] == "outside-main"


def test_user_rules_from_text_and_from_a_file(tmp_path):
    rules = (
        'drop = ["p.ferry"]\n'
        "[[rule]]\n"
        'id = "tickets"\n'
        'pattern = "tickets cost .{1,80}"\n'
    )
    page = ARTICLE.replace("<p>Source link</p>", '<p class="ferry">Our reporter took the first ferry on Monday morning.</p>')
    assert "Our reporter took" in unboil.clean(page).text and TICKETS in unboil.clean(page).text
    cleaner = unboil.Cleaner(rules=rules)
    doc = cleaner.clean(page)
    assert TICKETS not in doc.text and "Our reporter" not in doc.text and FERRY in doc.text
    why = {r["text"][:12]: r["reason"] for r in doc.explain()}
    assert why["Tickets cost"] == "rule:tickets"
    assert why["Our reporter"] == "user-drop"

    path = tmp_path / "site.toml"
    path.write_text(rules)
    assert unboil.Cleaner(rules=path).clean(page).text == doc.text
    assert unboil.clean(page, rules=str(path.read_text())).text == doc.text
    # Without the built-in catalogue, "Source link" stays.
    assert "Source link" in unboil.clean(ARTICLE, rules=rules, no_default_rules=True).text
    assert "Source link" in unboil.clean(ARTICLE, no_default_rules=True).text


def test_drop_and_keep_selectors():
    doc = unboil.clean(ARTICLE, drop=["article p:first-of-type"], keep=["nav"])
    assert FERRY not in doc.text and "Home" in doc.text


def test_rules_errors_name_the_line():
    with pytest.raises(unboil.RulesError, match=r"<rules>:3: .*tickets"):
        unboil.Cleaner(rules='[[rule]]\nid = "tickets"\npattern = "(unclosed"\n')
    with pytest.raises(unboil.RulesError, match=r'<rules>:1: invalid selector "p\[\["'):
        unboil.Cleaner(rules='drop = ["p[["]\n')
    with pytest.raises(unboil.SelectorError):
        unboil.Cleaner(keep=["div >> p"])
    assert issubclass(unboil.SelectorError, unboil.RulesError)
    with pytest.raises(FileNotFoundError):
        unboil.Cleaner(rules=pathlib.Path("/no/such/rules.toml"))


def test_a_str_that_names_a_rules_file_gets_a_hint(tmp_path, monkeypatch):
    (tmp_path / "site.toml").write_text('drop = ["p.x"]\n')
    monkeypatch.chdir(tmp_path)
    with pytest.raises(unboil.RulesError, match=r'pathlib\.Path\("site\.toml"\)'):
        unboil.Cleaner(rules="site.toml")


def test_bad_options_are_value_and_type_errors():
    with pytest.raises(ValueError, match="format"):
        unboil.Cleaner(format="pdf")
    with pytest.raises(ValueError, match="favor"):
        unboil.Cleaner(favor="speed")
    with pytest.raises(ValueError, match="input"):
        unboil.Cleaner(input="xml")
    with pytest.raises(ValueError, match="charset"):
        unboil.Cleaner(charset="no-such-charset")
    with pytest.raises(TypeError):
        unboil.Cleaner(colour="red")
    with pytest.raises(TypeError, match="str or bytes"):
        unboil.clean(42)
    with pytest.raises(TypeError):
        unboil.Cleaner(rules=42)
    with pytest.raises(ValueError, match="errors"):
        unboil.clean_many([ARTICLE], errors="ignore")
    with pytest.raises(ValueError, match="threads"):
        unboil.clean_many([ARTICLE], threads=0)
    with pytest.raises(ValueError, match="2 pages but 1 urls"):
        unboil.clean_many([ARTICLE, ARTICLE], urls=["https://x.test/"])


def test_failures_are_unboil_errors_of_their_kind():
    with pytest.raises(unboil.BinaryInputError):
        unboil.clean(bytes(range(32)) * 40)
    with pytest.raises(unboil.GzipError):
        unboil.clean(gzip.compress(ARTICLE.encode())[:40])
    with pytest.raises(unboil.LimitError, match="memory limit of 1024 bytes"):
        unboil.clean(f'<div title="{"x" * 65536}">{ARTICLE}</div>', memory_limit=1024)
    for cls in (unboil.BinaryInputError, unboil.GzipError, unboil.LimitError, unboil.ParseError):
        assert issubclass(cls, unboil.Error)
    # Forced input kinds skip the binary check.
    assert isinstance(unboil.clean(bytes(range(32)) * 40, input="html"), unboil.Document)


def test_a_panic_becomes_internal_error():
    with pytest.raises(unboil.InternalError, match="a test panic"):
        unboil._unboil._panic_for_test()
    assert issubclass(unboil.InternalError, unboil.Error)


def test_hostile_input_never_crashes():
    import random

    rng = random.Random(15)
    alphabet = ["<div>", "</div>", "<p>", "</p>", "<a href='", "'>", "<!--", "-->", "<script>",
                "</script>", "<table><tr><td>", "&amp;", "&#x", ";", "\x00", "é", "word ", "\n"]
    pages = []
    for _ in range(200):
        n = rng.randrange(0, 300)
        pages.append("".join(rng.choice(alphabet) for _ in range(n)))
        pages.append(bytes(rng.randrange(256) for _ in range(rng.randrange(0, 500))))
    out = unboil.clean_many(pages, errors="return", threads=2)
    assert len(out) == len(pages)
    assert all(isinstance(r, (unboil.Document, unboil.Error)) for r in out)
    assert sum(isinstance(r, unboil.Document) for r in out) > len(pages) // 2


def test_empty_page_is_an_empty_document():
    doc = unboil.clean("")
    assert doc.text == "" and doc.title is None and doc.explain() == []
    assert unboil.clean(b"").text == ""


def many_pages(n):
    return [
        f"<article><h1>Story {i}</h1><p>Story number {i} is about the ferry, the bridge "
        f"and the harbour, told in enough words to count as content.</p>"
        f"<p>Source link</p></article>"
        for i in range(n)
    ]


@pytest.mark.parametrize("threads", [None, 1, 2, 3])
def test_clean_many_keeps_input_order(threads):
    pages = many_pages(300)
    out = unboil.clean_many(pages, threads=threads)
    assert [d.text for d in out] == [unboil.clean(p).text for p in pages]
    assert all(f"Story number {i} " in d.text for i, d in enumerate(out))


def test_clean_many_takes_urls_iterables_and_mixed_types():
    pages = [ARTICLE, ARTICLE.encode(), ARTICLE]
    urls = ["https://a.test/x", None, "https://c.test/y"]
    out = unboil.clean_many(iter(pages), urls=urls)
    assert [d.url for d in out] == [
        "https://a.test/news/ferry",
        "/news/ferry",  # nothing to resolve the relative canonical URL against
        "https://c.test/news/ferry",
    ]
    assert unboil.clean_many([]) == []


def test_clean_many_errors_return_or_raise():
    bad = bytes(range(32)) * 40
    pages = many_pages(5)
    pages[1] = bad
    pages[3] = gzip.compress(b"<p>x</p>")[:12]
    out = unboil.clean_many(pages, errors="return", threads=2)
    assert isinstance(out[0], unboil.Document) and isinstance(out[4], unboil.Document)
    assert isinstance(out[1], unboil.BinaryInputError) and out[1].index == 1
    assert isinstance(out[3], unboil.GzipError) and out[3].index == 3
    with pytest.raises(unboil.BinaryInputError, match=r"^pages\[1\]: input looks binary") as e:
        unboil.clean_many(pages, threads=2)
    assert e.value.index == 1
    with pytest.raises(TypeError):
        unboil.clean_many([ARTICLE, None], errors="return")
    with pytest.raises(TypeError, match="list"):
        unboil.clean_many(ARTICLE)  # one page, not a list of one-character pages


def test_clean_many_releases_the_gil():
    # While clean_many works in another thread, this thread keeps running
    # Python: with the GIL held for the whole call it would stall for it all.
    page = ARTICLE * 20
    t = time.perf_counter()
    for _ in range(5):
        unboil.clean(page)
    each = (time.perf_counter() - t) / 5
    pages = [page] * max(10, int(0.6 / each))  # about 0.6 s of work, debug or release
    done = threading.Event()
    spans = []

    def work():
        t = time.perf_counter()
        unboil.clean_many(pages, threads=1)
        spans.append(time.perf_counter() - t)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    gaps, last = [], time.perf_counter()
    while not done.is_set():
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    worker.join()
    assert spans[0] > 0.1, f"too little work to tell: {spans[0]:.3f} s"
    assert max(gaps) < spans[0] / 2, f"longest stall {max(gaps):.3f} s of {spans[0]:.3f} s"


def _in_child(queue):
    out = unboil.clean_many(many_pages(50), threads=2)
    queue.put([d.text for d in out])


def test_clean_many_works_after_fork():
    # A thread pool made before fork has no threads in the child; the child
    # must get a new one instead of waiting forever.
    expected = [d.text for d in unboil.clean_many(many_pages(50), threads=2)]
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_in_child, args=(queue,))
    child.start()
    got = queue.get(timeout=60)
    child.join(timeout=60)
    assert child.exitcode == 0 and got == expected


def test_cleaner_reuses_and_pickles():
    cleaner = unboil.Cleaner(format="markdown", favor="precision", rules='[[rule]]\nid = "t"\npattern = "tickets cost .{1,80}"\n')
    assert cleaner.format == "markdown"
    first = cleaner.clean(ARTICLE).content
    assert TICKETS not in first and first == cleaner.clean(ARTICLE).content
    again = pickle.loads(pickle.dumps(cleaner))
    assert again.clean(ARTICLE).content == first
    assert "format='markdown'" in repr(again) and "favor='precision'" in repr(again)


def test_wheel_is_abi3_and_typed():
    here = pathlib.Path(unboil.__file__).parent
    assert any(p.name.endswith(".abi3.so") or p.name.endswith(".pyd") for p in here.iterdir())
    for f in ("py.typed", "__init__.pyi", "_unboil.pyi"):
        assert (here / f).is_file(), f
    assert unboil.__version__ == "0.1.0"
