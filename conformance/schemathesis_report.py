"""Reads a Schemathesis NDJSON report: how many operations it tested, how many
requests it sent and what the server answered, for a summary line."""

import base64
import collections
import dataclasses
import json
from pathlib import Path


@dataclasses.dataclass
class Summary:
    operations: int = 0
    requests: int = 0
    statuses: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    codes: collections.Counter = dataclasses.field(default_factory=collections.Counter)

    def line(self, seed, max_examples):
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(self.statuses.items()))
        successes = self.codes.get(200, 0)
        return (
            f"schemathesis: {self.operations} operations, {self.requests} requests "
            f"(HTTP {statuses}; envelope code 200: {successes}), "
            f"seed {seed}, at most {max_examples} examples per operation and phase"
        )


def summarise(report_dir):
    """The summary of the one NDJSON report in `report_dir`."""
    summary = Summary()
    operations = set()
    for path in sorted(Path(report_dir).glob("*.ndjson")):
        with open(path) as events:
            for line in events:
                event = json.loads(line)
                finished = event.get("ScenarioFinished")
                if finished is None:
                    continue
                recorder = finished.get("recorder") or {}
                for exchange in _exchanges(recorder):
                    operations.add(recorder.get("label"))
                    summary.requests += 1
                    summary.statuses[exchange["status_code"]] += 1
                    summary.codes[_envelope_code(exchange)] += 1
    summary.operations = len(operations)
    return summary


def _exchanges(recorder):
    """The responses a scenario recorded (its `interactions`, keyed by case id)."""
    for interaction in (recorder.get("interactions") or {}).values():
        response = interaction.get("response")
        if isinstance(response, dict) and "status_code" in response:
            yield response


def _envelope_code(response):
    content = response.get("content") or {}
    try:
        body = json.loads(base64.b64decode(content.get("$base64", "")))
    except ValueError:
        return None
    return body.get("code") if isinstance(body, dict) else None
