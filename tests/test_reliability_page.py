"""Pages built to break the analysis: fuzzed JSON-LD and meta values, an attribute bomb, a 5 MB
``html`` POST. Each ends in a valid report, in bounded time and memory, with no step lost to
an exception."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factcheck
from benchmarks.common import PAGES_DIR
from factcheck.page.bounds import MAX_ATTRIBUTES, cap_attributes

STEP_IDS = ["source", "headline", "author", "date", "evidence", "bias", "factcheckers"]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
types = (
    st.sampled_from(["NewsArticle", "Article", "BlogPosting", "ClaimReview", "Person"])
    | json_values
)
node = st.fixed_dictionaries(
    {"@context": st.sampled_from(["https://schema.org", "http://schema.org/"]), "@type": types},
    optional={
        key: json_values
        for key in (
            "headline", "name", "author", "datePublished", "dateModified", "publisher",
            "reviewRating", "itemReviewed", "claimReviewed", "url", "@graph", "mainEntityOfPage",
        )
    },
)  # fmt: skip
meta_names = st.sampled_from(
    ["author", "og:title", "article:published_time", "description", "og:site_name", "date"]
)


@st.composite
def pages(draw: st.DrawFn) -> str:
    ld = draw(st.lists(node, max_size=3) | node | json_values)
    script = json.dumps(ld, ensure_ascii=draw(st.booleans()), allow_nan=True)
    if draw(st.booleans()):
        script = script[: draw(st.integers(0, len(script)))]  # malformed JSON too
    metas = draw(st.lists(st.tuples(meta_names, st.text(max_size=30)), max_size=4))
    meta_html = "".join(
        f'<meta name="{n}" property="{n}" content="{json.dumps(v)[1:-1]}">' for n, v in metas
    )
    title = draw(st.text(max_size=60)).replace("<", " ")
    body = draw(st.text(max_size=300)).replace("<", " ")
    link = draw(st.text(max_size=30)).replace('"', " ")
    return (
        f"<html><head><title>{title}</title>{meta_html}"
        f'<script type="application/ld+json">{script}</script></head>'
        f'<body><h1>{title}</h1><p>{body}</p><a href="{link}">x</a></body></html>'
    )


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(html=pages(), url=st.sampled_from([None, "https://example.org/a?b=1", "not a url"]))
def test_fuzzed_pages_always_give_a_full_report(html, url, caplog):
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="factcheck"):
        report = factcheck.check_html(html, url=url)
    assert [step.id for step in report.steps] == STEP_IDS
    data = report.to_dict()
    json.dumps(data, allow_nan=False)  # the report is strict JSON
    assert data["score"] is None or 0 <= data["score"] <= 100
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("headline", [{"@value": "Title"}, ["a", "b"], 42, 1.5, True])
def test_jsonld_headline_that_is_not_a_string(headline, caplog):
    """trafilatura passes such a headline on as the title (before: TypeError, every step
    unknown)."""
    ld = json.dumps(
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline}
    )
    html = (
        f'<html><head><script type="application/ld+json">{ld}</script></head>'
        "<body><article><p>Vitamin D and colds in winter: what the trials say.</p>"
        "</article></body></html>"
    )
    with caplog.at_level(logging.ERROR, logger="factcheck"):
        report = factcheck.check_html(html, url="https://example.org/a")
    assert [step.id for step in report.steps] == STEP_IDS
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_attribute_bomb_is_parsed_in_linear_time():
    """500,000 attributes on one tag (a 4.9 MB page): lxml alone needs minutes."""
    bomb = (
        "<html><head><title>Bomb</title></head><body><p "
        + " ".join(f"a{i}" for i in range(500_000))
        + ">Text after the bomb.</p></body></html>"
    )
    assert len(bomb) > 3_800_000
    started = time.monotonic()
    report = factcheck.check_html(bomb, url="https://example.org/bomb")
    seconds = time.monotonic() - started
    assert len(report.steps) == 7
    assert seconds < 2.0, seconds


def test_the_attribute_cap_keeps_ordinary_markup_intact():
    notes: list[str] = []
    ordinary = (
        '<div class="a" id="b" data-x=\'1\' hidden><img src="x.png" alt="a > b"/></div>'
        "<script>var s = '<p " + "x " * 600 + "';</script>"
    )
    assert cap_attributes(ordinary, notes) == ordinary and notes == []
    many = "<p " + " ".join(f"a{i}" for i in range(MAX_ATTRIBUTES + 5)) + ">x</p>"
    capped = cap_attributes(many, notes)
    assert capped.startswith("<p a0 a1") and f"a{MAX_ATTRIBUTES - 1}>" in capped
    assert f"a{MAX_ATTRIBUTES} " not in capped and capped.endswith(">x</p>")
    assert notes


LONG = 2 * MAX_ATTRIBUTES  # a tag this long after its letter may hold too many attributes
#: The regular expression ``long_tags`` stands for: the reference its tests compare with.
LONG_TAG_SCAN = re.compile(rf"<[A-Za-z][^<>]{{{LONG},}}")


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<a" + "b" * (LONG - 1) + ">",  # one character short
        "<a" + "b" * LONG + ">",
        "x" * 300 + "<a" + "b" * LONG,  # unterminated, across block boundaries
        "<1" + "b" * 900 + "<é" + "b" * 900 + ">" + "t" * 900,  # no letter; text
        "<p>" + "t" * 2000 + "<div " + "a " * 600 + "><i " + "c" * 513 + "<",
    ],
)
def test_the_long_tag_look_finds_what_a_full_scan_finds(html):
    """``long_tags`` reads only the blocks free of "<" and ">": the regular expression's tags."""
    from factcheck.page.bounds import long_tags

    assert list(long_tags(html)) == [m.group(0) for m in LONG_TAG_SCAN.finditer(html)]


@pytest.mark.skipif(not PAGES_DIR.is_dir(), reason="needs ../shared/data")
def test_the_long_tag_look_on_real_pages():
    from benchmarks.common import bench_pages, real_pages
    from factcheck.page.bounds import long_tags

    pages = [*real_pages(), *bench_pages()]
    found = 0
    for page in pages:
        ours = list(long_tags(page.html))
        assert ours == [m.group(0) for m in LONG_TAG_SCAN.finditer(page.html)], page.id
        found += len(ours)
    assert pages and found  # long tags do occur (inline SVG paths, long data attributes)


MEASURE = """
import json, resource, sys, time
from server import create_app
app = create_app({"DB_PATH": sys.argv[1], "AUTH_REQUIRED": False, "JSON_LOGS": False,
                  "RATELIMIT_ENABLED": False})
client = app.test_client()
client.post("/api/v1/check", json={"url": "https://example.org/", "html": "<p>warm up</p>"})
block = {
    "en": ("<p>Vitamin D trials in winter showed small effects in deficient people; "
           '<a href="https://example.org/study/{n}">study {n}</a> and more text here.</p>\\n'),
    "zh": ("<p>记者 王明 报道：冬季维生素D试验显示，缺乏者获益很小；"
           '<a href="https://example.org/study/{n}">研究 {n}</a> 以及更多正文内容。</p>\\n'),
}[sys.argv[2]]
parts, size, n = [], 0, 0
while size < 4_990_000:
    part = block.format(n=n)
    parts.append(part)
    size, n = size + len(part.encode()), n + 1
html = "<html><head><title>Long page</title></head><body>" + "".join(parts) + "</body></html>"
body = json.dumps({"url": "https://example.org/long", "html": html}, ensure_ascii=True)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
started = time.monotonic()
response = client.post("/api/v1/check", data=body, content_type="application/json")
seconds = time.monotonic() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"status": response.status_code, "seconds": seconds, "base_mb": base,
                  "peak_mb": peak, "html_bytes": len(html.encode())}))
"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_five_megabyte_html_post_is_bounded_in_memory_and_time(tmp_path, lang):
    """The largest ``html`` the API accepts (a long page: ~37,000 paragraphs and links; the
    Chinese one is where credits and dates are read from the visible text), posted in a fresh
    process: peak RSS growth and time of the request are measured."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(tmp_path / "m.sqlite3"), lang],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parent.parent,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print("5 MB html POST:", result)
    assert result["status"] == 200 and result["html_bytes"] > 4_900_000
    assert result["peak_mb"] - result["base_mb"] <= 250, result
    assert result["seconds"] < 15, result
