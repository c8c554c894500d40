#!/usr/bin/env python3
"""A real SMTP server for the PaperMail tests, built on aiosmtpd.

Listens on 127.0.0.1 and writes every message it accepts to OUTBOX/<n>.eml (the DATA bytes
exactly as received, after the server removed dot-stuffing) with the envelope beside it in
OUTBOX/<n>.json. Prints "READY <port>" on stdout once it accepts connections (port 0 picks a
free port), and stops when stdin closes or on SIGTERM.

    smtp-test-server.py --port 0 --outbox DIR [--security plain|starttls|tls]
                        [--auth USER:PASSWORD] [--mechanisms PLAIN,LOGIN] [--hold-after N]

`--hold-after N`: once N messages are accepted, the next MAIL command gets no answer (the
server prints "HELD" on stdout): a client stuck mid-send, for crash tests to kill. Only the
first such command is held; later connections are served normally.

`starttls` and `tls` make a throwaway self-signed certificate for "localhost" and 127.0.0.1
with the openssl CLI; its PEM is written to OUTBOX/../server-cert.pem for clients to trust.
Run scripts/mail-test-setup.sh first to get aiosmtpd into .venv.
"""
import argparse
import asyncio
import json
import os
import signal
import ssl
import subprocess
import sys
import tempfile

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Outbox:
    def __init__(self, folder, hold_after=None):
        self.folder = folder
        self.count = 0
        self.hold_after = hold_after

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.hold_after is not None and self.count >= self.hold_after:
            self.hold_after = None
            print("HELD", flush=True)
            await asyncio.Event().wait()
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.folder, f"{self.count:04d}")
        # Written to a temporary name first so that a reader never sees half a message.
        with open(base + ".eml.part", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + ".json", "w") as f:
            login = session.auth_data if isinstance(session.auth_data, bytes) else None
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                       "login": login.decode("utf-8", "replace") if login else None}, f)
        os.rename(base + ".eml.part", base + ".eml")
        return "250 OK message accepted"


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == user and auth_data.password.decode() == password)
        return AuthResult(success=ok, handled=False, auth_data=auth_data.login if ok else None)
    return authenticate


def make_tls_context(folder):
    cert = os.path.join(folder, "server-cert.pem")
    key = os.path.join(tempfile.mkdtemp(prefix="smtp-test-key-"), "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", key, "-out", cert, "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--outbox", required=True)
    parser.add_argument("--security", choices=["plain", "starttls", "tls"], default="plain")
    parser.add_argument("--auth", help="USER:PASSWORD; when given, MAIL needs AUTH first")
    parser.add_argument("--mechanisms", default="PLAIN,LOGIN")
    parser.add_argument("--hold-after", type=int)
    args = parser.parse_args()

    os.makedirs(args.outbox, exist_ok=True)
    tls = make_tls_context(os.path.dirname(os.path.abspath(args.outbox))) \
        if args.security != "plain" else None
    smtp_options = {"hostname": "paperfeed-test-smtp", "enable_SMTPUTF8": True}
    if args.security == "starttls":
        smtp_options.update(tls_context=tls, require_starttls=True)
    if args.auth:
        user, _, password = args.auth.partition(":")
        wanted = {m.strip().upper() for m in args.mechanisms.split(",")}
        smtp_options.update(
            authenticator=make_authenticator(user, password), auth_required=True,
            # aiosmtpd only counts STARTTLS as TLS, so implicit TLS (and plain) must say so.
            auth_require_tls=args.security == "starttls",
            auth_exclude_mechanism=[m for m in ("PLAIN", "LOGIN") if m not in wanted])

    outbox = Outbox(args.outbox, args.hold_after)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(outbox, **smtp_options), "127.0.0.1", args.port,
        ssl=tls if args.security == "tls" else None)
    port = server.sockets[0].getsockname()[1]
    print(f"READY {port}", flush=True)

    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    # The test process holds our stdin open; when it goes away (even if killed), so do we.
    loop.add_reader(sys.stdin.fileno(), lambda: stop.set() if not os.read(sys.stdin.fileno(), 4096) else None)
    await stop.wait()
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    asyncio.run(main())
