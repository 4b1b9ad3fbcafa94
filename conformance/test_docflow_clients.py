"""What DocFlow users bring along, through the SDK alone: imported DocFlow
results reviewed by category-scoped rules, rules whose expression is a
```cel block in the prompt (the SDK cannot send `expression`), file/update
fields named by `name` as in the SDK's own examples, the model a task
reports, and anchors that always carry a box on a 0-based page."""

import json
import time
from pathlib import Path

import pytest
from docflow import RecognitionStatus

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DOCFLOW_RESULT = json.loads((EXAMPLES / "invoice-result.json").read_text())
TIMEOUT = 30
POLL_INTERVAL = 0.05
PASSED, ERROR, NOT_PASSED = 1, 2, 4
FINAL = {1, 2, 4, 7}


def cel_rule(text, expression):
    return f"{text}\n```cel\n{expression}\n```"


@pytest.fixture
def import_result(client, workspace_id, tmp_path):
    """Uploads a DocFlow FileResult as JSON; waits for it; returns its file."""

    def send(result=DOCFLOW_RESULT, **options):
        path = tmp_path / "result.json"
        path.write_text(json.dumps(result))
        task_id = client.file.upload(workspace_id=workspace_id, file_path=str(path), **options).files[0].task_id
        deadline = time.monotonic() + TIMEOUT
        while True:
            file = client.file.fetch(workspace_id=workspace_id, task_id=task_id).files[0]
            if file.recognition_status in (RecognitionStatus.SUCCESS, RecognitionStatus.FAILED):
                return file
            assert time.monotonic() < deadline, f"import {task_id} unfinished"
            time.sleep(POLL_INTERVAL)

    return send


@pytest.fixture
def rules(client, workspace_id):
    repo_id = client.review.create_repo(workspace_id=workspace_id, name="Checks").repo_id
    group_id = client.review.create_group(workspace_id=workspace_id, repo_id=repo_id, name="Amounts").group_id

    def add(name, prompt, **fields):
        return client.review.create_rule(
            workspace_id=workspace_id, repo_id=repo_id, group_id=group_id, name=name, prompt=prompt, **fields
        ).rule_id

    add.repo_id = repo_id
    return add


@pytest.fixture
def review(client, workspace_id, rules):
    """Reviews extraction tasks with the repository's rules; returns (submitted, result)."""

    def run(task_ids, **options):
        submitted = client.review.submit_task(
            workspace_id=workspace_id, name="check", repo_id=rules.repo_id, extract_task_ids=task_ids, **options
        )
        deadline = time.monotonic() + TIMEOUT
        while True:
            result = client.review.get_task_result(workspace_id=workspace_id, task_id=submitted["task_id"])
            if result["status"] in FINAL:
                return submitted, result
            assert time.monotonic() < deadline, f"review still {result['status']}"
            time.sleep(POLL_INTERVAL)

    return run


def tasks_by_rule(result):
    return {task["rule_id"]: task for group in result["groups"] for task in group["review_tasks"]}


def test_an_imported_invoice_triggers_invoice_rules_and_is_judged_on_its_values(
    invoice_category_id, import_result, rules, review
):
    net_over_700 = rules(
        "Net over 700",
        cel_rule("The net amount is over 700.", 'money(doc.Invoice.fields["Net Amount"]) > 700.0'),
        category_ids=[invoice_category_id],
    )
    net_over_1000 = rules(
        "Net over 1000",
        cel_rule("The net amount is over 1000.", 'money(doc.Invoice.fields["Net Amount"]) > 1000.0'),
        category_ids=[invoice_category_id],
    )
    by_upload = import_result(category="Invoice")
    by_its_own = import_result()
    assert by_upload.category == by_its_own.category == "Invoice"

    for file in (by_upload, by_its_own):
        _, result = review([file.task_id])
        assert result["statistics"]["not_triggered_count"] == 0, result
        verdicts = {rule_id: task["review_result"] for rule_id, task in tasks_by_rule(result).items()}
        assert verdicts == {net_over_700: PASSED, net_over_1000: NOT_PASSED}, result


def test_a_cel_block_gives_a_deterministic_verdict_with_anchors_on_their_page(
    invoice_category_id, import_result, rules, review
):
    rule_id = rules(
        "Seller and buyer",
        cel_rule("Both parties are named.", 'present(doc.Invoice.fields["Seller"]) && present(doc.Invoice.fields["Buyer"])'),
    )
    file = import_result(category="Invoice")

    _, first = review([file.task_id])
    _, second = review([file.task_id])

    task = tasks_by_rule(first)[rule_id]
    assert task["review_result"] == PASSED, task
    assert (task["reasoning"], task["anchors"]) == (
        tasks_by_rule(second)[rule_id]["reasoning"],
        tasks_by_rule(second)[rule_id]["anchors"],
    )
    positions = {f["key"]: f["position"][0] for f in DOCFLOW_RESULT["data"]["fields"]}
    assert [a["field_name"] for a in task["anchors"]] == ["Seller", "Buyer"], task
    for anchor in task["anchors"]:
        assert task["reasoning"][anchor["start_pos"] : anchor["end_pos"]] == anchor["text"]
        assert len(anchor["vertices"]) == 8 and all(isinstance(v, int) for v in anchor["vertices"])
        # Pages are numbered as in the extraction data: the index into `pages`, from 0.
        assert (anchor["page"], anchor["vertices"]) == (
            positions[anchor["field_name"]]["page"],
            positions[anchor["field_name"]]["vertices"],
        )


def test_a_broken_cel_block_is_refused_when_the_rule_is_saved(client, workspace_id, rules, api_error):
    with api_error("400", "prompt", "```cel"):
        rules("Broken", cel_rule("Nothing.", 'money(doc.Invoice.fields["Total"] >'))


def test_a_value_without_a_box_is_named_but_not_anchored(invoice_category_id, import_result, rules, review):
    unplaced = json.loads(json.dumps(DOCFLOW_RESULT))
    for field in unplaced["data"]["fields"]:
        if field["key"] == "Net Amount":
            field["position"] = []
    rule_id = rules("Net", cel_rule("Net over 700.", 'money(doc.Invoice.fields["Net Amount"]) > 700.0'))
    file = import_result(unplaced, category="Invoice")

    _, result = review([file.task_id])

    task = tasks_by_rule(result)[rule_id]
    assert task["review_result"] == PASSED and "795.00" in task["reasoning"], task
    assert task["anchors"] == [], task


def test_file_update_takes_fields_named_by_name_as_the_sdk_examples_send_them(
    client, workspace_id, invoice_category_id, import_result
):
    file = import_result(category="Invoice")
    data = {"fields": [{"name": "Invoice Number", "value": "INV-2026-001"}, {"name": "Total Amount", "value": "1288.00"}]}

    client.file.update(workspace_id=workspace_id, file_id=file.id, data=data)

    fields = client.file.fetch(workspace_id=workspace_id, file_id=file.id).files[0].data["fields"]
    assert [(f["key"], f["value"]) for f in fields] == [("Invoice Number", "INV-2026-001"), ("Total Amount", "1288.00")]


@pytest.mark.parametrize(
    ("requested", "reported"),
    [("deepseek-r1", "deepseek-v4-pro"), ("qwq-32b", "qwen3.6-plus"), ("qwen3-max", "qwen3.7-max"), ("ORM-O1", "ORM-O1")],
)
def test_the_model_reported_is_the_one_in_use_with_deprecated_names_replaced(
    requested, reported, invoice_category_id, import_result, rules, review
):
    rules("Always", cel_rule("Always passes.", "true"))
    file = import_result(category="Invoice")

    submitted, result = review([file.task_id], model=requested)

    assert submitted["model"] == result["model"] == reported
