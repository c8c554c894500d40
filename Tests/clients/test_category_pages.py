"""A category's pages and feeds (/papers/cat/cs.CL and its /date/, /week/, /month/ pages;
/feeds/cat/cs.CL.rss and .atom) as a reader in Chromium and a feed reader (feedparser) see them.

The server is one of its own: the demo papers (Hugging Face's, which carry no arXiv categories)
plus the 100 papers of a real arXiv API answer (atom-api/2026/q_testing_s0_m100.xml), three of
them in cs.CL, first published on three different days. Its public URL names another address
than the one it listens on, so links in feeds must come from the setting, never the request.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import urljoin

import feedparser
import pytest
import requests

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips the page tests then; the feed tests still run
    expect = None

from conftest import BINARY, REPO, SHOTS, Server, free_port, watched_page

ATOM = REPO.parent / "shared" / "data" / "arxiv-fixtures" / "atom-api" / "2026" / "q_testing_s0_m100.xml"
PUBLIC_URL = "https://papers.example.org"
CATEGORY = "cs.CL"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def category_papers() -> list[SimpleNamespace]:
    """The fixture's cs.CL papers (id without version, title, first-version day), newest first."""
    if not ATOM.exists():
        pytest.skip(f"{ATOM} is not here (../shared beside the checkout)")
    atom = {"a": "http://www.w3.org/2005/Atom"}
    papers = []
    for entry in ElementTree.parse(ATOM).getroot().findall("a:entry", atom):
        if CATEGORY in [category.get("term") for category in entry.findall("a:category", atom)]:
            papers.append(SimpleNamespace(
                id=re.sub(r"v\d+$", "", entry.find("a:id", atom).text.rsplit("/abs/", 1)[1]),
                title=" ".join(entry.find("a:title", atom).text.split()),
                day=entry.find("a:published", atom).text[:10]))
    return sorted(papers, key=lambda paper: paper.day, reverse=True)


def long_day(day: str) -> str:
    year, month, number = (int(part) for part in day.split("-"))
    return f"{MONTHS[month - 1]} {number}, {year}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The server (demo papers and the Atom answer imported first), its local URL and its papers."""
    papers = category_papers()
    assert len({paper.day for paper in papers}) == 3, "the fixture's cs.CL papers are on three days"
    if not BINARY.exists():
        pytest.fail(f"{BINARY} does not exist: run `swift build --product paperfeed` first (or set PAPERFEED_BIN)",
                    pytrace=False)
    folder = tmp_path_factory.mktemp("paperfeed-categories")
    for arguments in (["import", "--demo"], ["import", str(ATOM)]):
        done = subprocess.run([str(BINARY), *arguments, "--db", str(folder / "papers.sqlite")], cwd=folder,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"paperfeed {' '.join(arguments)}: {done.stdout[-1000:]} {done.stderr[-2000:]}"
    port = free_port()
    server = Server(folder, env={"PAPERFEED_PUBLIC_URL": PUBLIC_URL, "PAPERFEED_MODEL_DIR": str(folder / "no-model")},
                    port=port)
    yield SimpleNamespace(url=f"http://127.0.0.1:{port}", papers=papers, server=server)
    server.stop()


@pytest.fixture
def page(browser, site):
    with watched_page(browser, site.url) as page:
        yield page


def expect_day(page, site, day: str) -> None:
    """`page` shows the category's papers first published on `day`, and only those."""
    expect(page).to_have_url(re.compile(rf"/papers/cat/{re.escape(CATEGORY)}(/date/{day})?$"))
    expect(page.locator("h1")).to_have_text(f"New in {CATEGORY}: Papers of {long_day(day)}")
    titles = [paper.title for paper in site.papers if paper.day == day]
    expect(page.locator("article.card h3")).to_have_text(titles)


def test_category_page_shows_its_latest_day_and_walks_its_days(page, site):
    days = sorted({paper.day for paper in site.papers}, reverse=True)
    page.goto(f"/papers/cat/{CATEGORY}")
    expect_day(page, site, days[0])
    page.screenshot(path=str(SHOTS / "30-category-latest-day.png"), full_page=True)
    # Back through every day with cs.CL papers; the demo days in between have none and are skipped.
    for day in days[1:]:
        page.locator('nav.period a[rel="prev"]').click()
        expect_day(page, site, day)
    expect(page.locator('nav.period a[rel="prev"]')).to_have_count(0)
    for day in reversed(days[:-1]):
        page.locator('nav.period a[rel="next"]').click()
        expect_day(page, site, day)
    expect(page.locator('nav.period a[rel="next"]')).to_have_count(0)


def test_week_and_month_tabs_keep_the_category(page, site):
    latest = site.papers[0]  # 2025-07-14, a Monday: week 29
    page.goto(f"/papers/cat/{CATEGORY}/date/{latest.day}")
    page.locator(".tabs a", has_text="Week").click()
    expect(page).to_have_url(re.compile(rf"/papers/cat/{re.escape(CATEGORY)}/week/2025-W29$"))
    expect(page.locator("h1")).to_have_text(f"New in {CATEGORY}: Papers of week 29, 2025")
    expect(page.locator("article.card h3")).to_have_text([latest.title])
    page.screenshot(path=str(SHOTS / "31-category-week.png"), full_page=True)
    page.locator('nav.period a[rel="prev"]').click()
    expect(page).to_have_url(re.compile(rf"/papers/cat/{re.escape(CATEGORY)}/week/2025-W28$"))
    expect(page.locator("article.card")).to_have_count(0)
    page.locator(".tabs a", has_text="Month").click()
    expect(page).to_have_url(re.compile(rf"/papers/cat/{re.escape(CATEGORY)}/month/2025-07$"))
    expect(page.locator("h1")).to_have_text(f"New in {CATEGORY}: Papers of July 2025")
    expect(page.locator("article.card h3")).to_have_text([latest.title])


def test_an_empty_day_links_the_categorys_nearest_days(page, site):
    """Between two cs.CL days, the empty page offers the nearest days of cs.CL, not of the daily feed."""
    newer, older = site.papers[0], site.papers[1]  # 2025-07-14 and 2025-03-30
    page.goto(f"/papers/cat/{CATEGORY}/date/2025-05-01")
    expect(page.locator("section.empty")).to_be_visible()
    page.locator("section.empty a", has_text=older.day).click()
    expect_day(page, site, older.day)
    page.go_back()
    page.locator("section.empty a", has_text=newer.day).click()
    expect_day(page, site, newer.day)


def test_a_card_leads_to_the_paper_and_the_paper_back_to_its_category(page, site):
    latest = site.papers[0]
    page.goto(f"/papers/cat/{CATEGORY}")
    page.locator("article.card h3 a", has_text=latest.title).click()
    expect(page).to_have_url(re.compile(rf"/papers/{re.escape(latest.id)}$"))
    expect(page.locator("h1")).to_have_text(latest.title)
    page.locator(f'a[href="/papers/cat/{CATEGORY}"]').first.click()
    expect_day(page, site, latest.day)


def fetch_feed(site, name: str):
    response = requests.get(f"{site.url}/feeds/cat/{name}", timeout=30)
    assert response.status_code == 200, response.text[:300]
    return response, feedparser.parse(response.content, response_headers={"content-type": response.headers["Content-Type"]})


@pytest.mark.parametrize("extension,version,content_type", [
    ("rss", "rss20", "application/rss+xml"), ("atom", "atom10", "application/atom+xml")])
def test_category_feed_parses_with_links_to_the_public_url(site, extension: str, version: str, content_type: str):
    response, feed = fetch_feed(site, f"{CATEGORY}.{extension}")
    assert response.headers["Content-Type"].startswith(content_type)
    assert feed.bozo == 0, f"feedparser complains: {feed.get('bozo_exception')!r}"
    assert feed.version == version
    assert CATEGORY in feed.feed.title
    assert feed.feed.link == f"{PUBLIC_URL}/papers/cat/{CATEGORY}"
    # The category's papers, newest first, and none of the demo papers (they have no categories).
    assert [entry.title for entry in feed.entries] == [paper.title for paper in site.papers]
    for entry, paper in zip(feed.entries, site.papers):
        assert entry.link == f"{PUBLIC_URL}/papers/{paper.id}"
        assert entry.summary and entry.get("author"), f"no summary or author on {entry.title!r}"
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        assert when is not None and f"{when.tm_year:04}-{when.tm_mon:02}-{when.tm_mday:02}" == paper.day
    assert site.url not in response.text, "the feed names the address the server listens on"


class FeedLinks(HTMLParser):
    """The feeds a page offers: `<link rel="alternate">` by type, and its "subscribe" link."""

    def __init__(self):
        super().__init__()
        self.links: dict[str, str] = {}
        self.in_subscribe = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "alternate":
            self.links[attributes.get("type", "")] = attributes.get("href", "")
        elif tag == "p":
            self.in_subscribe = attributes.get("class") == "subscribe"
        elif tag == "a" and self.in_subscribe:
            self.links.setdefault("subscribe", attributes.get("href", ""))


@pytest.mark.parametrize("path", [f"/papers/cat/{CATEGORY}", f"/papers/cat/{CATEGORY}/week/2025-W29",
                                  f"/papers/cat/{CATEGORY}/month/2025-07"])
def test_category_pages_announce_the_category_feeds(site, path: str):
    response = requests.get(site.url + path, timeout=30)
    assert response.status_code == 200
    parser = FeedLinks()
    parser.feed(response.text)
    feed = f"/feeds/cat/{CATEGORY}"
    assert parser.links.get("application/rss+xml") == feed + ".rss"
    assert parser.links.get("application/atom+xml") == feed + ".atom"
    assert parser.links.get("subscribe") == feed + ".rss", "the page's own feed link offers another feed"
    for href in (feed + ".rss", feed + ".atom"):
        parsed = feedparser.parse(requests.get(urljoin(site.url + "/", href), timeout=30).content)
        assert parsed.bozo == 0 and len(parsed.entries) == len(site.papers)
