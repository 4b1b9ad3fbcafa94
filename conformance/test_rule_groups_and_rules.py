from pathlib import Path

import pytest

CATEGORY_NOT_FOUND = "1005010000"
GROUP_NOT_FOUND = "1005030001"
RULE_NOT_FOUND = "1005030002"

INVOICE_FIELDS = {
    "category_id": "1001",
    "category_name": "Invoice",
    "fields": [
        {"field_id": "2001", "field_name": "Total amount"},
        {"field_id": "2002", "field_name": "开票日期"},
    ],
    "tables": [
        {
            "table_id": "3001",
            "table_name": "Line items",
            "fields": [{"field_id": "3101", "field_name": "Unit price"}],
        }
    ],
}
CONTRACT_FIELDS = {
    "category_id": "1002",
    "category_name": "Contract",
    "fields": [{"field_id": "2101", "field_name": "Party A"}],
    "tables": [],
}


@pytest.fixture
def repo_id(client, workspace_id):
    return client.review.create_repo(workspace_id=workspace_id, name="rules").repo_id


@pytest.fixture
def group_id(client, workspace_id, repo_id):
    return client.review.create_group(workspace_id=workspace_id, repo_id=repo_id, name="main").group_id


@pytest.fixture
def repo(client, workspace_id, repo_id):
    return lambda: client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id)


@pytest.fixture
def rule(repo):
    def find(rule_id):
        matches = [r for g in repo().groups for r in g.rules if r.rule_id == rule_id]
        assert len(matches) == 1, f"rule {rule_id} appears {len(matches)} times"
        return matches[0]

    return find


@pytest.fixture
def add_rule(client, workspace_id, repo_id, group_id):
    def add(**fields):
        fields.setdefault("group_id", group_id)
        fields.setdefault("name", "Amount matches")
        fields.setdefault("prompt", "The total must equal the sum of the line items.")
        return client.review.create_rule(workspace_id=workspace_id, repo_id=repo_id, **fields).rule_id

    return add


def test_groups_come_back_in_creation_order_with_digit_string_ids(client, workspace_id, repo_id, repo):
    ids = [
        client.review.create_group(workspace_id=workspace_id, repo_id=repo_id, name=name).group_id
        for name in ("first", "second", "third")
    ]

    groups = repo().groups

    assert all(isinstance(i, str) and i.isdigit() for i in ids)
    assert [(g.group_id, g.name, g.rules) for g in groups] == [
        (ids[0], "first", []),
        (ids[1], "second", []),
        (ids[2], "third", []),
    ]


def test_update_group_renames_it(client, workspace_id, group_id, repo):
    client.review.update_group(workspace_id=workspace_id, group_id=group_id, name="renamed")
    assert [g.name for g in repo().groups] == ["renamed"]


def test_group_names_of_30_characters_are_accepted(client, workspace_id, repo_id, repo):
    client.review.create_group(workspace_id=workspace_id, repo_id=repo_id, name="g" * 30)
    assert repo().groups[0].name == "g" * 30


def test_delete_group_removes_it_and_its_rules(
    client, workspace_id, repo_id, group_id, add_rule, repo, api_error, new_category
):
    invoice, contract = new_category("Invoice"), new_category("Contract")
    keep = client.review.create_group(workspace_id=workspace_id, repo_id=repo_id, name="keep").group_id
    doomed_rules = [add_rule(name="a", category_ids=[invoice]), add_rule(name="b")]
    kept_rule = add_rule(group_id=keep, name="c", category_ids=[contract])

    client.review.delete_group(workspace_id=workspace_id, group_id=group_id)

    after = repo()
    assert [g.group_id for g in after.groups] == [keep]
    assert [r.rule_id for r in after.groups[0].rules] == [kept_rule]
    assert after.category_ids == [contract]
    for rule_id in doomed_rules:
        with api_error(RULE_NOT_FOUND):
            client.review.delete_rule(workspace_id=workspace_id, rule_id=rule_id)
    with api_error(GROUP_NOT_FOUND, "group"):
        client.review.update_group(workspace_id=workspace_id, group_id=group_id, name="x")


def test_create_rule_round_trips_every_field(add_rule, rule, new_category):
    sent = {
        "name": "Amount matches",
        "prompt": "合计金额必须等于明细之和。\nLine two.",
        "category_ids": [new_category("Invoice"), new_category("Contract")],
        "risk_level": 10,
        "referenced_fields": [INVOICE_FIELDS, CONTRACT_FIELDS],
    }
    rule_id = add_rule(**sent)

    got = rule(rule_id)

    assert isinstance(rule_id, str) and rule_id.isdigit()
    assert got.name == sent["name"]
    assert got.prompt == sent["prompt"]
    assert got.category_ids == sent["category_ids"]
    assert got.risk_level == 10
    assert got.referenced_fields == sent["referenced_fields"]


def test_a_rule_can_only_name_categories_of_its_workspace(client, workspace_id, add_rule, api_error, new_category):
    elsewhere = client.workspace.create(name=f"other-{workspace_id}", auth_scope=0).workspace_id
    foreign = client.category.create(
        workspace_id=elsewhere,
        name="Invoice",
        extract_model="Acgpt",
        sample_files=[str(Path(__file__).resolve().parent.parent / "examples" / "invoice.txt")],
        fields=[{"name": "Total"}],
    ).category_id
    for category_ids in ([foreign], ["1"], [str(2**63 - 1)]):
        with api_error(CATEGORY_NOT_FOUND, category_ids[0], "not found"):
            add_rule(category_ids=category_ids)
    own = new_category("Invoice")
    rule_id = add_rule(category_ids=[own])
    with api_error(CATEGORY_NOT_FOUND, foreign):
        client.review.update_rule(workspace_id=workspace_id, rule_id=rule_id, category_ids=[foreign])


def test_rule_defaults_to_medium_risk_and_empty_lists(add_rule, rule):
    got = rule(add_rule())
    assert got.risk_level == 20
    assert got.category_ids == []
    assert got.referenced_fields == []


@pytest.mark.parametrize("level", [10, 20, 30])
def test_every_documented_risk_level_is_accepted(add_rule, rule, level):
    assert rule(add_rule(risk_level=level)).risk_level == level


def test_rule_limits_are_inclusive(add_rule, rule):
    got = rule(add_rule(name="n" * 50, prompt="p" * 2000))
    assert (got.name, got.prompt) == ("n" * 50, "p" * 2000)


def test_rules_come_back_in_creation_order_under_their_group(
    client, workspace_id, repo_id, group_id, add_rule, repo
):
    other = client.review.create_group(workspace_id=workspace_id, repo_id=repo_id, name="other").group_id
    r1 = add_rule(name="one")
    r2 = add_rule(name="two", group_id=other)
    r3 = add_rule(name="three")

    groups = repo().groups

    assert [[r.rule_id for r in g.rules] for g in groups] == [[r1, r3], [r2]]
    assert [r.name for r in groups[0].rules] == ["one", "three"]


def test_update_with_only_a_name_keeps_everything_else(cat, client, workspace_id, add_rule, rule):
    rule_id = add_rule(category_ids=[cat("1001")], risk_level=30, referenced_fields=[INVOICE_FIELDS])

    client.review.update_rule(workspace_id=workspace_id, rule_id=rule_id, name="Renamed")

    got = rule(rule_id)
    assert got.name == "Renamed"
    assert got.prompt == "The total must equal the sum of the line items."
    assert got.category_ids == [cat("1001")]
    assert got.risk_level == 30
    assert got.referenced_fields == [INVOICE_FIELDS]


def test_update_replaces_the_given_fields(cat, client, workspace_id, add_rule, rule):
    rule_id = add_rule(category_ids=[cat("1001")], risk_level=30, referenced_fields=[INVOICE_FIELDS])

    client.review.update_rule(
        workspace_id=workspace_id,
        rule_id=rule_id,
        prompt="new prompt",
        category_ids=[cat("1002"), cat("1003")],
        risk_level=10,
        referenced_fields=[CONTRACT_FIELDS],
    )

    got = rule(rule_id)
    assert (got.name, got.prompt, got.risk_level) == ("Amount matches", "new prompt", 10)
    assert got.category_ids == [cat("1002"), cat("1003")]
    assert got.referenced_fields == [CONTRACT_FIELDS]


def test_update_with_empty_lists_clears_them(cat, client, workspace_id, add_rule, rule, repo):
    rule_id = add_rule(category_ids=[cat("1001")], referenced_fields=[INVOICE_FIELDS])

    client.review.update_rule(workspace_id=workspace_id, rule_id=rule_id, category_ids=[], referenced_fields=[])

    got = rule(rule_id)
    assert got.category_ids == []
    assert got.referenced_fields == []
    assert repo().category_ids == []


def test_update_moves_a_rule_to_another_group_of_the_repo(
    cat, client, workspace_id, repo_id, group_id, add_rule, rule, repo
):
    target = client.review.create_group(workspace_id=workspace_id, repo_id=repo_id, name="target").group_id
    rule_id = add_rule(category_ids=[cat("5")])

    client.review.update_rule(workspace_id=workspace_id, rule_id=rule_id, group_id=target)

    groups = {g.group_id: [r.rule_id for r in g.rules] for g in repo().groups}
    assert groups == {group_id: [], target: [rule_id]}
    assert rule(rule_id).category_ids == [cat("5")]


def test_a_rule_cannot_join_a_group_of_another_repo(client, workspace_id, add_rule, rule, group_id, api_error):
    other_repo = client.review.create_repo(workspace_id=workspace_id, name="other").repo_id
    foreign = client.review.create_group(workspace_id=workspace_id, repo_id=other_repo, name="f").group_id
    rule_id = add_rule()

    with api_error(GROUP_NOT_FOUND):
        add_rule(group_id=foreign)
    with api_error(GROUP_NOT_FOUND):
        client.review.update_rule(workspace_id=workspace_id, rule_id=rule_id, group_id=foreign)
    assert [g.rules for g in client.review.get_repo(workspace_id=workspace_id, repo_id=other_repo).groups] == [[]]
    assert rule(rule_id).rule_id == rule_id


def test_delete_rule_removes_only_that_rule(cat, client, workspace_id, add_rule, repo, api_error):
    gone = add_rule(name="gone", category_ids=[cat("1")])
    kept = add_rule(name="kept", category_ids=[cat("2")])

    client.review.delete_rule(workspace_id=workspace_id, rule_id=gone)

    after = repo()
    assert [r.rule_id for r in after.groups[0].rules] == [kept]
    assert after.category_ids == [cat("2")]
    with api_error(RULE_NOT_FOUND, "rule"):
        client.review.update_rule(workspace_id=workspace_id, rule_id=gone, name="back")


def test_ids_sent_as_integers_are_accepted(client, workspace_id, repo_id, repo, rule):
    group_id = client.review.create_group(workspace_id=workspace_id, repo_id=int(repo_id), name="int").group_id
    rule_id = client.review.create_rule(
        workspace_id=workspace_id, repo_id=int(repo_id), group_id=int(group_id), name="int", prompt="p"
    ).rule_id
    client.review.update_group(workspace_id=workspace_id, group_id=int(group_id), name="int renamed")
    client.review.update_rule(workspace_id=workspace_id, rule_id=int(rule_id), risk_level=30)

    assert repo().groups[0].name == "int renamed"
    assert rule(rule_id).risk_level == 30

    client.review.delete_rule(workspace_id=workspace_id, rule_id=int(rule_id))
    client.review.delete_group(workspace_id=workspace_id, group_id=int(group_id))
    assert repo().groups == []


def test_workspace_context_manages_groups_and_rules(cat, client, workspace_id, api_error):
    ws = client.workspace(workspace_id).review
    repo_id = ws.create_repo(name="ctx").repo_id
    group_id = ws.create_group(repo_id=repo_id, name="ctx group").group_id
    spare = ws.create_group(repo_id=repo_id, name="spare").group_id

    rule_id = ws.create_rule(
        repo_id=int(repo_id),
        group_id=group_id,
        name="ctx rule",
        prompt="ctx prompt",
        category_ids=[cat("42")],
        risk_level=30,
        referenced_fields=[CONTRACT_FIELDS],
    ).rule_id
    ws.update_group(group_id=group_id, name="ctx group renamed")
    ws.update_rule(rule_id=rule_id, group_id=spare, prompt="moved")

    repo = ws.get_repo(repo_id)
    assert [(g.name, [r.rule_id for r in g.rules]) for g in repo.groups] == [
        ("ctx group renamed", []),
        ("spare", [rule_id]),
    ]
    moved = repo.groups[1].rules[0]
    assert (moved.name, moved.prompt, moved.category_ids, moved.risk_level) == ("ctx rule", "moved", [cat("42")], 30)
    assert moved.referenced_fields == [CONTRACT_FIELDS]

    ws.delete_rule(rule_id=rule_id)
    ws.delete_group(group_id=group_id)
    assert [(g.group_id, g.rules) for g in ws.get_repo(repo_id).groups] == [(spare, [])]
    with api_error(RULE_NOT_FOUND):
        ws.delete_rule(rule_id=rule_id)
    with api_error(GROUP_NOT_FOUND):
        ws.delete_group(group_id=group_id)


def test_groups_and_rules_are_scoped_to_their_workspace(
    client, workspace_id, group_id, add_rule, unique, api_error
):
    other = client.workspace.create(name=unique(), auth_scope=0).workspace_id
    rule_id = add_rule()

    with api_error(GROUP_NOT_FOUND):
        client.review.update_group(workspace_id=other, group_id=group_id, name="x")
    with api_error(GROUP_NOT_FOUND):
        client.review.delete_group(workspace_id=other, group_id=group_id)
    with api_error(RULE_NOT_FOUND):
        client.review.update_rule(workspace_id=other, rule_id=rule_id, name="x")
    with api_error(RULE_NOT_FOUND):
        client.review.delete_rule(workspace_id=other, rule_id=rule_id)


def test_another_enterprise_cannot_touch_groups_or_rules(
    client, outsider_client, workspace_id, group_id, add_rule, rule, api_error
):
    rule_id = add_rule()
    client.workspace.update(workspace_id=workspace_id, name="public now", auth_scope=1)

    with api_error("1005006000"):
        outsider_client.review.update_group(workspace_id=workspace_id, group_id=group_id, name="x")
    with api_error("1005006000"):
        outsider_client.review.delete_rule(workspace_id=workspace_id, rule_id=rule_id)
    assert rule(rule_id).name == "Amount matches"
