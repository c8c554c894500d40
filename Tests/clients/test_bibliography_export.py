"""A collection exported as BibTeX and CSL-JSON and read back by real parsers: `bibtexparser` from
PyPI and `json`. Titles, authors and arXiv ids must round-trip."""

from __future__ import annotations

import json

import bibtexparser
import requests
from bibtexparser.bparser import BibTexParser
from bibtexparser.customization import convert_to_unicode

import paperdata as known
from conftest import Server
from test_hf_collections import make_account


def test_a_collection_round_trips_through_bibtex_and_csl_json(base_url: str, server: Server):
    token = make_account(server, "exporter")
    auth = {"Authorization": f"Bearer {token}"}
    made = requests.post(f"{base_url}/api/collections", json={"title": "Export me", "private": True}, headers=auth, timeout=30)
    assert made.status_code == 200, made.text
    slug = made.json()["slug"]
    for paper in [known.TOP_ID, known.SECOND_ID]:
        added = requests.post(f"{base_url}/api/collections/{slug}/items", json={"item": {"type": "paper", "id": paper}},
                              headers=auth, timeout=30)
        assert added.status_code == 200, added.text
    papers = {p: requests.get(f"{base_url}/api/papers/{p}", timeout=30).json() for p in [known.TOP_ID, known.SECOND_ID]}

    bib = requests.get(f"{base_url}/api/collections/{slug}/export", params={"format": "bibtex"}, headers=auth, timeout=30)
    assert bib.status_code == 200 and bib.headers["Content-Type"].startswith("application/x-bibtex")
    assert bib.headers["Content-Disposition"] == 'attachment; filename="exporter-export-me.bib"'
    parser = BibTexParser(common_strings=True)
    parser.customization = convert_to_unicode
    database = bibtexparser.loads(bib.text, parser=parser)
    entries = {entry["eprint"]: entry for entry in database.entries}
    assert list(entries) == [known.TOP_ID, known.SECOND_ID]
    assert len({entry["ID"] for entry in database.entries}) == 2, "citation keys are unique"
    assert entries[known.TOP_ID]["title"] == known.TOP_TITLE
    assert entries[known.SECOND_ID]["title"] == known.SECOND_TITLE
    for paper_id, entry in entries.items():
        names = [a["name"] for a in papers[paper_id]["authors"]]
        assert entry["author"].split(" and ") == names
        assert entry["archiveprefix"] == "arXiv" and entry["url"] == f"https://arxiv.org/abs/{paper_id}"

    csl = requests.get(f"{base_url}/api/collections/{slug}/export", params={"format": "csl-json"}, headers=auth, timeout=30)
    assert csl.headers["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    items = json.loads(csl.text)
    assert [item["number"] for item in items] == [known.TOP_ID, known.SECOND_ID]
    assert [item["title"] for item in items] == [known.TOP_TITLE, known.SECOND_TITLE]
    for item in items:
        names = [a["name"] for a in papers[item["number"]]["authors"]]
        assert [" ".join(filter(None, [a.get("given"), a["family"]])) for a in item["author"]] == names
        assert item["type"] == "article" and item["archive"] == "arXiv" and len(item["issued"]["date-parts"][0]) == 3

    # Private: nobody else gets it.
    assert requests.get(f"{base_url}/api/collections/{slug}/export", timeout=30).status_code == 404
