"""Tests of saywho.ingest: the readers, their dispatch, and their errors."""

from __future__ import annotations

import datetime as dt
import gzip
import tracemalloc
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saywho.errors import ArticleError, InputError
from saywho.ingest import ReadOptions, iter_files, read, skipped_files
from saywho.model.article import Article


def write(folder: Path, name: str, data: str | bytes) -> Path:
    """Write bytes exactly (a str is UTF-8 encoded, newlines untranslated)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def read_all(*paths: Path | str, **options: object) -> list[Article | InputError]:
    return list(read(paths, ReadOptions(**options)))  # type: ignore[arg-type]


def articles(items: list[Article | InputError]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items: list[Article | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def one_error(items: list[Article | InputError]) -> InputError:
    assert len(items) == 1, items
    assert isinstance(items[0], InputError), items
    return items[0]


# --- canonical and plain text -------------------------------------------------------------


def test_canonical_header_title_date_and_exact_body(tmp_path: Path) -> None:
    body = "“We will win,” she said.\n\nSecond paragraph.  \n"
    path = write(tmp_path, "a.txt", f" date 2024-01-02 Election night: a title\n\n{body}")
    [article] = read_all(path)
    assert isinstance(article, Article)
    assert article.text == body
    assert article.title == "Election night: a title"
    assert article.date == dt.date(2024, 1, 2)
    assert type(article.date) is dt.date
    assert article.source.path == str(path)
    assert article.source.format == "canonical"
    assert article.language == "en"


def test_canonical_keeps_crlf_exactly(tmp_path: Path) -> None:
    body = "First line.\r\n\r\nSecond “quoted” line.\r\n"
    path = write(tmp_path, "a.txt", " date 2024-03-04 Title\r\n\r\n" + body)
    [article] = read_all(path)
    assert isinstance(article, Article)
    assert article.text == body
    assert article.text.index("Second") == len("First line.\r\n\r\n")
    assert article.title == "Title"


@pytest.mark.parametrize(
    ("header", "title"),
    [
        ("date 2024-01-02 No leading space", "No leading space"),
        (" date 2024-01-02", None),
        (" date   2024-01-02   Spaced out  ", "Spaced out"),
    ],
)
def test_lenient_header_forms(tmp_path: Path, header: str, title: str | None) -> None:
    [article] = read_all(write(tmp_path, "a.txt", f"{header}\n\nBody.\n"))
    assert isinstance(article, Article)
    assert (article.text, article.title, article.date) == ("Body.\n", title, dt.date(2024, 1, 2))


def test_only_one_blank_line_after_header_is_dropped(tmp_path: Path) -> None:
    [article] = read_all(write(tmp_path, "a.txt", " date 2024-01-02 T\n\n\nBody.\n"))
    assert isinstance(article, Article)
    assert article.text == "\nBody.\n"
    [article] = read_all(write(tmp_path, "b.txt", " date 2024-01-02 T\nBody at once.\n"))
    assert isinstance(article, Article)
    assert article.text == "Body at once.\n"


def test_malformed_header_date_message(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", " date 2024-13-45 Title\n\nBody.\n")
    error = one_error(read_all(path))
    assert isinstance(error, ArticleError)
    assert (error.path, error.line) == (str(path), 1)
    assert str(error) == (
        f"{path}:1: malformed header date '2024-13-45' (expected ' date YYYY-MM-DD Title'); "
        "fix the date or remove the header line"
    )


@pytest.mark.parametrize(
    "bad", ["yesterday", "2024-1-2", "20240102", "2024-02-30", "2024-01-02T10:00"]
)
def test_malformed_header_dates_are_refused(tmp_path: Path, bad: str) -> None:
    path = write(tmp_path, "a.txt", f"date {bad} Title\n\nBody.\n")
    error = one_error(read_all(path))
    assert isinstance(error, ArticleError)
    assert f"{path}:1:" in str(error)
    assert repr(bad) in str(error)


@pytest.mark.parametrize("name", ["plain.txt", "plain.text", "plain.TXT"])
def test_plain_text_without_header_is_verbatim(tmp_path: Path, name: str) -> None:
    data = "\n  Dated 2024: not a header.\r\n\nMore.\n\n"
    [article] = read_all(write(tmp_path, name, data))
    assert isinstance(article, Article)
    assert article.text == data
    assert (article.title, article.date, article.source.format) == (None, None, "text")


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xef\xbb\xbf date 2024-01-02 T\n\nBody.\n", "Body.\n"),
        (b"\xef\xbb\xbfJust text.\n", "Just text.\n"),
    ],
)
def test_utf8_bom_is_stripped(tmp_path: Path, data: bytes, text: str) -> None:
    [article] = read_all(write(tmp_path, "a.txt", data))
    assert isinstance(article, Article)
    assert article.text == text
    assert "\ufeff" not in article.text


@pytest.mark.parametrize(
    "data",
    ["", "   \n\n\t\r\n", " date 2024-01-02 Title\n\n  \n", " date 2024-01-02 Title"],
)
def test_empty_article(tmp_path: Path, data: str) -> None:
    path = write(tmp_path, "a.txt", data)
    error = one_error(read_all(path))
    assert isinstance(error, ArticleError)
    assert "empty article" in str(error)
    assert str(path) in str(error)


# --- bad bytes, sizes, gzip, paths ----------------------------------------------------------


def test_invalid_utf8_names_file_line_and_offset(tmp_path: Path) -> None:
    path = write(tmp_path, "latin.txt", b"first line\ncaf\xe9 au lait\n")
    error = one_error(read_all(path))
    assert (error.path, error.line) == (str(path), 2)
    assert "byte offset 14" in str(error)
    assert "0xe9" in str(error)
    assert "convert the file to UTF-8" in str(error)


@pytest.mark.parametrize("name", ["a.txt", "a.jsonl", "a.csv", "a.txt.gz"])
def test_binary_file_is_refused(tmp_path: Path, name: str) -> None:
    data = b"PK\x03\x04\x00\x00binary"
    if name.endswith(".gz"):
        data = gzip.compress(data)
    path = write(tmp_path, name, data)
    error = one_error(read_all(path))
    assert "looks like a binary file" in str(error)
    assert str(path) in str(error)


@pytest.mark.parametrize("name", ["a.txt", "a.jsonl", "a.csv", "a.txt.gz", "a.jsonl.gz"])
def test_too_large_file_is_refused(tmp_path: Path, name: str) -> None:
    data = b'{"text": "' + b"x" * 200 + b'"}\n'
    if name.endswith(".csv"):
        data = b"text\n" + b"x" * 200 + b"\n"
    if name.endswith(".gz"):
        data = gzip.compress(data)
    path = write(tmp_path, name, data)
    error = one_error(read_all(path, max_bytes=100))
    assert "100-byte limit" in str(error)
    assert str(path) in str(error)


def test_huge_plain_file_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: no disk, and nothing should read it
    tracemalloc.start()
    try:
        error = one_error(read_all(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "50,000,000 bytes" in str(error)
    assert "20,000,000-byte limit" in str(error)
    assert peak < 1_000_000


def test_huge_gzip_refused_while_decompressing_in_chunks(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl.gz"
    line = b'{"text": "' + b"a" * 1000 + b'"}\n'
    with gzip.open(path, "wb", compresslevel=1) as handle:
        for _ in range(21):
            handle.write(line * 1024)  # 21 x ~1 MB > the 20 MB default
    tracemalloc.start()
    try:
        error = one_error(read_all(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "decompresses to more than the 20,000,000-byte limit" in str(error)
    assert peak < 8_000_000


def test_gzip_is_transparent(tmp_path: Path) -> None:
    txt = write(tmp_path, "a.txt.gz", gzip.compress(b" date 2024-01-02 T\n\nBody.\n"))
    jsonl = write(tmp_path, "b.jsonl.gz", gzip.compress(b'{"text": "J"}\n{"text": "K"}\n'))
    items = read_all(txt, jsonl)
    assert [a.text for a in articles(items)] == ["Body.\n", "J", "K"]
    assert not errors(items)
    assert articles(items)[0].source.format == "canonical"


@pytest.mark.parametrize(
    "data", [gzip.compress(b"some text " * 100)[:-6], b"not gzip at all"], ids=["cut", "plain"]
)
def test_broken_gzip(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "a.txt.gz", data)
    error = one_error(read_all(path))
    assert "not a valid gzip file" in str(error)
    assert str(path) in str(error)


def test_missing_path_is_named_and_reading_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", "Text.")
    items = read_all(tmp_path / "nope.txt", good)
    assert str(items[0]) == f"{tmp_path / 'nope.txt'}: no such file or directory; check the path"
    assert isinstance(items[1], Article) and items[1].text == "Text."


# --- JSONL --------------------------------------------------------------------------------


def test_jsonl_fields_lines_and_dates(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.jsonl",
        '{"text": " Body one. ", "title": " T1 ", "date": "2024-01-02", "outlet": "BBC",'
        ' "url": "https://x.test/1", "language": "de"}\n'
        "\n"
        '{"text": "Body two.", "date": "2024-05-06T23:30:00+02:00", "title": null}\n',
    )
    first, second = read_all(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == " Body one. "
    assert (first.title, first.date, first.outlet) == ("T1", dt.date(2024, 1, 2), "BBC")
    assert (first.url, first.language) == ("https://x.test/1", "de")
    assert (first.source.path, first.source.line, first.source.format) == (str(path), 1, "jsonl")
    assert (second.date, second.title, second.language) == (dt.date(2024, 5, 6), None, "en")
    assert type(second.date) is dt.date
    assert second.source.line == 3


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "unterminated', "broken JSON"),
        ('["text", "in a list"]', "expected a JSON object per line, got an array"),
        ('"just a string"', "expected a JSON object per line"),
        ('{"title": "no text"}', "no 'text' field"),
        ('{"text": "   "}', "empty article"),
        ('{"text": 42}', "field 'text' must be a string, not a number"),
        ('{"text": "T", "date": "02/01/2024"}', "malformed date '02/01/2024' in field 'date'"),
        ('{"text": "T", "title": ["a"]}', "field 'title' must be a string, not an array"),
        ('{"text": "T", "author": 42}', "field 'author' must be a string, not a number"),
        ('{"text": "T", "author": ["A", "B"]}', "field 'author' must be a string, not an array"),
    ],
)
def test_jsonl_bad_line_is_reported_and_reading_goes_on(
    tmp_path: Path, line: str, message: str
) -> None:
    path = write(tmp_path, "news.jsonl", f'{{"text": "one"}}\n{line}\n{{"text": "three"}}\n')
    items = read_all(path)
    assert [type(item) is Article for item in items] == [True, False, True]
    error = items[1]
    assert isinstance(error, InputError)
    assert (error.path, error.line) == (str(path), 2)
    assert str(error).startswith(f"{path}:2: ")
    assert message in str(error)
    assert [a.source.line for a in articles(items)] == [1, 3]


def test_jsonl_invalid_utf8_line_and_bom(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.ndjson",
        b'\xef\xbb\xbf{"text": "one"}\n{"text": "t\xffo"}\n{"text": "three"}\n',
    )
    items = read_all(path)
    assert [a.text for a in articles(items)] == ["one", "three"]
    [error] = errors(items)
    assert error.line == 2
    assert "byte offset 30" in str(error)  # 3 (BOM) + 16 (line 1) + 11


def test_jsonl_custom_field_names(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jsonl", '{"body": "B", "headline": "H", "pub": "2023-12-31"}\n')
    [article] = read_all(path, text_field="body", title_field="headline", date_field="pub")
    assert isinstance(article, Article)
    assert (article.text, article.title, article.date) == ("B", "H", dt.date(2023, 12, 31))


@pytest.mark.parametrize(
    ("value", "author"),
    [
        ('"Susan Page"', "Susan Page"),
        ('"  By JIM RUTENBERG \\n"', "By JIM RUTENBERG"),  # stripped, case kept
        ('"   "', None),  # empty counts as missing
        ("null", None),
    ],
)
def test_jsonl_author_is_the_byline_as_given(
    tmp_path: Path, value: str, author: str | None
) -> None:
    path = write(tmp_path, "a.jsonl", f'{{"text": "Body.", "author": {value}}}\n{{"text": "B2"}}\n')
    first, second = read_all(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.author == author
    assert second.author is None


def test_jsonl_author_field_option(tmp_path: Path) -> None:
    path = write(
        tmp_path, "a.jsonl", '{"text": "Body.", "byline": "Jane Doe", "author": "Someone Else"}\n'
    )
    [article] = read_all(path, author_field="byline")
    assert isinstance(article, Article)
    assert article.author == "Jane Doe"
    [article] = read_all(path)
    assert isinstance(article, Article) and article.author == "Someone Else"


def test_non_string_author_is_an_article_error_naming_field_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jsonl", '{"text": "one"}\n{"text": "two", "by": {"name": "X"}}\n')
    good, bad = read_all(path, author_field="by")
    assert isinstance(good, Article) and good.author is None
    assert isinstance(bad, ArticleError)
    assert (bad.path, bad.line) == (str(path), 2)
    assert str(bad) == f"{path}:2: field 'by' must be a string, not an object; fix or remove it"


# --- CSV / TSV ----------------------------------------------------------------------------


def test_csv_rows_multiline_cells_and_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.csv",
        'text,title,date,extra\r\n"He said, ""yes.""\r\nThen left.",T1,2024-01-02,x\r\n'
        "\r\n"
        "Plain,,,\r\n",
    )
    first, second = read_all(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == 'He said, "yes."\r\nThen left.'
    assert (first.title, first.date, first.source.line) == ("T1", dt.date(2024, 1, 2), 2)
    assert (second.text, second.title, second.date) == ("Plain", None, None)
    assert (second.source.line, second.source.format) == (5, "csv")


@pytest.mark.parametrize(
    ("name", "data", "options"),
    [
        ("a.tsv", "title\ttext\nT\tBody, with comma\n", {}),
        ("a.csv", "title;text\nT;Body, with comma\n", {"csv_delimiter": ";"}),
        ("a.csv.gz", gzip.compress(b'title,text\nT,"Body, with comma"\n'), {}),
    ],
)
def test_csv_delimiters(
    tmp_path: Path, name: str, data: str | bytes, options: dict[str, str]
) -> None:
    [article] = read_all(write(tmp_path, name, data), **options)
    assert isinstance(article, Article)
    assert (article.text, article.title) == ("Body, with comma", "T")


def test_csv_missing_text_column_is_one_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "body,title\nB1,T1\nB2,T2\n")
    error = one_error(read_all(path))
    assert error.line == 1
    assert str(error) == (
        f"{path}:1: no 'text' column (columns: body, title); "
        "name the column that holds the article text with --text-field"
    )
    article, _ = read_all(path, text_field="body")
    assert isinstance(article, Article)
    assert (article.text, article.title) == ("B1", "T1")


def test_csv_bad_rows_are_reported_and_reading_goes_on(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.csv",
        'text,title\nok1,T\ntoo,many,fields\nbad "quote",T\n"x"y,T\n,T\nok2,T\n',
    )
    items = read_all(path)
    assert [a.text for a in articles(items)] == ["ok1", 'bad "quote"', "ok2"]
    problems = [(e.line, e.message) for e in errors(items)]
    assert [line for line, _ in problems] == [3, 5, 6]
    assert "row has 3 fields but the header has 2" in problems[0][1]
    assert "bad CSV row" in problems[1][1]
    assert "empty article" in problems[2][1]


def test_csv_author_column_and_author_field(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.csv",
        'text,author,writer\nB1, Susan Page ,W1\nB2,,W2\n"B3","By JIM RUTENBERG",\n',
    )
    items = read_all(path)
    assert [a.author for a in articles(items)] == ["Susan Page", None, "By JIM RUTENBERG"]
    assert [a.source.line for a in articles(items)] == [2, 3, 4]
    items = read_all(path, author_field="writer")
    assert [a.author for a in articles(items)] == ["W1", "W2", None]
    no_column = write(tmp_path, "b.csv", "text,title\nB,T\n")
    assert [a.author for a in articles(read_all(no_column))] == [None]


def test_text_files_have_no_author(tmp_path: Path) -> None:
    canonical = write(tmp_path, "a.txt", " date 2024-01-02 Title\n\nBy Susan Page\n\nBody.")
    plain = write(tmp_path, "b.txt", "author: Jane Doe\nBody.")
    assert [a.author for a in articles(read_all(canonical, plain))] == [None, None]


def test_csv_empty_file(tmp_path: Path) -> None:
    error = one_error(read_all(write(tmp_path, "a.csv", "\n\n")))
    assert "empty CSV file" in str(error)


# --- outlet, walking, streaming -----------------------------------------------------------


def test_outlet_precedence(tmp_path: Path) -> None:
    txt = write(tmp_path, "bbc/a.txt", "Text.")
    jsonl = write(
        tmp_path, "guardian/b.jsonl", '{"text": "J", "outlet": "Reuters"}\n{"text": "K"}\n'
    )
    outlets = [a.outlet for a in articles(read_all(txt, jsonl, outlet_from_parent=True))]
    assert outlets == ["bbc", "Reuters", None]
    outlets = [
        a.outlet for a in articles(read_all(txt, jsonl, outlet="AP", outlet_from_parent=True))
    ]
    assert outlets == ["AP", "AP", "AP"]
    assert [a.outlet for a in articles(read_all(txt))] == [None]


def test_iter_files_walks_sorted_and_skips_hidden_and_unknown(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a/z.jsonl",
        "a/y.csv.gz",
        ".hidden.txt",
        ".git/c.txt",
        "notes.md",
        "c.TSV",
    ]:
        write(tmp_path, name, "x")
    explicit = write(tmp_path, "other/readme.md", "x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path, explicit])]
    assert found == ["a/y.csv.gz", "a/z.jsonl", "b.txt", "c.TSV", "other/readme.md"]


def test_unknown_suffix_skipped_in_walk_but_read_when_named(tmp_path: Path) -> None:
    notes = write(tmp_path, "notes.md", "date night is fun\n")
    blob = write(tmp_path, "blob.bin", b"\x00\x01\x02")
    write(tmp_path, "a.txt", "A.")
    assert [a.text for a in articles(read_all(tmp_path))] == ["A."]
    assert not errors(read_all(tmp_path))
    [article] = read_all(notes)
    assert isinstance(article, Article)
    assert (article.text, article.date, article.source.format) == (
        "date night is fun\n",
        None,
        "text",
    )
    assert "looks like a binary file" in str(one_error(read_all(blob)))


def test_bad_file_does_not_lose_good_ones(tmp_path: Path) -> None:
    write(tmp_path, "1.txt", "One.")
    write(tmp_path, "2.txt", b"\xff\xfe bad")
    write(tmp_path, "3.txt", " date 2024-99-01 T\n\nBody")
    write(tmp_path, "4.jsonl", '{"text": "Four."}\n')
    items = read_all(tmp_path)
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "ArticleError", "Article"]
    assert [a.text for a in articles(items)] == ["One.", "Four."]


def test_read_streams_lazily(tmp_path: Path) -> None:
    big = write(tmp_path, "big.jsonl", ('{"text": "' + "w" * 1000 + '"}\n') * 5000)
    later = tmp_path / "later.txt"
    stream = read([big, later])
    assert isinstance(stream, types.GeneratorType)
    tracemalloc.start()
    try:
        first = next(stream)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(first, Article) and first.source.line == 1
    assert peak < 500_000  # one line at a time, not the 5 MB file
    later.write_text("Written after reading began.")
    items = list(stream)
    assert len(items) == 5000
    assert isinstance(items[-1], Article) and items[-1].text == "Written after reading began."


def test_single_path_argument_is_not_split_into_characters(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Text.")
    assert [a.text for a in articles(list(read(path)))] == ["Text."]
    assert [a.text for a in articles(list(read(str(path))))] == ["Text."]


@pytest.mark.parametrize("bad", [{"max_bytes": 0}, {"csv_delimiter": ";;"}])
def test_read_options_validation(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        ReadOptions(**bad)  # type: ignore[arg-type]


# --- round trip ---------------------------------------------------------------------------

_BODY = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
).filter(lambda s: bool(s.strip()))
_WORD = st.text(alphabet=st.characters(categories=["L", "N", "P", "S"]), min_size=1)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_BODY, words=st.lists(_WORD, min_size=1, max_size=6), date=st.dates())
def test_canonical_round_trip(
    tmp_path_factory: pytest.TempPathFactory, body: str, words: list[str], date: dt.date
) -> None:
    title = " ".join(words)
    path = tmp_path_factory.mktemp("rt") / "a.txt"
    path.write_bytes(f" date {date.isoformat()} {title}\n\n{body}".encode())
    [article] = read([path])
    assert isinstance(article, Article)
    assert (article.text, article.title, article.date) == (body, title, date)


def test_skipped_files_are_those_of_no_known_format_inside_folders(tmp_path: Path) -> None:
    for name in ["b.txt", "a/page.html.gz", ".hidden.html", "notes.md"]:
        write(tmp_path, name, "x")
    explicit = write(tmp_path, "other/readme.md", "x")
    found = [p.relative_to(tmp_path).as_posix() for p in skipped_files([tmp_path, explicit])]
    # a file named explicitly is read, never skipped; hidden files are no one's business
    assert found == ["a/page.html.gz", "notes.md"]
