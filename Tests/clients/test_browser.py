"""A person with a browser: Playwright driving Debian's Chromium (/usr/bin/chromium; no browser
download). Screenshots go to test-output/screenshots/ for a human to look at."""

from __future__ import annotations

import re

import pytest

import paperdata as known

playwright_api = pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect  # noqa: E402

from conftest import SHOTS, watched_page  # noqa: E402

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page(browser, base_url):
    with watched_page(browser, base_url, permissions=["clipboard-read", "clipboard-write"]) as page:
        yield page


def shot(page, name: str, full_page: bool = True) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def test_home_shows_the_latest_day(page):
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Papers of August 21, 2026")
    cards = page.locator("article.card")
    expect(cards).to_have_count(known.LATEST_DAY_COUNT)
    first = cards.first
    expect(first.locator("h3")).to_have_text(known.TOP_TITLE)
    expect(first.locator(".votes .count")).to_have_text(str(known.TOP_UPVOTES))
    expect(first.locator(".authors")).to_contain_text("Chengsong Huang")
    expect(cards.nth(1).locator("h3")).to_have_text(known.SECOND_TITLE)
    expect(page.locator("text=17 papers")).to_be_visible()
    shot(page, "01-home-desktop")


def test_paper_page_from_a_card(page):
    page.goto("/")
    page.locator("article.card h3 a", has_text=known.TOP_TITLE).click()
    expect(page).to_have_url(re.compile(rf"/papers/{re.escape(known.TOP_ID)}$"))
    expect(page.locator("h1")).to_have_text(known.TOP_TITLE)
    expect(page.locator(".abstract")).to_be_visible()
    expect(page.locator(".abstract")).to_contain_text(known.TOP_ABSTRACT_START)
    arxiv = page.locator(f'a[href="https://arxiv.org/abs/{known.TOP_ID}"]')
    expect(arxiv).to_be_visible()
    expect(page.locator(f'a[href="https://arxiv.org/pdf/{known.TOP_ID}"]')).to_be_visible()
    expect(page.locator(f'.links a[href="{known.TOP_GITHUB}"]')).to_be_visible()
    expect(page.locator(".authors a").first).to_have_text("Chengsong Huang")
    bibtex = page.locator("pre#bibtex")
    expect(bibtex).to_be_visible()
    expect(bibtex).to_contain_text(known.TOP_ID)
    expect(bibtex).to_contain_text("EnvHarness")
    assert bibtex.inner_text().lstrip().startswith("@")
    shot(page, "02-paper-desktop")


def test_copy_bibtex_button(page):
    page.goto(f"/papers/{known.TOP_ID}")
    button = page.locator("button.copy")
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_text(re.compile("Copied|Selected"))
    if button.inner_text() == "Copied":
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator("pre#bibtex").text_content()
    expect(button).to_have_text("Copy BibTeX", timeout=5000)


def test_header_search_highlights_the_word(page):
    page.goto("/")
    box = page.locator("header form.search input[name=q]")
    box.fill("EnvHarness")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/papers\?q=EnvHarness$"))
    expect(page.locator("p.count")).to_contain_text(re.compile(r"papers? match"))
    first = page.locator("article.card").first
    expect(first.locator("h3")).to_have_text(known.TOP_TITLE)
    marks = page.locator("article.card mark")
    expect(marks.first).to_be_visible()
    assert all(text.lower() == "envharness" for text in marks.all_inner_texts())
    shot(page, "03-search-one-word")


def test_header_search_with_two_words(page):
    """What a person types, with a space: the browser sends q=diffusion+transformer."""
    page.goto("/")
    box = page.locator("header form.search input[name=q]")
    box.fill("diffusion transformer")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/papers\?q=diffusion(\+|%20)transformer$"))
    shot(page, "04-search-two-words")
    expect(page.locator("header form.search input[name=q]")).to_have_value("diffusion transformer")
    expect(page.locator("p.count strong")).to_have_text("diffusion transformer")
    marked = {text.lower() for text in page.locator("article.card mark").all_inner_texts()}
    assert any(word.startswith("diffusion") for word in marked), marked
    assert any(word.startswith("transformer") for word in marked), marked


def test_previous_day_and_trending(page):
    page.goto("/")
    page.locator('nav.period a[rel="prev"]').click()
    expect(page).to_have_url(re.compile(rf"/papers/date/{known.PREVIOUS_DAY}$"))
    expect(page.locator("h1")).to_have_text("Papers of August 20, 2026")
    expect(page.locator('nav.period a[rel="next"]')).to_have_text(re.compile("Aug 21"))
    expect(page.locator("article.card").first).to_be_visible()
    shot(page, "05-previous-day")
    page.locator("header nav a", has_text="Trending").click()
    expect(page).to_have_url(re.compile(r"/papers/trending$"))
    expect(page.locator("h1")).to_have_text("Trending papers")
    first = page.locator("article.card").first
    expect(first.locator("h3")).to_have_text(known.TOP_TITLE)
    expect(first.locator(".reasons")).to_be_visible()
    shot(page, "06-trending")


def test_week_and_month_tabs(page):
    page.goto("/")
    page.locator(".tabs a", has_text="Week").click()
    expect(page.locator("h1")).to_have_text("Papers of week 34, 2026")
    page.locator(".tabs a", has_text="Month").click()
    expect(page.locator("h1")).to_have_text("Papers of August 2026")
    expect(page.locator("nav.pages a", has_text="Next page")).to_be_visible()


def test_not_found_page(page):
    response = page.goto("/papers/0000.00000")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Not found")
    search = page.locator("main form input[name=q]")
    expect(search).to_be_visible()
    shot(page, "07-not-found")
    search.fill("Kimi K3")
    search.press("Enter")
    expect(page.locator("article.card").first.locator("h3")).to_have_text(known.KIMI_TITLE)


@pytest.mark.parametrize("name,path", [
    ("home", "/"),
    ("paper", f"/papers/{known.TOP_ID}"),
    ("search", "/papers?q=EnvHarness"),
    ("trending", "/papers/trending"),
    ("long-title-paper", f"/papers/{known.SECOND_ID}"),
])
def test_readable_on_a_phone(browser, base_url, name: str, path: str):
    context = browser.new_context(base_url=base_url, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        width = page.evaluate("document.scrollingElement.scrollWidth")
        shot(page, f"08-phone-{name}", full_page=False)
        assert width <= PHONE["width"] + 1, f"{path} scrolls sideways on a phone: {width} px wide"
        # Text must not be tiny.
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p, main h3') || document.body).fontSize)")
        assert size >= 12, f"body text is {size}px"
    finally:
        context.close()
