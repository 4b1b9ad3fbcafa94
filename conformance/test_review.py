"""Review tasks: submit, result, retry, rule retry and delete, through the SDK.

The SDK's create_rule/update_rule take no `expression` (docreview's extension)
and pass no extra fields through, so every rule here is judged without one: it
ends as an error (review_result 2) saying no model is configured.
"""

import time
from pathlib import Path

import pytest
from docflow import APIError, RecognitionStatus

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MISSING_ID = "987654321987654321"
FILE_NOT_FOUND = "1005016000"
REPO_NOT_FOUND = "1005030000"
TASK_NOT_FOUND = "1005040000"
RULE_NOT_IN_TASK = "1005040001"
# The SDK converts the envelope code to str only on HTTP 200; a 429 keeps the number.
TOO_MANY_REQUESTS = 42900
TIMEOUT = 30
POLL_INTERVAL = 0.05
EXTRACTED = {RecognitionStatus.SUCCESS, RecognitionStatus.FAILED}
PASSED, ERROR, NOT_PASSED, INPUT_FAILED = 1, 2, 4, 7
REVIEWED = {PASSED, ERROR, NOT_PASSED, INPUT_FAILED}
NO_MODEL = "no model is configured"
CORRECTION = {
    "fields": [
        {"key": "Total", "value": "EUR 9,999.00", "position": [{"page": 0, "vertices": [1, 2, 30, 2, 30, 12, 1, 12]}]}
    ],
    "items": [],
}


@pytest.fixture
def upload(client, workspace_id, invoice_category_id):
    """Uploads the example invoice and returns its extraction task id."""

    def send(batch_number=None):
        uploaded = client.file.upload(
            workspace_id=workspace_id,
            category="Invoice",
            file_path=str(EXAMPLES / "invoice.txt"),
            batch_number=batch_number,
        )
        return uploaded.files[0].task_id

    return send


@pytest.fixture
def extracted(client, workspace_id):
    """Polls file/fetch until the extraction task has finished; returns the file."""

    def wait(task_id):
        deadline = time.monotonic() + TIMEOUT
        while True:
            file = client.file.fetch(workspace_id=workspace_id, task_id=task_id).files[0]
            if file.recognition_status in EXTRACTED:
                return file
            assert time.monotonic() < deadline, f"extraction {task_id} unfinished after {TIMEOUT} s"
            time.sleep(POLL_INTERVAL)

    return wait


@pytest.fixture
def repo_id(client, workspace_id):
    return client.review.create_repo(workspace_id=workspace_id, name="Checks").repo_id


@pytest.fixture
def group_id(client, workspace_id, repo_id):
    return client.review.create_group(workspace_id=workspace_id, repo_id=repo_id, name="Amounts").group_id


@pytest.fixture
def add_rule(client, workspace_id, repo_id, group_id):
    def add(name, **fields):
        fields.setdefault("group_id", group_id)
        fields.setdefault("prompt", f"Check: {name}")
        return client.review.create_rule(workspace_id=workspace_id, repo_id=repo_id, name=name, **fields).rule_id

    return add


@pytest.fixture
def submit(client, workspace_id, repo_id):
    def send(name="Q3 invoices", **inputs):
        inputs.setdefault("repo_id", repo_id)
        return client.review.submit_task(workspace_id=workspace_id, name=name, **inputs)

    return send


@pytest.fixture
def reviewed(client, workspace_id):
    """Polls review/task/result until the task has finished; returns the result."""

    def wait(task_id):
        deadline = time.monotonic() + TIMEOUT
        while True:
            result = client.review.get_task_result(workspace_id=workspace_id, task_id=task_id)
            if result["status"] in REVIEWED:
                return result
            assert time.monotonic() < deadline, f"review {task_id} still {result['status']} after {TIMEOUT} s"
            time.sleep(POLL_INTERVAL)

    return wait


@pytest.fixture
def one_invoice_review(upload, add_rule, submit, reviewed):
    """One extracted invoice reviewed by two rules; returns (task_id, [rule ids], result)."""
    extract_task_id = upload()
    rules = [add_rule("Total above 900"), add_rule("Tax matches")]
    task_id = submit(extract_task_ids=[extract_task_id])["task_id"]
    return task_id, rules, reviewed(task_id)


def rule_tasks(result):
    return [task for group in result["groups"] for task in group["review_tasks"]]


def verdicts(result):
    return {task["rule_name"]: task["review_result"] for task in rule_tasks(result)}


def statistics(passed=0, failed=0, errors=0, not_triggered=0):
    return {
        "pass_count": passed,
        "failure_count": failed,
        "error_count": errors,
        "not_triggered_count": not_triggered,
    }


def assert_anchors_point_into_reasoning(task):
    for anchor in task["anchors"]:
        assert task["reasoning"][anchor["start_pos"] : anchor["end_pos"]] == anchor["text"], (anchor, task)
        assert len(anchor["vertices"]) == 8, anchor


def test_submit_by_batch_number_reviews_every_file_of_the_batch(upload, add_rule, submit, reviewed, repo_id):
    in_batch = sorted([upload(batch_number="B1"), upload(batch_number="B1")])
    upload(batch_number="B2")
    add_rule("Total above 900")

    submitted = submit(batch_number="B1")
    result = reviewed(submitted["task_id"])

    assert isinstance(submitted["task_id"], str) and submitted["task_id"].isdigit(), submitted
    assert "model" in submitted, submitted
    assert result["task_id"] == submitted["task_id"]
    assert result["task_name"] == "Q3 invoices"
    assert result["rule_repo"] == {"repo_id": repo_id, "name": "Checks"}
    assert sorted(result["extract_task_ids"]) == in_batch


def test_submit_by_extract_task_ids_reviews_only_those_tasks(upload, add_rule, submit, reviewed):
    chosen = upload(batch_number="B1")
    upload(batch_number="B1")
    add_rule("Total above 900")

    result = reviewed(submit(extract_task_ids=[chosen])["task_id"])

    assert result["extract_task_ids"] == [chosen]


def test_result_lists_every_triggered_rule_under_its_group_with_statistics(
    client, workspace_id, repo_id, group_id, upload, add_rule, submit, reviewed
):
    second = client.review.create_group(workspace_id=workspace_id, repo_id=repo_id, name="Parties").group_id
    r1 = add_rule("Total above 900", risk_level=10, prompt="The total must exceed 900.")
    r2 = add_rule("Seller present", group_id=second)
    r3 = add_rule("Tax matches", risk_level=30)
    extract_task_id = upload()

    result = reviewed(submit(extract_task_ids=[extract_task_id])["task_id"])

    assert result["status"] == ERROR, result
    assert result["statistics"] == statistics(errors=3), result
    assert [(g["group_id"], g["group_name"]) for g in result["groups"]] == [(group_id, "Amounts"), (second, "Parties")]
    assert [[t["rule_id"] for t in g["review_tasks"]] for g in result["groups"]] == [[r1, r3], [r2]]
    first = result["groups"][0]["review_tasks"][0]
    assert (first["rule_name"], first["risk_level"], first["prompt"]) == (
        "Total above 900",
        10,
        "The total must exceed 900.",
    )
    assert result["groups"][0]["review_tasks"][1]["risk_level"] == 30
    rule_task_ids = [t["rule_task_id"] for t in rule_tasks(result)]
    assert len(set(rule_task_ids)) == 3 and all(isinstance(i, str) and i.isdigit() for i in rule_task_ids)
    for task in rule_tasks(result):
        assert task["review_result"] == ERROR, task
        assert NO_MODEL in task["reasoning"], task
        assert task["anchors"] == [], task
    assert "model" in result


@pytest.fixture
def contract_category_id(new_category):
    """A second category of the workspace, which the example invoice is not."""
    return new_category("Contract")


def test_a_rule_naming_a_category_the_documents_lack_is_not_triggered(
    invoice_category_id, contract_category_id, upload, add_rule, submit, reviewed
):
    triggered = add_rule("Invoices only", category_ids=[invoice_category_id])
    add_rule("Contracts only", category_ids=[contract_category_id])
    add_rule("Invoices and contracts", category_ids=[invoice_category_id, contract_category_id])
    extract_task_id = upload()

    result = reviewed(submit(extract_task_ids=[extract_task_id])["task_id"])

    assert [t["rule_id"] for t in rule_tasks(result)] == [triggered]
    assert result["statistics"] == statistics(errors=1, not_triggered=2), result
    assert result["status"] == ERROR


def test_a_task_none_of_whose_rules_is_triggered_passes(upload, contract_category_id, add_rule, submit, reviewed):
    add_rule("Contracts only", category_ids=[contract_category_id])
    extract_task_id = upload()

    result = reviewed(submit(extract_task_ids=[extract_task_id])["task_id"])

    assert result["status"] == PASSED, result
    assert result["statistics"] == statistics(not_triggered=1), result
    assert all(g["review_tasks"] == [] for g in result["groups"]), result


def test_every_anchor_points_into_its_reasoning(one_invoice_review):
    _, _, result = one_invoice_review
    assert len(rule_tasks(result)) == 2
    for task in rule_tasks(result):
        assert_anchors_point_into_reasoning(task)


def test_retry_plans_again_from_the_current_rules(
    client, workspace_id, one_invoice_review, contract_category_id, add_rule, reviewed
):
    task_id, (kept, dropped), _ = one_invoice_review
    added = add_rule("Seller present")
    client.review.delete_rule(workspace_id=workspace_id, rule_id=dropped)
    untriggered = add_rule("Contracts only", category_ids=[contract_category_id])

    client.review.retry_task(workspace_id=workspace_id, task_id=task_id)
    result = reviewed(task_id)

    assert [t["rule_id"] for t in rule_tasks(result)] == [kept, added], result
    assert untriggered not in [t["rule_id"] for t in rule_tasks(result)]
    assert result["statistics"] == statistics(errors=2, not_triggered=1), result


def test_retry_after_a_rules_categories_changed_gives_the_new_verdict(
    client, workspace_id, one_invoice_review, contract_category_id, reviewed
):
    task_id, (first, second), before = one_invoice_review
    assert before["statistics"] == statistics(errors=2)
    client.review.update_rule(workspace_id=workspace_id, rule_id=second, category_ids=[contract_category_id])

    client.review.retry_task(workspace_id=workspace_id, task_id=task_id)
    result = reviewed(task_id)

    assert [t["rule_id"] for t in rule_tasks(result)] == [first]
    assert result["statistics"] == statistics(errors=1, not_triggered=1), result


def test_retry_after_a_file_update_reviews_the_updated_extraction(
    client, workspace_id, upload, extracted, add_rule, submit, reviewed
):
    extract_task_id = upload()
    add_rule("Total above 900")
    task_id = submit(extract_task_ids=[extract_task_id])["task_id"]
    reviewed(task_id)
    file = extracted(extract_task_id)
    client.file.update(workspace_id=workspace_id, file_id=file.id, data=CORRECTION)

    client.review.retry_task(workspace_id=workspace_id, task_id=task_id)
    result = reviewed(task_id)

    # Without an expression the verdict cannot depend on the fields; the retry
    # must still run over the same, updated extraction task.
    assert result["extract_task_ids"] == [extract_task_id]
    assert verdicts(result) == {"Total above 900": ERROR}
    assert NO_MODEL in rule_tasks(result)[0]["reasoning"]


def test_rule_retry_judges_one_rule_with_its_current_definition(
    client, workspace_id, one_invoice_review, reviewed
):
    task_id, (fixed, untouched), before = one_invoice_review
    old_untouched = rule_tasks(before)[1]
    for rule_id in (fixed, untouched):
        client.review.update_rule(
            workspace_id=workspace_id, rule_id=rule_id, name=f"renamed {rule_id}", prompt="new prompt", risk_level=30
        )

    client.review.retry_task_rule(workspace_id=workspace_id, task_id=task_id, rule_id=fixed)
    result = reviewed(task_id)

    retried, other = rule_tasks(result)
    assert retried["rule_task_id"] == rule_tasks(before)[0]["rule_task_id"]
    assert (retried["rule_name"], retried["prompt"], retried["risk_level"]) == (f"renamed {fixed}", "new prompt", 30)
    assert retried["review_result"] == ERROR and NO_MODEL in retried["reasoning"], retried
    assert other == old_untouched
    assert result["statistics"] == statistics(errors=2)


def test_rule_retry_of_a_rule_outside_the_task_is_refused(
    client, workspace_id, one_invoice_review, add_rule, api_error
):
    task_id, _, _ = one_invoice_review
    other_repo = client.review.create_repo(workspace_id=workspace_id, name="Other").repo_id
    other_group = client.review.create_group(workspace_id=workspace_id, repo_id=other_repo, name="g").group_id
    foreign = client.review.create_rule(
        workspace_id=workspace_id, repo_id=other_repo, group_id=other_group, name="Foreign", prompt="p"
    ).rule_id
    added_later = add_rule("Added after submit")

    with api_error(RULE_NOT_IN_TASK):
        client.review.retry_task_rule(workspace_id=workspace_id, task_id=task_id, rule_id=foreign)
    with api_error(RULE_NOT_IN_TASK):
        client.review.retry_task_rule(workspace_id=workspace_id, task_id=task_id, rule_id=added_later)


def test_a_deleted_task_can_be_neither_read_nor_retried(client, workspace_id, one_invoice_review, api_error):
    task_id, (rule_id, _), _ = one_invoice_review

    client.review.delete_task(workspace_id=workspace_id, task_ids=[task_id])

    with api_error(TASK_NOT_FOUND):
        client.review.get_task_result(workspace_id=workspace_id, task_id=task_id)
    with api_error(TASK_NOT_FOUND, "deleted"):
        client.review.retry_task(workspace_id=workspace_id, task_id=task_id)
    with api_error(TASK_NOT_FOUND, "deleted"):
        client.review.retry_task_rule(workspace_id=workspace_id, task_id=task_id, rule_id=rule_id)


def test_submit_with_an_unknown_repo_is_refused(upload, submit, api_error):
    extract_task_id = upload()
    with api_error(REPO_NOT_FOUND):
        submit(repo_id=MISSING_ID, extract_task_ids=[extract_task_id])


def test_submit_with_an_unknown_extraction_task_is_refused(add_rule, submit, api_error):
    add_rule("Total above 900")
    with api_error(FILE_NOT_FOUND):
        submit(extract_task_ids=[MISSING_ID])


def test_more_than_ten_retries_of_one_task_a_minute_are_throttled(client, workspace_id, one_invoice_review):
    task_id, _, _ = one_invoice_review
    for _ in range(10):
        client.review.retry_task(workspace_id=workspace_id, task_id=task_id)

    with pytest.raises(APIError) as info:
        client.review.retry_task(workspace_id=workspace_id, task_id=task_id)

    assert (info.value.status_code, info.value.code) == (429, TOO_MANY_REQUESTS), info.value
