"""Callbacks through the SDK: a workspace created with a callback_url gets one
signed event per final status, verified with the snippet the README gives."""

import hashlib
import hmac
import json
import queue
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from docflow import AuthScope, ExtractModel

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TIMEOUT = 30


def verify(secret: str, header: str, body: bytes, tolerance: int = 300) -> bool:
    """The README's verification snippet, as a receiver would write it."""
    parts = dict(part.split("=", 1) for part in header.split(","))
    timestamp = int(parts["t"])
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return abs(time.time() - timestamp) <= tolerance and hmac.compare_digest(expected, parts["v1"])


@pytest.fixture
def receiver():
    """A callback receiver on 127.0.0.1: yields (url, queue of (headers, body))."""
    events = queue.Queue()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["content-length"]))
            events.put((self.headers, body))
            self.send_response(200)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/hook", events
    server.shutdown()


def callback_secret(server, app, workspace_id):
    """docreview's extension field, which the SDK's WorkspaceInfo drops."""
    answer = requests.get(
        f"{server['base_url']}/app-api/sip/platform/v2/workspace/get",
        params={"workspace_id": workspace_id},
        headers={"x-ti-app-id": app["app_id"], "x-ti-secret-code": app["secret_code"]},
        timeout=10,
    ).json()
    return answer["result"]["callback_secret"]


def test_a_final_extraction_status_is_posted_once_and_signed(client, server, apps, unique, receiver):
    url, events = receiver
    workspace_id = client.workspace.create(
        name=unique(), auth_scope=AuthScope.PRIVATE, callback_url=url, callback_retry_time=1
    ).workspace_id
    client.category.create(
        workspace_id=workspace_id,
        name="Invoice",
        extract_model=ExtractModel.Acgpt,
        sample_files=[str(EXAMPLES / "invoice.txt")],
        fields=[{"name": "Total"}],
    )
    task_id = client.file.upload(
        workspace_id=workspace_id, category="Invoice", file_path=str(EXAMPLES / "invoice.txt")
    ).files[0].task_id

    headers, body = events.get(timeout=TIMEOUT)

    secret = callback_secret(server, apps["alpha"], workspace_id)
    assert verify(secret, headers.get("x-docreview-signature"), body)
    assert not verify(secret + "x", headers.get("x-docreview-signature"), body)
    event = json.loads(body)
    assert (event["event"], event["workspace_id"], event["task_id"], event["recognition_status"]) == (
        "extraction.finished",
        workspace_id,
        task_id,
        1,
    )
    assert headers.get("x-docreview-delivery") == event["delivery_id"]
    time.sleep(0.5)
    assert events.empty(), "one event per final status"
