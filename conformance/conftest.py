import contextlib
import itertools
import json
import os
import queue
import re
import signal
import subprocess
import threading
from pathlib import Path

import pytest
from docflow import APIError, AuthScope, DocflowClient, ExtractModel

REPO_ROOT = Path(__file__).resolve().parent.parent
ENTERPRISE_ID = "9001"
LISTEN_LINE = re.compile(r"docreview listening on http://127\.0\.0\.1:(\d+)")
STARTUP_TIMEOUT = 30
_names = itertools.count(1)


def _binary():
    configured = os.environ.get("DOCREVIEW_BIN")
    target = Path(os.environ.get("CARGO_TARGET_DIR") or REPO_ROOT / "target")
    path = Path(configured).resolve() if configured else (REPO_ROOT / target / "debug/docreview")
    if not path.is_file():
        pytest.fail(f"docreview binary not found at {path}; build it or set DOCREVIEW_BIN")
    return str(path)


def _child_env():
    env = dict(os.environ)
    env.pop("DOCREVIEW_BIN", None)
    # The tests serve their documents from 127.0.0.1, an internal address
    # that uploads by URL may reach only when `fetch.allow` lists it.
    env["DOCREVIEW_FETCH__ALLOW"] = '["127.0.0.1"]'
    return env


def _create_app(binary, data_dir, name, enterprise_id=None):
    cmd = [binary, "app", "create", "--name", name, "--data-dir", str(data_dir), "--json"]
    if enterprise_id is not None:
        cmd += ["--enterprise-id", enterprise_id]
    done = subprocess.run(
        cmd, capture_output=True, text=True, timeout=60, cwd=data_dir.parent, env=_child_env()
    )
    assert done.returncode == 0, f"{cmd} failed ({done.returncode}): {done.stderr}"
    lines = done.stdout.splitlines()
    assert len(lines) == 1, f"app create printed {lines!r}"
    app = json.loads(lines[0])
    assert set(app) >= {"app_id", "secret_code"}, app
    return {"name": name, "app_id": app["app_id"], "secret_code": app["secret_code"]}


def _read_lines(stream, sink):
    for line in stream:
        sink.put(line)
    sink.put(None)


def _wait_for_port(proc, lines, stderr_path):
    try:
        while True:
            line = lines.get(timeout=STARTUP_TIMEOUT)
            if line is None:
                break
            match = LISTEN_LINE.search(line)
            if match:
                return int(match.group(1))
    except queue.Empty:
        pass
    proc.kill()
    proc.wait()
    pytest.fail(f"docreview serve never announced its port:\n{stderr_path.read_text()[-4000:]}")


@contextlib.contextmanager
def running_docreview(binary, root, data_dir):
    """`docreview serve` on a free port with `root` as its working directory
    (a docreview.toml there is read); yields the port, stops it with SIGTERM
    and checks it exited cleanly."""
    stderr_path = root / "serve.log"
    with open(stderr_path, "w") as stderr:
        proc = subprocess.Popen(
            [binary, "serve", "--listen", "127.0.0.1:0", "--data-dir", str(data_dir)],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            cwd=root,
            env=_child_env(),
        )
    lines = queue.Queue()
    threading.Thread(target=_read_lines, args=(proc.stdout, lines), daemon=True).start()
    yield _wait_for_port(proc, lines, stderr_path)

    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        pytest.fail("docreview serve did not stop within 15 s of SIGTERM")
    assert code == 0, f"docreview serve exited with {code}:\n{stderr_path.read_text()[-4000:]}"


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    binary = _binary()
    root = tmp_path_factory.mktemp("docreview")
    data_dir = root / "data"
    data_dir.mkdir()
    apps = {
        "alpha": _create_app(binary, data_dir, "Alpha App", ENTERPRISE_ID),
        "beta": _create_app(binary, data_dir, "Beta App", ENTERPRISE_ID),
        "gamma": _create_app(binary, data_dir, "Gamma App"),
    }
    with running_docreview(binary, root, data_dir) as port:
        yield {"base_url": f"http://127.0.0.1:{port}/api", "apps": apps}


@pytest.fixture(scope="session")
def make_client(server):
    clients = []

    def make(app_id, secret_code, **options):
        client = DocflowClient(
            app_id=app_id,
            secret_code=secret_code,
            base_url=server["base_url"],
            max_retries=0,
            language="en_US",
            **options,
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture(scope="session")
def enterprise_id():
    return ENTERPRISE_ID


@pytest.fixture(scope="session")
def apps(server):
    return server["apps"]


def _client_for(make_client, app):
    return make_client(app["app_id"], app["secret_code"])


@pytest.fixture(scope="session")
def client(make_client, apps):
    return _client_for(make_client, apps["alpha"])


@pytest.fixture(scope="session")
def peer_client(make_client, apps):
    return _client_for(make_client, apps["beta"])


@pytest.fixture(scope="session")
def outsider_client(make_client, apps):
    return _client_for(make_client, apps["gamma"])


@pytest.fixture
def unique():
    def name(prefix="ws"):
        return f"{prefix}-{next(_names)}"

    return name


@pytest.fixture
def workspace_id(client, unique):
    return client.workspace.create(name=unique(), auth_scope=AuthScope.PRIVATE).workspace_id


@pytest.fixture
def invoice_category_id(client, workspace_id):
    """The example Invoice category (examples/invoice-category.json)."""
    definition = json.loads((REPO_ROOT / "examples" / "invoice-category.json").read_text())
    return client.category.create(
        workspace_id=workspace_id,
        name="Invoice",
        extract_model=ExtractModel.Acgpt,
        sample_files=[str(REPO_ROOT / "examples" / "invoice.txt")],
        fields=definition["fields"],
        tables=definition["tables"],
        category_keyword_rules=definition["category_keyword_rules"],
    ).category_id


@pytest.fixture
def new_category(client, workspace_id):
    """Creates a category with one field in the test's workspace; returns its id."""

    def create(name):
        return client.category.create(
            workspace_id=workspace_id,
            name=name,
            extract_model=ExtractModel.Acgpt,
            sample_files=[str(REPO_ROOT / "examples" / "invoice.txt")],
            fields=[{"name": "Total"}],
        ).category_id

    return create


@pytest.fixture
def cat(new_category):
    """A real category of the test's workspace for each label, made on first use."""
    made = {}

    def get(label):
        if label not in made:
            made[label] = new_category(f"Category {label}")
        return made[label]

    return get


@pytest.fixture
def api_error():
    @contextlib.contextmanager
    def expect(code, *words):
        with pytest.raises(APIError) as info:
            yield info
        error = info.value
        assert error.code == code, f"expected code {code}, got {error.code}: {error}"
        assert error.status_code == 200, f"expected HTTP 200, got {error.status_code}: {error}"
        for word in words:
            assert word.lower() in str(error).lower(), f"{word!r} not in message: {error}"

    return expect
