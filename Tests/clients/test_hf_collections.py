"""`huggingface_hub`'s collections API and `whoami`, unchanged, with a token from `paperfeed user token`."""

from __future__ import annotations

import os
import subprocess

import pytest
import requests

import paperdata as known
from conftest import BINARY, Server

# Only the token passed to HfApi is used: never a saved one, never offline.
os.environ.pop("HF_HUB_OFFLINE", None)
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from huggingface_hub import HfApi  # noqa: E402  (after the environment is set)
from huggingface_hub.errors import HfHubHTTPError  # noqa: E402


def make_account(server: Server, name: str) -> str:
    """Creates an account on the server's database and returns a new API token for it."""
    created = subprocess.run([str(BINARY), "user", "create", "--name", name, "--email", f"{name}@example.org",
                              "--db", str(server.database)], input="a long enough password\n", env=server.env,
                             cwd=server.folder, capture_output=True, text=True, timeout=120)
    assert created.returncode == 0, created.stderr
    made = server.run_command("user", "token", "--name", name, "--token-name", "pytest")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert token.startswith("pf_") and len(token.splitlines()) == 1, "the token alone is printed on standard output"
    return token


@pytest.fixture(scope="module")
def tokens(server: Server) -> dict[str, str]:
    return {name: make_account(server, name) for name in ["collector", "stranger"]}


@pytest.fixture(scope="module")
def api(base_url: str, tokens: dict[str, str]) -> HfApi:
    return HfApi(endpoint=base_url, token=tokens["collector"])


def test_whoami_names_the_tokens_owner(api: HfApi):
    me = api.whoami()
    assert me["name"] == "collector" and me["type"] == "user"
    assert me["auth"]["type"] == "access_token" and me["auth"]["accessToken"]["displayName"] == "pytest"


def test_a_bad_token_is_a_401(base_url: str):
    with pytest.raises(HfHubHTTPError) as error:
        HfApi(endpoint=base_url, token="pf_not-a-token").whoami()
    assert error.value.response.status_code == 401


def test_a_collection_round_trips_through_huggingface_hub(api: HfApi, base_url: str, tokens: dict[str, str], server: Server):
    made = api.create_collection("Reading group", description="Agents and terminals", private=False)
    assert made.slug.startswith("collector/reading-group-")
    assert made.title == "Reading group" and made.owner["name"] == "collector" and made.items == []
    # The same title again is a 409, which exists_ok turns into the existing collection.
    assert api.create_collection("Reading group", exists_ok=True).slug == made.slug
    with pytest.raises(HfHubHTTPError) as error:
        api.create_collection("Reading group")
    assert error.value.response.status_code == 409

    api.add_collection_item(made.slug, known.TOP_ID, "paper", note="Read first")
    after = api.add_collection_item(made.slug, known.SECOND_ID, "paper")
    assert [(i.item_id, i.item_type, i.position, i.note) for i in after.items] == [
        (known.TOP_ID, "paper", 0, "Read first"), (known.SECOND_ID, "paper", 1, None)]
    assert api.add_collection_item(made.slug, known.TOP_ID, "paper", exists_ok=True).slug == made.slug
    with pytest.raises(HfHubHTTPError) as error:
        api.add_collection_item(made.slug, known.TOP_ID, "paper")
    assert error.value.response.status_code == 409
    with pytest.raises(HfHubHTTPError) as error:
        api.add_collection_item(made.slug, "2608.99999", "paper")
    assert error.value.response.status_code == 404 and "2608.99999" in str(error.value)
    with pytest.raises(HfHubHTTPError) as error:
        api.add_collection_item(made.slug, "gpt2", "model")
    assert error.value.response.status_code == 400

    fetched = api.get_collection(made.slug)
    assert fetched.title == "Reading group" and fetched.description == "Agents and terminals" and not fetched.private
    second = fetched.items[1]
    api.update_collection_item(made.slug, second.item_object_id, note="Then this", position=0)
    moved = api.get_collection(made.slug)
    assert [(i.item_id, i.note) for i in moved.items] == [(known.SECOND_ID, "Then this"), (known.TOP_ID, "Read first")]

    listed = list(api.list_collections(owner="collector"))
    assert [c.slug for c in listed] == [made.slug] and len(listed[0].items) == 2
    assert [c.slug for c in api.list_collections(item=f"papers/{known.TOP_ID}")] == [made.slug]

    renamed = api.update_collection_metadata(made.slug, title="Reading group, week 2", private=True)
    assert renamed.slug.endswith(made.slug.rsplit("-", 1)[1]) and renamed.private
    # Private now: nobody else sees it, and others cannot change a collection they do see.
    stranger = HfApi(endpoint=base_url, token=tokens["stranger"])
    with pytest.raises(HfHubHTTPError) as error:
        stranger.get_collection(renamed.slug)
    assert error.value.response.status_code == 404
    assert list(HfApi(endpoint=base_url, token=False).list_collections(owner="collector")) == []
    api.update_collection_metadata(renamed.slug, private=False)
    with pytest.raises(HfHubHTTPError) as error:
        stranger.delete_collection(renamed.slug)
    assert error.value.response.status_code == 403

    api.delete_collection_item(renamed.slug, moved.items[0].item_object_id)
    assert [i.item_id for i in api.get_collection(renamed.slug).items] == [known.TOP_ID]
    api.delete_collection_item(renamed.slug, moved.items[0].item_object_id, missing_ok=True)
    api.delete_collection(renamed.slug)
    with pytest.raises(HfHubHTTPError) as error:
        api.get_collection(renamed.slug)
    assert error.value.response.status_code == 404
    api.delete_collection(renamed.slug, missing_ok=True)


def test_revoked_tokens_are_refused(server: Server, base_url: str):
    token = make_account(server, "revoker")
    listed = server.run_command("user", "tokens", "--name", "revoker")
    assert listed.returncode == 0 and "pytest" in listed.stdout and token not in listed.stdout
    token_id = listed.stdout.splitlines()[1].split()[0]
    revoked = server.run_command("user", "revoke-token", "--name", "revoker", "--id", token_id)
    assert revoked.returncode == 0, revoked.stderr
    answer = requests.get(f"{base_url}/api/whoami-v2", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert answer.status_code == 401 and "error" in answer.json()
