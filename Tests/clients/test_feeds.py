"""RSS and Atom feeds as a feed reader (feedparser) sees them, and the pages that announce them."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import feedparser
import pytest
import requests

import paperdata as known

FEEDS = [
    ("daily.rss", "rss20"), ("daily.atom", "atom10"),
    ("trending.rss", "rss20"), ("trending.atom", "atom10"),
    (f"search.rss?q={known.TOP_DISTINCTIVE_WORD}", "rss20"), (f"search.atom?q={known.TOP_DISTINCTIVE_WORD}", "atom10"),
]


def fetch_feed(base_url: str, name: str):
    response = requests.get(f"{base_url}/feeds/{name}", timeout=30)
    assert response.status_code == 200, response.text[:300]
    expected_type = "application/rss+xml" if ".rss" in name else "application/atom+xml"
    assert response.headers["Content-Type"].startswith(expected_type)
    return feedparser.parse(response.content, response_headers={"content-type": response.headers["Content-Type"]})


@pytest.mark.parametrize("name,version", FEEDS, ids=[name.split("?")[0] for name, _ in FEEDS])
def test_feed_parses_cleanly(base_url: str, name: str, version: str):
    feed = fetch_feed(base_url, name)
    assert feed.bozo == 0, f"feedparser complains: {feed.get('bozo_exception')!r}"
    assert feed.version == version
    assert feed.feed.title.startswith("PaperFeed")
    assert feed.entries, "the feed has no entries"
    for entry in feed.entries:
        assert entry.title and entry.link and entry.summary
        assert entry.get("published_parsed") or entry.get("updated_parsed"), f"no date on {entry.title!r}"
        assert entry.get("author"), f"no author on {entry.title!r}"


@pytest.mark.parametrize("name", ["daily.rss", "daily.atom"])
def test_daily_feed_has_the_top_paper_of_the_latest_day(base_url: str, name: str):
    feed = fetch_feed(base_url, name)
    entries = {entry.title: entry for entry in feed.entries}
    assert known.TOP_TITLE in entries
    top = entries[known.TOP_TITLE]
    assert top.link.endswith(f"/papers/{known.TOP_ID}")
    assert top.summary.startswith(known.TOP_ABSTRACT_START)
    names = [author.get("name", "") for author in top.get("authors", [])]
    assert any("Chengsong Huang" in name for name in names), names  # RSS: one dc:creator; Atom: one author each
    when = top.get("published_parsed") or top.get("updated_parsed")
    assert tuple(when[:3]) == (2026, 8, 21)
    # Every paper of the latest day is in the daily feed.
    raw = known.hf_day(known.LATEST_DAY)
    assert {e.link.rsplit("/", 1)[1] for e in feed.entries} >= {entry["paper"]["id"] for entry in raw}


@pytest.mark.parametrize("name", ["trending.rss", "trending.atom"])
def test_trending_feed_starts_with_the_trending_paper(base_url: str, name: str):
    feed = fetch_feed(base_url, name)
    assert feed.entries[0].title == known.TOP_TITLE
    assert known.SECOND_TITLE in [e.title for e in feed.entries]


@pytest.mark.parametrize("extension", ["rss", "atom"])
def test_search_feed_finds_a_distinctive_title_word(base_url: str, extension: str):
    feed = fetch_feed(base_url, f"search.{extension}?q=Kimi%20K3")
    assert feed.entries[0].title == known.KIMI_TITLE
    assert feed.entries[0].link.endswith(f"/papers/{known.KIMI_ID}")
    assert "Kimi K3" in feed.feed.title


def test_search_feed_with_no_words_is_a_400_not_a_broken_feed(base_url: str):
    response = requests.get(f"{base_url}/feeds/search.rss", params={"q": '" - ('}, timeout=30)
    assert response.status_code == 400
    assert "error" in response.json()


def test_search_feed_with_stray_syntax_searches_the_words(base_url: str):
    feed = fetch_feed(base_url, "search.rss?q=%22Kimi%20K3")
    assert feed.entries[0].title == known.KIMI_TITLE


@pytest.mark.parametrize("name", ["daily.rss", "daily.atom", "trending.atom", "search.atom?q=EnvHarness"])
def test_feed_links_point_at_this_server(base_url: str, name: str):
    """A feed reader follows the links of a feed: they must name the port the server listens on,
    also when it was started with --port 0."""
    feed = fetch_feed(base_url, name)
    links = [feed.feed.link] + [entry.link for entry in feed.entries[:3]]
    wrong = [link for link in links if not link.startswith(base_url + "/")]
    assert not wrong, f"links do not start with {base_url}/: {wrong}"


class AlternateLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "alternate":
            self.links.append(attributes)


def alternates(base_url: str, path: str) -> list[dict[str, str]]:
    response = requests.get(base_url + path, timeout=30)
    assert response.status_code == 200
    parser = AlternateLinks()
    parser.feed(response.text)
    return parser.links


@pytest.mark.parametrize("path,feed", [
    ("/", "/feeds/daily"),
    (f"/papers/date/{known.PREVIOUS_DAY}", "/feeds/daily"),
    (f"/papers/week/{known.LATEST_WEEK}", "/feeds/daily"),
    ("/papers/month/2026-08", "/feeds/daily"),
    ("/papers/trending", "/feeds/trending"),
])
def test_pages_announce_their_feeds(base_url: str, path: str, feed: str):
    links = alternates(base_url, path)
    by_type = {link["type"]: link["href"] for link in links}
    assert by_type.get("application/rss+xml") == feed + ".rss"
    assert by_type.get("application/atom+xml") == feed + ".atom"
    for href in by_type.values():
        parsed = feedparser.parse(requests.get(urljoin(base_url + "/", href), timeout=30).content)
        assert parsed.bozo == 0 and parsed.entries


@pytest.mark.parametrize("query", ["Kimi K3", "R&D agents", "C++", "video #1", "author:\"Kaiming He\""])
def test_search_page_announces_a_feed_of_the_same_query(base_url: str, query: str):
    """The alternate link of /papers?q=… must carry the query unchanged: '&', '+', '#' and
    spaces have to be percent-encoded, or the feed searches for something else."""
    # %20 for spaces, so this test does not depend on '+' decoding (test_http.py checks that).
    links = alternates(base_url, "/papers?q=" + quote(query, safe=""))
    by_type = {link["type"]: link["href"] for link in links}
    for kind, extension in [("application/rss+xml", ".rss"), ("application/atom+xml", ".atom")]:
        href = by_type.get(kind)
        assert href is not None, f"no {kind} alternate link"
        parts = urlsplit(href)
        assert parts.path == "/feeds/search" + extension
        assert parse_qs(parts.query).get("q") == [query], f"{href!r} does not carry q={query!r}"
