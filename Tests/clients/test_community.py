"""Community features as people use them, against a `paperfeed serve` of its own that talks to
real neighbours: an SMTP server (scripts/smtp-test-server.py, aiosmtpd) that keeps every message
it accepts, and a small fake arXiv API answering with a recorded arXiv response
(../shared/data/arxiv-fixtures). Chromium (Playwright) does what a person does in a browser;
the digest run is the real `paperfeed digest send` command, and the emails are read with
Python's `email` package. Screenshots: test-output/screenshots/community-*.png.
"""

from __future__ import annotations

import email
import email.policy
import http.server
import json
import os
import re
import secrets
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from conftest import CHROMIUM, REPO, SHOTS, Server, free_port, wait_for

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect  # noqa: E402

SMTP_SERVER = REPO / "scripts" / "smtp-test-server.py"
ARXIV_FIXTURES = REPO.parent / "shared" / "data" / "arxiv-fixtures" / "atom-api" / "2026"

# A real arXiv answer with one paper that the demo data does not hold (checked in the test).
ARXIV_ID = "1605.08386"
ARXIV_RESPONSE = ARXIV_FIXTURES / "id_1605.08386_s0_m100.xml"
ARXIV_TITLE = "Heat-bath random walks with Markov bases"
ARXIV_AUTHOR = "Caprice Stanley"
# arXiv's answer for an id it does not know: a feed without entries.
ARXIV_EMPTY = ARXIV_FIXTURES / "id_0000.0000_s0_m100.xml"

PASSWORD = "correct horse battery"
COMMENT = "<script>window.pwned=1</script> see https://example.org"


# ---------------------------------------------------------------------------------------------
# The neighbours: SMTP server, fake arXiv, and the paperfeed server that uses them.


class SMTPOutbox:
    """scripts/smtp-test-server.py on a free port; each accepted message is NNNN.eml + NNNN.json."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, str(SMTP_SERVER), "--port", "0", "--outbox", str(folder)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith("READY "):
            self.process.kill()
            pytest.fail(f"the SMTP test server did not start: {line!r} {self.process.stderr.read()!r}", pytrace=False)
        self.port = int(line.split()[1])

    def files(self) -> list[Path]:
        return sorted(self.folder.glob("*.eml"))

    def messages(self, start: int = 0) -> list[tuple[email.message.EmailMessage, dict]]:
        """Messages from the `start`-th on, parsed, each with its SMTP envelope."""
        found = []
        for path in self.files()[start:]:
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            envelope = json.loads(path.with_suffix(".json").read_text())
            found.append((message, envelope))
        return found

    def wait_for_messages(self, start: int, count: int = 1, timeout: float = 15) -> list:
        wait_for(lambda: len(self.files()) >= start + count, timeout=timeout)
        found = self.messages(start)
        assert len(found) >= count, f"expected {count} new email(s) within {timeout:.0f} s, got {len(found)}"
        return found

    def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()  # the server stops when its stdin closes
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class FakeArxiv:
    """`GET /api/query?id_list=ID…` answered with a recorded arXiv response, on a free port."""

    def __init__(self):
        self.requests: list[str] = []
        answers = {ARXIV_ID: ARXIV_RESPONSE.read_bytes()}
        empty = ARXIV_EMPTY.read_bytes()
        seen = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                seen.append(self.path)
                url = urlsplit(self.path)
                if url.path != "/api/query":
                    self.send_error(404)
                    return
                ids = parse_qs(url.query).get("id_list", [""])[0]
                body = answers.get(re.sub(r"v\d+$", "", ids), empty)
                self.send_response(200)
                self.send_header("Content-Type", "application/atom+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *arguments):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Community:
    """Everything the tests here talk to."""

    def __init__(self, folder: Path):
        self.smtp = SMTPOutbox(folder / "outbox")
        self.arxiv = FakeArxiv()
        port = free_port()
        self.base_url = f"http://127.0.0.1:{port}"
        env = {
            "PAPERFEED_SMTP_HOST": "127.0.0.1",
            "PAPERFEED_SMTP_PORT": str(self.smtp.port),
            "PAPERFEED_SMTP_SECURITY": "plain",
            "PAPERFEED_MAIL_FROM": "digest@paperfeed.test",
            "PAPERFEED_PUBLIC_URL": self.base_url,
            "PAPERFEED_ARXIV_URL": self.arxiv.url,
            "PAPERFEED_PASSWORD_COST": "4",
            "PAPERFEED_MODEL_DIR": str(folder / "no-model-here"),
            "PAPERFEED_DEMO": "true",
            # `serve` sends due digests itself once a minute after this UTC hour; 24 never comes, so
            # the digests here go out only when the test runs `paperfeed digest send`.
            "PAPERFEED_DIGEST_HOUR": "24",
        }
        server_folder = folder / "server"
        server_folder.mkdir()
        self.server = Server(server_folder, env=env, port=port)
        assert self.server.base_url == self.base_url, (self.server.base_url, self.base_url)

    def digest_send(self, period: str) -> str:
        """`paperfeed digest send --period PERIOD` on the server's database; its standard output."""
        done = self.server.run_command("digest", "send", "--period", period)
        assert done.returncode == 0, f"digest send exited with {done.returncode}: {done.stdout!r} {done.stderr[-2000:]!r}"
        return done.stdout

    def stop(self) -> None:
        self.server.stop()
        self.arxiv.stop()
        self.smtp.stop()


@pytest.fixture(scope="module")
def community(tmp_path_factory) -> Community:
    try:
        import aiosmtpd  # noqa: F401  (the SMTP test server runs on it)
    except ImportError:
        pytest.skip("aiosmtpd is missing from the venv: run scripts/mail-test-setup.sh")
    if not ARXIV_RESPONSE.exists():
        pytest.skip(f"{ARXIV_RESPONSE} is missing (../shared/data/arxiv-fixtures)")
    running = Community(tmp_path_factory.mktemp("community"))
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def _community_server_still_alive(request):
    yield
    if "community" in request.fixturenames:
        running: Community = request.getfixturevalue("community")
        if not running.server.alive():
            pytest.fail(f"the community server died (exit code {running.server.process.returncode}); "
                        f"stderr tail: {running.server.stderr_tail()!r}", pytrace=False)


# ---------------------------------------------------------------------------------------------
# The browser.


class Visit:
    """One browser context (its own cookies) on the community server, with checks that the pages
    raised no JavaScript error and every sub-resource loaded (but for answers a test expects)."""

    def __init__(self, browser, base_url: str, javascript: bool = True):
        self.context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900},
                                           java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.expected: list[tuple[int, str]] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: self.errors.append(message.text)
                     if message.type == "error" and not message.text.startswith("Failed to load resource") else None)
        self.page.on("response", self._response)

    def _response(self, response) -> None:
        if response.status < 400 or response.request.resource_type in ("document", "other"):
            return
        if response.url.endswith("/favicon.ico"):
            return
        if any(response.status == status and re.search(pattern, response.url) for status, pattern in self.expected):
            return
        self.failed.append(f"{response.status} {response.url}")

    def expect_status(self, status: int, url_pattern: str) -> None:
        self.expected.append((status, url_pattern))

    def close(self) -> None:
        self.context.close()
        assert not self.errors, f"JavaScript errors: {self.errors}"
        assert not self.failed, f"resources that did not load: {self.failed}"


@pytest.fixture
def visit(browser, community):
    opened = Visit(browser, community.base_url)
    yield opened
    opened.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"community-{name}.png"), full_page=True)


def unique(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(3)}"


def sign_up(page, name: str) -> None:
    page.goto("/signup")
    form = page.locator("form[action='/signup']")
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=email]").fill(f"{name}@example.org")
    form.locator("input[name=password]").fill(PASSWORD)
    form.get_by_role("button", name="Create account").click()
    expect(page.locator("header nav.account a.me")).to_have_text(name)


def today_utc() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d")


# ---------------------------------------------------------------------------------------------
# 1. A member: sign up, vote, comment, submit a paper, log out.


def test_member_votes_comments_and_submits(visit, community):
    page = visit.page
    name = unique("reader")
    sign_up(page, name)
    expect(page.locator("header nav.account")).not_to_contain_text("Log in")
    shot(page, "01-signed-up")

    # Vote on the first card of the home page: the count goes up by one, in place and for good.
    page.goto("/")
    first = page.locator("article.card").first
    title = first.locator("h3").inner_text()
    count = first.locator(".votes .count")
    before = int(count.inner_text())
    with page.expect_response(lambda response: response.url.endswith("/vote") and response.request.method == "POST") as answer:
        first.locator("form.votes button").click()
    assert answer.value.status == 200, answer.value.status
    expect(count).to_have_text(str(before + 1))
    expect(first.locator("form.votes")).to_have_class(re.compile(r"\bvoted\b"))
    assert page.url.rstrip("/") == community.base_url, "voting should not leave the page"
    shot(page, "02-voted")
    page.reload()
    first = page.locator("article.card", has=page.locator("h3", has_text=title)).first
    expect(first.locator(".votes .count")).to_have_text(str(before + 1))
    expect(first.locator("form.votes")).to_have_class(re.compile(r"\bvoted\b"))
    expect(first.locator("form.votes button")).to_have_attribute("aria-pressed", "true")

    # A comment with markup in it shows as text; its web address becomes a link.
    first.locator("h3 a").click()
    expect(page.locator("h1")).to_have_text(title)
    paper_url = page.url
    page.locator("textarea[name=body]").fill(COMMENT)
    page.get_by_role("button", name="Comment").click()
    expect(page).to_have_url(re.compile(r"#comment-\d+$"))
    comment = page.locator("li.comment").last
    expect(comment.locator(".comment-meta a")).to_have_text(name)
    body = comment.locator(".comment-body")
    expect(body).to_contain_text("<script>window.pwned=1</script>")
    assert body.locator("script").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"
    link = body.locator("a")
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("href", "https://example.org")
    expect(link).to_have_text("https://example.org")
    expect(page.locator("h2#comments")).to_contain_text("Comments (")
    shot(page, "03-comment")
    page.goto(paper_url)  # again, from the stored comment
    expect(page.locator("li.comment .comment-body").last).to_contain_text("<script>window.pwned=1</script> see")
    assert page.evaluate("typeof window.pwned") == "undefined"

    # Submit a paper the store does not hold: it comes from (the fake) arXiv.
    assert requests.get(f"{community.base_url}/api/papers/{ARXIV_ID}", timeout=10).status_code == 404, \
        f"{ARXIV_ID} should not be in the demo data"
    asked_before = len(community.arxiv.requests)
    page.locator("header nav a", has_text="Submit").click()
    expect(page).to_have_url(re.compile(r"/submit$"))
    page.locator("input[name=paper]").fill(f"https://arxiv.org/abs/{ARXIV_ID}")
    shot(page, "04-submit")
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/papers/{re.escape(ARXIV_ID)}$"), timeout=20_000)
    expect(page.locator("h1")).to_have_text(ARXIV_TITLE)
    expect(page.locator("article.paper .authors")).to_contain_text(ARXIV_AUTHOR)
    expect(page.locator("article.paper .dates")).to_contain_text(f"by {name}")
    shot(page, "05-submitted-paper")
    asked = community.arxiv.requests[asked_before:]
    assert len(asked) == 1, asked
    query = parse_qs(urlsplit(asked[0]).query)
    assert urlsplit(asked[0]).path == "/api/query"
    assert query.get("id_list") == [ARXIV_ID] and query.get("max_results") == ["1"], asked[0]
    assert requests.get(f"{community.base_url}/api/papers/{ARXIV_ID}", timeout=10).status_code == 200

    # Today's list shows it, with who submitted it.
    page.goto(f"/papers/date/{today_utc()}")
    card = page.locator("article.card", has=page.locator("h3", has_text=ARXIV_TITLE))
    expect(card).to_have_count(1)
    expect(card.locator(".meta")).to_contain_text(f"submitted by {name}")
    expect(card.locator("h3 a")).to_have_attribute("href", re.compile(rf"/papers/{re.escape(ARXIV_ID)}$"))
    shot(page, "06-today")

    # Log out: the header offers to log in again, and the vote form no longer counts as ours.
    page.locator("header nav.account").get_by_role("button", name="Log out").click()
    expect(page.locator("header nav.account a", has_text="Log in")).to_be_visible()
    expect(page.locator("header nav.account a.me")).to_have_count(0)
    page.goto("/papers/date/2026-08-21")
    voted_card = page.locator("article.card", has=page.locator("h3", has_text=title)).first
    expect(voted_card.locator(".votes .count")).to_have_text(str(before + 1))
    expect(voted_card.locator("form.votes")).not_to_have_class(re.compile(r"\bvoted\b"))
    shot(page, "07-logged-out")


# ---------------------------------------------------------------------------------------------
# 2. An anonymous reader subscribes to the digest; the digest goes out once; one-click unsubscribe.


def confirm_link(message, base_url: str) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()
    links = re.findall(rf"{re.escape(base_url)}/digest/confirm/[A-Za-z0-9_\-]+", text)
    assert len(links) == 1, text
    return links[0]


def subscribe_by_http(base_url: str, address: str, frequency: str) -> None:
    """What the home page form posts, from a plain HTTP client (with the CSRF cookie and field)."""
    session = requests.Session()
    home = session.get(f"{base_url}/", timeout=10)
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', home.text).group(1)
    answer = session.post(f"{base_url}/digest/subscribe", timeout=20,
                          data={"csrf": token, "email": address, "frequency": frequency})
    assert answer.status_code == 200 and "Check your inbox" in answer.text, (answer.status_code, answer.text[:500])


def test_digest_subscription_by_email(visit, community):
    page = visit.page
    smtp = community.smtp
    address = f"{unique('subscriber')}@example.org"

    page.goto("/")
    form = page.locator("section.digest-signup form")
    expect(page.get_by_text("Get trending papers in your email inbox!")).to_be_visible()
    start = len(smtp.files())
    form.locator("input[name=email]").fill(address)
    form.locator("select[name=frequency]").select_option("daily")
    shot(page, "10-subscribe")
    form.get_by_role("button", name="Subscribe").click()
    expect(page.locator("h1")).to_have_text("Check your inbox")
    expect(page.locator("main")).to_contain_text(address)
    shot(page, "11-check-inbox")

    # The confirmation email.
    [(message, envelope)] = smtp.wait_for_messages(start)
    assert envelope["rcpt_tos"] == [address], envelope
    assert message["To"].addresses[0].addr_spec == address
    assert "Confirm" in message["Subject"], message["Subject"]
    link = confirm_link(message, community.base_url)
    page.goto(link)
    expect(page.locator("h1")).to_have_text("You are subscribed")
    expect(page.locator("main")).to_contain_text(address)
    shot(page, "12-subscribed")

    # The daily digest: one email to the address, text and HTML, with a way out in its headers.
    start = len(smtp.files())
    output = community.digest_send("daily")
    assert "Sent 1," in output, output
    smtp.wait_for_messages(start)
    time.sleep(0.5)  # a second, unwanted email would come right behind the first
    found = smtp.messages(start)
    assert len(found) == 1, [m["To"] for m, _ in found]
    digest, envelope = found[0]
    assert envelope["rcpt_tos"] == [address], envelope
    assert digest["To"].addresses[0].addr_spec == address
    assert digest.get_content_type() == "multipart/alternative", digest.get_content_type()
    parts = {part.get_content_type(): part.get_content() for part in digest.iter_parts()}
    assert set(parts) == {"text/plain", "text/html"}, list(parts)
    paper_link = re.compile(rf"{re.escape(community.base_url)}/papers/[0-9]{{4}}\.[0-9]{{4,5}}")
    text_links = set(paper_link.findall(parts["text/plain"]))
    html_links = set(paper_link.findall(parts["text/html"]))
    assert text_links, parts["text/plain"][:2000]
    assert html_links, parts["text/html"][:2000]
    assert text_links & html_links, (text_links, html_links)
    assert re.search(r'<a [^>]*href="' + paper_link.pattern, parts["text/html"]), "the HTML part should link papers"
    unsubscribe = re.fullmatch(r"<(\S+)>", digest["List-Unsubscribe"].strip())
    assert unsubscribe, digest["List-Unsubscribe"]
    unsubscribe_url = unsubscribe.group(1)
    assert unsubscribe_url.startswith(f"{community.base_url}/digest/unsubscribe/"), unsubscribe_url
    assert digest["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
    (SHOTS / "community-digest.html").write_text(parts["text/html"])
    # Shown as a mail client would, in a blank document: written into one of the site's pages it
    # would fall under the site's Content-Security-Policy, which allows no inline style.
    page.goto("about:blank")
    page.set_content(parts["text/html"])
    shot(page, "13-digest-email")

    # The same period is sent once.
    again = community.digest_send("daily")
    assert "Sent 0," in again, again
    time.sleep(0.5)
    assert len(smtp.files()) == start + 1, "a second run of the same period sent more email"

    # One-click unsubscribe, the way a mail provider does it: a POST without cookies.
    answer = requests.post(unsubscribe_url, data={"List-Unsubscribe": "One-Click"}, timeout=10, allow_redirects=False)
    assert answer.status_code == 200, (answer.status_code, answer.text[:500])
    assert answer.request.body == "List-Unsubscribe=One-Click"
    assert "You are unsubscribed" in answer.text

    # Another reader wants the weekly digest; the weekly run sends to them, not to the address above.
    weekly = f"{unique('weekly')}@example.org"
    start = len(smtp.files())
    subscribe_by_http(community.base_url, weekly, "weekly")
    [(confirmation, _)] = smtp.wait_for_messages(start)
    assert requests.get(confirm_link(confirmation, community.base_url), timeout=10).status_code == 200
    start = len(smtp.files())
    output = community.digest_send("weekly")
    assert "Sent 1," in output, output
    smtp.wait_for_messages(start)
    time.sleep(0.5)
    recipients = [envelope["rcpt_tos"] for _, envelope in smtp.messages(start)]
    assert recipients == [[weekly]], recipients


# ---------------------------------------------------------------------------------------------
# 3. Voting while logged out leads to the log-in page and back.


def logged_out_vote_comes_back(visit, community, path: str, shot_name: str) -> None:
    page = visit.page
    name = unique("voter")
    # An account made in another browser context: this one stays logged out until it logs in.
    other = visit.context.browser.new_context(base_url=community.base_url)
    try:
        sign_up(other.new_page(), name)
    finally:
        other.close()

    visit.expect_status(401, r"/vote$")  # the vote script's fetch, answered "log in first"
    page.goto(path)
    first = page.locator("article.card").first
    before = first.locator(".votes .count").inner_text()
    first.locator("form.votes button").click()
    expect(page).to_have_url(re.compile(r"/login\?"))
    expect(page.locator("h1")).to_have_text("Log in")
    shot(page, f"{shot_name}-login")
    form = page.locator("form[action='/login']")
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=password]").fill(PASSWORD)
    form.get_by_role("button", name="Log in").click()
    expect(page.locator("header nav.account a.me")).to_have_text(name)
    assert page.url == community.base_url + path, f"came back to {page.url}, not {community.base_url + path}"
    expect(page.locator("article.card").first.locator(".votes .count")).to_have_text(before)
    shot(page, f"{shot_name}-back")


def test_logged_out_vote_asks_to_log_in_and_comes_back(visit, community):
    logged_out_vote_comes_back(visit, community, "/papers/date/2026-08-20", "20-vote")


def test_logged_out_vote_on_a_search_page_comes_back_to_it(visit, community):
    """The page's whole address, query string with `&` and all, survives the trip."""
    logged_out_vote_comes_back(visit, community, "/papers?q=agent&mode=keyword&p=1", "21-vote-search")


def test_logged_out_vote_without_javascript_comes_back_to_the_search_page(browser, community):
    """Without JavaScript the vote form posts itself; the server's redirect keeps the whole address."""
    visit = Visit(browser, community.base_url, javascript=False)
    try:
        logged_out_vote_comes_back(visit, community, "/papers?q=agent&mode=keyword&p=1", "22-vote-search-nojs")
    finally:
        visit.close()
