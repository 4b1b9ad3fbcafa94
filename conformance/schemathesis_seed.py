"""Objects for Schemathesis to find: a workspace with the example Invoice
category (fields, a table, a sample), a rule repository with a group and a
rule, an uploaded invoice and a review of it.

Generated ids name nothing, so without these every request would end in
"workspace not found" and the success envelopes would never be checked. The
ids are handed to Schemathesis as dictionaries: most generated requests carry
a real id in the fields of that name, the rest keep their generated value.
"""

import json
from pathlib import Path

import requests

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
API = "/api/app-api/sip/platform/v2"
# How often a field of a seeded name gets a real id rather than a generated value.
PROBABILITY = 0.8


class Api:
    def __init__(self, base_url, app):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers.update({"x-ti-app-id": app["app_id"], "x-ti-secret-code": app["secret_code"]})

    def call(self, method, endpoint, **options):
        response = self.session.request(method, f"{self.base_url}{API}/{endpoint}", timeout=30, **options)
        response.raise_for_status()
        body = response.json()
        if body["code"] != 200:
            raise RuntimeError(f"{endpoint}: {body}")
        return body["result"]


def seed(base_url, app):
    """Creates the objects; answers {field name: [ids of that name]}."""
    api = Api(base_url, app)
    workspace_id = api.call("POST", "workspace/create", json={"name": "schemathesis", "auth_scope": 0})["workspace_id"]
    category = json.loads((EXAMPLES / "invoice-category.json").read_text())
    with open(EXAMPLES / "invoice.txt", "rb") as sample:
        created = api.call(
            "POST",
            "category/create",
            data={
                "workspace_id": workspace_id,
                "name": category["name"],
                "extract_model": "Acgpt",
                "fields": json.dumps(category["fields"]),
                "tables": json.dumps(category["tables"]),
                "with_detail": "true",
            },
            files={"sample_files": ("invoice.txt", sample, "text/plain")},
        )
    category_id = created["category_id"]
    scope = {"workspace_id": workspace_id, "category_id": category_id}
    fields = api.call("GET", "category/fields/list", params=scope)
    samples = api.call("GET", "category/sample/list", params=scope)
    repo_id = api.call("POST", "review/rule_repo/create", json={"workspace_id": workspace_id, "name": "checks"})[
        "repo_id"
    ]
    group_id = api.call(
        "POST", "review/rule_group/create", json={"workspace_id": workspace_id, "repo_id": repo_id, "name": "amounts"}
    )["group_id"]
    rule_id = api.call(
        "POST",
        "review/rule/create",
        json={
            "workspace_id": workspace_id,
            "repo_id": repo_id,
            "group_id": group_id,
            "name": "both parties",
            "prompt": "The invoice names its seller and its buyer.",
            "expression": 'present(doc.Invoice.fields["Seller"]) && present(doc.Invoice.fields["Buyer"])',
        },
    )["rule_id"]
    with open(EXAMPLES / "invoice.txt", "rb") as invoice:
        # The sync form answers once the extraction has finished, so the review below has its input.
        uploaded = api.call(
            "POST",
            "file/upload/sync",
            params={"workspace_id": workspace_id, "category": category["name"]},
            files={"file": ("invoice.txt", invoice, "text/plain")},
        )
    file = uploaded["files"][0]
    review_task_id = api.call(
        "POST",
        "review/task/submit",
        json={"workspace_id": workspace_id, "name": "schemathesis", "repo_id": repo_id, "extract_task_ids": [file["task_id"]]},
    )["task_id"]
    # Rule tasks exist once a worker has planned the review; none yet is fine.
    result = api.call("POST", "review/task/result", json={"workspace_id": workspace_id, "task_id": review_task_id})
    rule_task_ids = [rule["rule_task_id"] for group in result.get("groups") or [] for rule in group.get("review_tasks") or []]

    ids = {
        "workspace_id": [workspace_id],
        "category_id": [category_id],
        "category": [category["name"]],
        "field_id": [field["id"] for field in fields.get("fields") or []],
        "table_id": [table["id"] for table in fields.get("tables") or []],
        "sample_id": [sample["sample_id"] for sample in samples.get("samples") or []],
        "repo_id": [repo_id],
        "group_id": [group_id],
        "rule_id": [rule_id],
        "file_id": [file["id"]],
        "batch_number": [file["batch_number"]],
        # Extraction tasks (file/*) and review tasks (review/task/*) share the name.
        "task_id": [file["task_id"], review_task_id],
        "rule_task_id": rule_task_ids,
    }
    return {name: values for name, values in ids.items() if values}


def config_toml(ids):
    """A schemathesis.toml binding every query parameter and body field (at the
    top level and one array level down) of a seeded name to its dictionary."""
    lines = ["[parameters]"]
    for name in ids:
        for key in (f"query.{name}", f"body.{name}", f"body.[*].{name}"):
            lines.append(f'"{key}" = {{ dictionary = "{name}", probability = {PROBABILITY} }}')
    for name, values in ids.items():
        lines.append("")
        lines.append(f"[dictionaries.{name}]")
        lines.append(f"values = {json.dumps([str(value) for value in values])}")
    return "\n".join(lines) + "\n"
