"""The `huggingface_hub` Python client, unchanged, against PaperFeed's Hugging Face-compatible API."""

from __future__ import annotations

import datetime as dt
import os

import pytest

import paperdata as known

# No token is needed or wanted: never read a saved token, never go offline.
os.environ.pop("HF_HUB_OFFLINE", None)
os.environ["HF_HUB_DISABLE_IMPLICIT_TOKEN"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from huggingface_hub import HfApi  # noqa: E402  (after the environment is set)
from huggingface_hub.errors import HfHubHTTPError  # noqa: E402


@pytest.fixture(scope="module")
def api(base_url: str) -> HfApi:
    return HfApi(endpoint=base_url, token=False)


def day_of(timestamp: dt.datetime | None) -> str | None:
    return timestamp.date().isoformat() if timestamp else None


def test_paper_info_of_the_top_paper(api: HfApi):
    paper = api.paper_info(known.TOP_ID)
    assert paper.id == known.TOP_ID
    assert paper.title == known.TOP_TITLE
    assert paper.upvotes == known.TOP_UPVOTES
    assert [a.name for a in paper.authors][:4] == known.TOP_AUTHORS_FIRST
    assert len(paper.authors) == known.TOP_AUTHOR_COUNT
    assert paper.summary.startswith(known.TOP_ABSTRACT_START)
    assert paper.submitted_by is not None and paper.submitted_by.username == known.TOP_SUBMITTER
    assert day_of(paper.submitted_at) == known.LATEST_DAY
    assert day_of(paper.published_at) == "2026-08-20"
    assert paper.github_repo == known.TOP_GITHUB
    assert paper.project_page == known.TOP_PROJECT_PAGE
    assert paper.comments == known.TOP_COMMENTS


def test_paper_info_of_an_older_paper(api: HfApi):
    paper = api.paper_info(known.OLD_ID)
    assert paper.title == known.OLD_TITLE
    assert paper.upvotes == known.OLD_UPVOTES
    assert [a.name for a in paper.authors][:4] == known.OLD_AUTHORS_FIRST
    assert paper.submitted_by.username == known.OLD_SUBMITTER
    assert day_of(paper.submitted_at) == known.OLD_LISTED
    assert paper.github_repo == known.OLD_GITHUB


def test_paper_info_accepts_a_versioned_id(api: HfApi):
    assert api.paper_info(known.TOP_ID + "v2").title == known.TOP_TITLE


def test_paper_info_of_an_unknown_paper_raises_404(api: HfApi):
    with pytest.raises(HfHubHTTPError) as raised:
        api.paper_info("0000.00000")
    assert raised.value.response.status_code == 404


def test_list_papers_finds_a_title_word(api: HfApi):
    papers = list(api.list_papers(query=known.TOP_DISTINCTIVE_WORD))
    assert papers, "no result for a word of a title"
    assert papers[0].id == known.TOP_ID
    assert papers[0].title == known.TOP_TITLE
    assert papers[0].upvotes == known.TOP_UPVOTES
    assert papers[0].submitted_by.username == known.TOP_SUBMITTER


def test_list_papers_with_two_words_ranks_the_title_match_first(api: HfApi):
    papers = list(api.list_papers(query="Kimi K3"))
    assert papers and papers[0].id == known.KIMI_ID
    assert papers[0].title == known.KIMI_TITLE


def test_list_papers_respects_limit(api: HfApi):
    papers = list(api.list_papers(query="video generation", limit=7))
    assert len(papers) == 7
    assert len({p.id for p in papers}) == 7


def test_list_daily_papers_of_a_date_holds_that_day(api: HfApi):
    papers = list(api.list_daily_papers(date=known.LATEST_DAY))
    assert len(papers) == known.LATEST_DAY_COUNT
    assert {day_of(p.submitted_at) for p in papers} == {known.LATEST_DAY}
    by_id = {p.id: p for p in papers}
    top = by_id[known.TOP_ID]
    assert top.title == known.TOP_TITLE
    assert top.upvotes == known.TOP_UPVOTES
    assert top.submitted_by.username == known.TOP_SUBMITTER
    assert [a.name for a in top.authors][:4] == known.TOP_AUTHORS_FIRST
    assert by_id[known.SECOND_ID].upvotes == known.SECOND_UPVOTES


def test_list_daily_papers_of_a_date_matches_hugging_face(api: HfApi):
    """Same ids, titles and upvotes as the Hugging Face answer the demo was built from."""
    raw = known.hf_day(known.LATEST_DAY)
    papers = {p.id: p for p in api.list_daily_papers(date=known.LATEST_DAY)}
    assert set(papers) == {entry["paper"]["id"] for entry in raw}
    for entry in raw:
        paper = papers[entry["paper"]["id"]]
        assert paper.title == entry["title"]
        assert (paper.upvotes or 0) == entry["paper"]["upvotes"]


def test_list_daily_papers_of_a_date_in_hugging_face_order(api: HfApi):
    """Hugging Face answers `?date=` most upvoted first (all 444 well-formed stored answers are in that
    order); a script that takes `[0]` as "the paper of the day" gets the same paper here."""
    raw = known.hf_day(known.LATEST_DAY)
    ids = [p.id for p in api.list_daily_papers(date=known.LATEST_DAY)]
    assert ids[0] == known.TOP_ID, f"first paper of {known.LATEST_DAY} is {ids[0]}, Hugging Face's is {known.TOP_ID}"
    upvotes = {entry["paper"]["id"]: entry["paper"]["upvotes"] for entry in raw}
    # Papers with equal upvotes may come in either order; the upvote sequence must match.
    assert [upvotes[i] for i in ids] == [entry["paper"]["upvotes"] for entry in raw]


def test_a_relisted_paper_is_on_the_day_hugging_face_listed_it(api: HfApi):
    """2608.13558 was on Hugging Face's list of 2026-08-14 (2 upvotes) and again of 2026-08-20
    (54 upvotes, second of that day). Hugging Face's answer for 2026-08-20 has it; so should ours."""
    raw = known.hf_day("2026-08-20")
    expected = {entry["paper"]["id"] for entry in raw}
    assert "2608.13558" in expected
    got = {p.id for p in api.list_daily_papers(date="2026-08-20")}
    assert got == expected, f"missing {sorted(expected - got)}, extra {sorted(got - expected)}"


def test_list_daily_papers_of_a_week(api: HfApi):
    papers = list(api.list_daily_papers(week=known.LATEST_WEEK, limit=100))
    assert len(papers) == min(100, known.LATEST_WEEK_COUNT)
    days = {day_of(p.submitted_at) for p in papers}
    assert days <= set(known.LATEST_WEEK_DAYS)
    assert known.LATEST_DAY in days
    assert known.TOP_ID in {p.id for p in papers} or len(papers) == 100


def test_list_daily_papers_of_a_week_pages_through_all_of_it(api: HfApi):
    seen: list[str] = []
    for page in range(5):
        batch = [p.id for p in api.list_daily_papers(week=known.LATEST_WEEK, limit=50, p=page)]
        if not batch:
            break
        seen += batch
    assert len(seen) == len(set(seen)), "a paper came twice across pages"
    # 110 listings that week; two of them relist papers of the week before (see
    # test_a_relisted_paper_is_on_the_day_hugging_face_listed_it), so 108 to 110 papers.
    assert known.LATEST_WEEK_COUNT - 2 <= len(seen) <= known.LATEST_WEEK_COUNT
    assert known.TOP_ID in seen


def test_list_daily_papers_of_a_month(api: HfApi):
    papers = list(api.list_daily_papers(month="2026-08", limit=100))
    assert len(papers) == 100
    assert all(day_of(p.submitted_at).startswith("2026-08-") for p in papers)


def test_list_daily_papers_of_an_older_month_has_the_old_paper(api: HfApi):
    ids = set()
    for page in range(20):
        batch = [p.id for p in api.list_daily_papers(month="2026-04", limit=100, p=page)]
        if not batch:
            break
        ids.update(batch)
    assert known.OLD_ID in ids


def test_list_daily_papers_trending(api: HfApi):
    papers = list(api.list_daily_papers(sort="trending", limit=10))
    assert len(papers) == 10
    assert papers[0].id == known.TOP_ID
    assert papers[0].upvotes == known.TOP_UPVOTES
    # Trending covers the last week of listings, not the whole archive.
    assert all(day_of(p.submitted_at) >= "2026-08-14" for p in papers)


def test_list_daily_papers_limit(api: HfApi):
    assert len(list(api.list_daily_papers(limit=3))) == 3


def test_list_daily_papers_by_submitter(api: HfApi):
    papers = list(api.list_daily_papers(submitter=known.TOP_SUBMITTER, limit=20))
    assert papers
    assert {p.submitted_by.username for p in papers} == {known.TOP_SUBMITTER}
    assert papers[0].id == known.TOP_ID


def test_list_daily_papers_bad_date_raises_400(api: HfApi):
    with pytest.raises(HfHubHTTPError) as raised:
        list(api.list_daily_papers(date="2025-13-45"))
    assert raised.value.response.status_code == 400
