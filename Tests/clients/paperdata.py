"""Expected values, taken from the real Hugging Face data the demo papers are built from
(../shared/data/hf-daily-papers/Paper_metadata_download/2026-08-21.json and neighbours).

The constants are what the tests assert; `hf_day` reads a raw file when ../shared is beside the
checkout, for the tests that compare whole days.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HF_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "hf-daily-papers" / "Paper_metadata_download"

LATEST_DAY = "2026-08-21"
PREVIOUS_DAY = "2026-08-20"
LATEST_WEEK = "2026-W34"          # Monday 2026-08-17 .. Friday 2026-08-21
LATEST_WEEK_DAYS = ["2026-08-17", "2026-08-18", "2026-08-19", "2026-08-20", "2026-08-21"]
LATEST_WEEK_COUNT = 23 + 29 + 26 + 15 + 17
LATEST_DAY_COUNT = 17

# The most upvoted paper of 2026-08-21.
TOP_ID = "2608.19880"
TOP_TITLE = "EnvHarness: Awakening Static Worlds for Agent Learning"
TOP_UPVOTES = 163
TOP_AUTHORS_FIRST = ["Chengsong Huang", "Zifeng Wang", "Rujun Han", "Jun Yan"]
TOP_AUTHOR_COUNT = 17
TOP_SUBMITTER = "taesiri"
TOP_GITHUB = "https://github.com/google-research/envharness"
TOP_PROJECT_PAGE = "https://envharness.com/"
TOP_COMMENTS = 1
TOP_DISTINCTIVE_WORD = "EnvHarness"
TOP_ABSTRACT_START = "LLM agents learn by interacting with environments"

# The second most upvoted paper of 2026-08-21 (published 2026-08-19).
SECOND_ID = "2608.18580"
SECOND_TITLE = "FACET: Preserving Source Intent and Executable State in Terminal Task Synthesis"
SECOND_UPVOTES = 54

# An older, much upvoted paper (listed 2026-04-01), to look up by id.
OLD_ID = "2603.19835"
OLD_TITLE = "FIPO: Eliciting Deep Reasoning with Future-KL Influenced Policy Optimization"
OLD_UPVOTES = 250
OLD_AUTHORS_FIRST = ["Chiyu Ma", "Shuo Yang", "Kexin Huang", "Jinda Lu"]
OLD_SUBMITTER = "737443h"
OLD_LISTED = "2026-04-01"
OLD_GITHUB = "https://github.com/qwenpilot/FIPO"

# A paper of 2026-07-28 with a distinctive title, for search.
KIMI_ID = "2607.24653"
KIMI_TITLE = "Kimi K3: Open Frontier Intelligence"


def hf_day(day: str) -> list[dict]:
    """The raw /api/daily_papers answer Hugging Face gave for `day`; skips when ../shared is absent."""
    path = HF_DATA / f"{day}.json"
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared beside the checkout)")
    return json.loads(path.read_text())
