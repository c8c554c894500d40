"""Fixtures for the client tests: they run the real `paperfeed serve` binary on loopback.

The session server loads the bundled demo papers into a fresh SQLite file (PAPERFEED_DEMO
defaults to true). Tests that might kill a server (crash probes, shutdown checks) start their
own with `spare_server` so that the session server stays up for everything else.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("PAPERFEED_BIN", REPO / ".build" / "debug" / "paperfeed"))
START_TIMEOUT = float(os.environ.get("PAPERFEED_START_TIMEOUT", "180"))
STOP_TIMEOUT = 10.0


class Server:
    """One `paperfeed serve` process; `base_url` has no trailing slash."""

    def __init__(self, folder: Path, env: dict[str, str] | None = None, port: int = 0):
        """`env` is added to this process's environment; `port` 0 lets the server pick one."""
        if not BINARY.exists():
            pytest.fail(f"{BINARY} does not exist: run `swift build --product paperfeed` first "
                        f"(or set PAPERFEED_BIN)", pytrace=False)
        self.folder = folder
        self.database = folder / "papers.sqlite"
        self.stderr_path = folder / "server.stderr.log"
        self.stdout_lines: list[str] = []
        self._stderr = open(self.stderr_path, "wb")
        self.env = {**os.environ, **(env or {})}
        self.process = subprocess.Popen(
            [str(BINARY), "serve", "--db", str(self.database), "--port", str(port), "--host", "127.0.0.1"],
            stdout=subprocess.PIPE, stderr=self._stderr, stdin=subprocess.DEVNULL,
            cwd=folder, env=self.env, text=True, bufsize=1,
        )
        self.base_url = self._wait_until_running()
        # Keep draining stdout so the server never blocks on a full pipe.
        threading.Thread(target=self._drain, daemon=True).start()

    def _wait_until_running(self) -> str:
        found: list[str] = []

        def read() -> None:
            assert self.process.stdout is not None
            for line in self.process.stdout:
                self.stdout_lines.append(line)
                if "running at" in line:
                    found.append(line)
                    return

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(START_TIMEOUT)
        if not found:
            self.process.kill()
            self.process.wait()
            pytest.fail(f"paperfeed serve did not print 'running at' within {START_TIMEOUT:.0f} s; "
                        f"exit code {self.process.returncode}; stdout: {''.join(self.stdout_lines)!r}; "
                        f"stderr tail: {self.stderr_tail()!r}", pytrace=False)
        # "PaperFeed is running at http://127.0.0.1:PORT/ (database …)"
        url = found[0].split("running at", 1)[1].split()[0]
        return url.rstrip("/")

    def _drain(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.stdout_lines.append(line)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stderr_tail(self, characters: int = 2000) -> str:
        self._stderr.flush()
        text = self.stderr_path.read_text(errors="replace")
        return text[-characters:]

    def run_command(self, *arguments: str, timeout: float = 120) -> subprocess.CompletedProcess:
        """Runs `paperfeed ARGUMENTS…` on this server's database, with its environment and folder."""
        return subprocess.run([str(BINARY), *arguments, "--db", str(self.database)], env=self.env, cwd=self.folder,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout)

    def stop(self) -> int | None:
        """SIGTERM, then the exit code; None if it did not exit within STOP_TIMEOUT (then killed)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                self._stderr.close()
                return None
        self._stderr.close()
        return self.process.returncode


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Server:
    running = Server(tmp_path_factory.mktemp("paperfeed"))
    yield running
    code = running.stop()
    # Graceful shutdown is asserted in test_http.py::test_graceful_shutdown_on_sigterm; here a
    # failure to stop only warns, so the report stays about the tests themselves.
    if code != 0:
        import warnings
        warnings.warn(f"session server exited with {code} after SIGTERM", stacklevel=1)


@pytest.fixture(scope="session")
def base_url(server: Server) -> str:
    return server.base_url


@pytest.fixture
def spare_server(tmp_path) -> Server:
    """A server of its own, for tests that may crash or stop it."""
    running = Server(tmp_path)
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def _session_server_still_alive(request):
    """After each test that used the session server, fail loudly if the server died."""
    yield
    if "server" in request.fixturenames or "base_url" in request.fixturenames:
        running: Server = request.getfixturevalue("server")
        if not running.alive():
            pytest.fail(f"the session server died (exit code {running.process.returncode}); "
                        f"stderr tail: {running.stderr_tail()!r}", pytrace=False)


def free_port() -> int:
    """A port nothing listens on now, for a server that must know its address before it starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, timeout: float = 5.0, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


CHROMIUM = os.environ.get("PAPERFEED_CHROMIUM", "/usr/bin/chromium")
SHOTS = REPO / "test-output" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (no browser download), one per test module."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: scripts/client-tests.sh installs Debian's chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@contextmanager
def watched_page(browser, base_url: str, **options):
    """A desktop-sized page of a new browser context on `base_url` (more context `options` may
    be given) that fails the test afterwards if a script failed or a sub-resource did not load."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}, **options)
    page = context.new_page()
    errors: list[str] = []
    failed: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # "Failed to load resource" console lines are judged through the responses below.
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource") else None)
    # Sub-resources (CSS, JS) must load; a 404 document (the not-found test) and the favicon,
    # which the browser asks for on its own, are not counted.
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 and response.request.resource_type not in ("document", "other")
            and not response.url.endswith("/favicon.ico") else None)
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"
    assert not failed, f"resources that did not load: {failed}"
