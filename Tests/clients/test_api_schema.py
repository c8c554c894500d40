"""The JSON API against its own OpenAPI document, with schemathesis.

Every operation in the OpenAPI document gets generated requests, valid and invalid, sent to the
session server, and each answer is checked: no 5xx, a status code the document lists, the content
type it names, a body that matches the response schema, documented headers, and invalid parameters
rejected with a 4xx. The examples are derandomized with a fixed seed so that a CI failure
reproduces; schemathesis prints a curl command for each failure.

Two of schemathesis's default checks are left out of the generated tests, on purpose:
- positive_data_acceptance: a JSON Schema cannot say "at most one of date, week and month" or
  describe the search query language (`q=%22` is a string, and a 400 for the unclosed quotation
  mark is right), so a schema-valid request may get the documented 400;
- unsupported_method: it may try POST on a GET route, which the server treats as a form post
  (CSRF check, then 404); methods no route answers (PUT, DELETE, TRACE …) get 405 with `Allow`,
  which test_undeclared_method_gets_405 below checks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402  (after the importorskip above)
from schemathesis.config import SchemathesisConfig  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance, unsupported_method  # noqa: E402

MAX_EXAMPLES = 40
SEED = 20260821


# The document as the repository holds it (the server ships and serves this file). It is loaded
# here rather than from the running server because schemathesis's lazy `from_fixture` loader does
# not work with pytest 9.2 (it sets `Node._nodeid`); the base URL is the session server's.
OPENAPI = Path(__file__).resolve().parents[2] / "Sources" / "PaperWeb" / "Resources" / "openapi.json"
CONFIG = SchemathesisConfig.from_dict({
    "seed": SEED,
    "request-timeout": 30,
    "generation": {
        "mode": "all",  # valid and invalid requests
        "max-examples": MAX_EXAMPLES,
        "deterministic": True,
        "database": "none",  # nothing kept between runs: CI sees what a developer sees
    },
})
schema = schemathesis.openapi.from_path(OPENAPI, config=CONFIG)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_api_answers_as_its_openapi_document_says(case, base_url: str):
    case.call_and_validate(base_url=base_url, excluded_checks=[positive_data_acceptance, unsupported_method])


def test_undeclared_method_gets_405(base_url: str):
    import requests

    session = requests.Session()
    token = session.get(f"{base_url}/login", timeout=30).cookies.get("pf_csrf")
    for method in ["TRACE", "PUT", "DELETE"]:
        response = session.request(method, f"{base_url}/api/papers", headers={"X-CSRF-Token": token or ""}, timeout=30)
        assert response.status_code == 405, f"{method} /api/papers answered {response.status_code}"
        anonymous = requests.request(method, f"{base_url}/api/papers", timeout=30)
        assert anonymous.status_code == 405, f"{method} /api/papers without a CSRF token answered {anonymous.status_code}"


def test_percent_encoded_paper_id_is_decoded(base_url: str):
    import requests

    plain = requests.get(f"{base_url}/api/papers/arXiv:2608.19880", timeout=30)
    assert plain.status_code == 200
    encoded = requests.get(f"{base_url}/api/papers/arXiv%3A2608.19880", timeout=30)
    assert encoded.status_code == 200, f"the percent-encoded id answered {encoded.status_code}: {encoded.text[:200]}"


def test_openapi_document_names_every_api_route(base_url: str):
    """Each public JSON route is described, so schemathesis (and any client generator) sees it."""
    import requests

    document = requests.get(f"{base_url}/api/openapi.json", timeout=30).json()
    assert document["openapi"].startswith("3.")
    for path in ["/api/daily_papers", "/api/papers", "/api/papers/search", "/api/papers/{id}",
                 "/api/papers/{id}/similar", "/api/recommendations", "/health", "/api/whoami-v2", "/api/collections",
                 "/api/collections/{namespace}/{slug}"]:
        assert "get" in document["paths"].get(path, {}), f"{path} is missing from /api/openapi.json"
    for path, methods in [("/api/collections", ["post"]), ("/api/collections/{namespace}/{slug}", ["patch", "delete"]),
                          ("/api/collections/{namespace}/{slug}/items", ["post"]),
                          ("/api/collections/{namespace}/{slug}/items/{itemId}", ["patch", "delete"])]:
        for method in methods:
            assert method in document["paths"].get(path, {}), f"{method.upper()} {path} is missing from /api/openapi.json"
