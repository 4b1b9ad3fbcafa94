"""Schemathesis against a real `docreview serve` and the OpenAPI document it
serves: every operation is called with generated requests, valid and invalid,
and every answer must match the document (status, content type, headers,
schema) without a server error.

The server is a fresh one of its own, so that generated requests do not
disturb the other conformance tests. It is seeded with real objects whose ids
the generated requests mostly carry (schemathesis_seed.py), so that success
envelopes are checked as well as errors. The settings below bound the run
(about a minute and a half on two cores); SCHEMATHESIS_MAX_EXAMPLES and
SCHEMATHESIS_SEED change them for a deeper or a different run.
"""

import os
import subprocess
import sys
from pathlib import Path

from conftest import _binary, _create_app, running_docreview
from schemathesis_report import summarise
from schemathesis_seed import config_toml, seed

CONFORMANCE = Path(__file__).resolve().parent
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "20"))
SEED = os.environ.get("SCHEMATHESIS_SEED", "20261203")
RUN_TIMEOUT = 600

# Every check Schemathesis has but one. `negative_data_rejection` expects an
# invalid request to be refused with a 4xx status; DocFlow, and so docreview,
# answers a bad field, like every business error, with HTTP 200 and a non-200
# `code` in the envelope (docs/errors.md). That check would count each of those
# deliberate answers as "invalid data accepted"; the document declares them as
# the business error envelope of the 200 response, which
# `response_schema_conformance` holds the server to instead.
EXCLUDED_CHECKS = ["negative_data_rejection"]

# file/update's items each carry a whole extraction result (fields, rows and
# tables of values with positions): Hypothesis takes as long to generate a few
# of those as every other operation's examples together, and flags them as
# large, which is about the generator, not the API. Fewer examples there keep
# the run short.
SETTINGS = f"""\
generation.max-examples = {MAX_EXAMPLES}
suppress-health-check = ["data_too_large"]

[[operations]]
include-operation-id = "file_update"
generation.max-examples = {max(1, MAX_EXAMPLES // 4)}
"""


def test_schemathesis_finds_no_failure_in_any_operation(tmp_path, capsys):
    binary = _binary()
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    app = _create_app(binary, data_dir, "Schemathesis")
    report_dir = tmp_path / "report"
    config = tmp_path / "schemathesis.toml"
    with running_docreview(binary, tmp_path, data_dir) as port:
        base = f"http://127.0.0.1:{port}"
        config.write_text(SETTINGS + "\n" + config_toml(seed(base, app)))
        command = [
            *_schemathesis(),
            "--config-file", str(config),
            "run",
            f"{base}/openapi.json",
            "--header", f"x-ti-app-id: {app['app_id']}",
            "--header", f"x-ti-secret-code: {app['secret_code']}",
            "--checks", "all",
            "--exclude-checks", ",".join(EXCLUDED_CHECKS),
            "--seed", SEED,
            "--workers", "2",
            "--request-timeout", "30",
            "--generation-database", "none",
            "--report", "ndjson",
            "--report-dir", str(report_dir),
            "--no-color",
        ]  # fmt: skip
        python_path = os.pathsep.join(filter(None, [str(CONFORMANCE), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "SCHEMATHESIS_HOOKS": "schemathesis_hooks", "PYTHONPATH": python_path}
        done = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT, cwd=tmp_path, env=env)
    summary = summarise(report_dir)
    with capsys.disabled():
        print(f"\n{summary.line(seed=SEED, max_examples=MAX_EXAMPLES)}")
    assert done.returncode == 0, f"Schemathesis failed ({done.returncode}):\n{done.stdout[-20000:]}\n{done.stderr[-4000:]}"
    assert summary.operations > 0 and summary.requests > 0, summary


def _schemathesis():
    """The Schemathesis command of the Python running these tests."""
    return [sys.executable, "-m", "schemathesis.cli"]

