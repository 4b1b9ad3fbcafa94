import pytest
from docflow import AuthenticationError, AuthScope, ValidationError

MISSING_ID = "987654321987654321"
INVALID = "400"


@pytest.fixture
def repo_id(client, workspace_id):
    return client.review.create_repo(workspace_id=workspace_id, name="errors").repo_id


@pytest.fixture
def group_id(client, workspace_id, repo_id):
    return client.review.create_group(workspace_id=workspace_id, repo_id=repo_id, name="g").group_id


@pytest.fixture
def rule_id(client, workspace_id, repo_id, group_id):
    return client.review.create_rule(
        workspace_id=workspace_id, repo_id=repo_id, group_id=group_id, name="rule", prompt="prompt"
    ).rule_id


@pytest.fixture
def create_rule(client, workspace_id, repo_id, group_id):
    def create(**fields):
        body = {"group_id": group_id, "name": "rule", "prompt": "prompt"}
        body.update(fields)
        return client.review.create_rule(workspace_id=workspace_id, repo_id=repo_id, **body)

    return create


def test_a_wrong_secret_is_an_authentication_error(make_client, apps):
    intruder = make_client(apps["alpha"]["app_id"], "not-the-secret")
    with pytest.raises(AuthenticationError):
        intruder.workspace.list()
    with pytest.raises(AuthenticationError):
        intruder.workspace.create(name="nope", auth_scope=0)


def test_an_unknown_app_is_an_authentication_error(make_client, apps):
    stranger = make_client("000000000000", apps["alpha"]["secret_code"])
    with pytest.raises(AuthenticationError):
        stranger.workspace.list()


def test_missing_credentials_are_an_authentication_error(make_client, apps, workspace_id):
    anonymous = make_client(apps["alpha"]["app_id"], apps["alpha"]["secret_code"])
    anonymous.set_credentials("", "")
    with pytest.raises(AuthenticationError):
        anonymous.workspace.list()
    with pytest.raises(AuthenticationError):
        anonymous.review.list_repos(workspace_id=workspace_id)


def test_the_enterprise_header_must_name_the_apps_own_enterprise(make_client, apps, enterprise_id, workspace_id):
    own = make_client(apps["alpha"]["app_id"], apps["alpha"]["secret_code"], enterprise_id=enterprise_id)
    assert workspace_id in [ws.workspace_id for ws in own.workspace.list(page_size=100).workspaces]

    foreign = make_client(apps["gamma"]["app_id"], apps["gamma"]["secret_code"], enterprise_id=enterprise_id)
    with pytest.raises(AuthenticationError):
        foreign.workspace.list()


def test_unknown_workspace_is_reported_as_not_found(client, api_error):
    with api_error("1005006000", "workspace"):
        client.workspace.get(MISSING_ID)
    with api_error("1005006000"):
        client.workspace.update(workspace_id=MISSING_ID, name="x", auth_scope=0)
    with api_error("1005006000"):
        client.review.create_repo(workspace_id=MISSING_ID, name="x")
    with api_error("1005006000"):
        client.review.list_repos(workspace_id=MISSING_ID)


def test_unknown_repo_is_reported_as_not_found(client, workspace_id, api_error):
    with api_error("1005030000", "repo"):
        client.review.get_repo(workspace_id=workspace_id, repo_id=MISSING_ID)
    with api_error("1005030000", "repo"):
        client.review.update_repo(workspace_id=workspace_id, repo_id=MISSING_ID, name="x")
    with api_error("1005030000", "repo"):
        client.review.create_group(workspace_id=workspace_id, repo_id=MISSING_ID, name="x")


def test_unknown_repo_of_a_new_rule_is_reported_as_not_found(client, workspace_id, group_id, api_error):
    with api_error("1005030000", "repo"):
        client.review.create_rule(
            workspace_id=workspace_id, repo_id=MISSING_ID, group_id=group_id, name="r", prompt="p"
        )


def test_unknown_group_is_reported_as_not_found(client, workspace_id, create_rule, api_error):
    with api_error("1005030001", "group"):
        client.review.update_group(workspace_id=workspace_id, group_id=MISSING_ID, name="x")
    with api_error("1005030001", "group"):
        client.review.delete_group(workspace_id=workspace_id, group_id=MISSING_ID)
    with api_error("1005030001", "group"):
        create_rule(group_id=MISSING_ID)


def test_unknown_rule_is_reported_as_not_found(client, workspace_id, api_error):
    with api_error("1005030002", "rule"):
        client.review.update_rule(workspace_id=workspace_id, rule_id=MISSING_ID, name="x")
    with api_error("1005030002", "rule"):
        client.review.delete_rule(workspace_id=workspace_id, rule_id=MISSING_ID)


def test_sdk_rejects_bad_workspace_fields_before_sending(client):
    before = client.workspace.list().total
    with pytest.raises(ValidationError):
        client.workspace.create(name="w" * 51, auth_scope=AuthScope.PRIVATE)
    with pytest.raises(ValidationError):
        client.workspace.create(name="ok", auth_scope=0, description="d" * 201)
    with pytest.raises(ValidationError):
        client.workspace.create(name="ok", auth_scope=2)
    assert client.workspace.list().total == before


def test_server_rejects_an_out_of_range_callback_retry_time(client, api_error):
    before = client.workspace.list().total
    with api_error(INVALID, "callback_retry_time"):
        client.workspace.create(name="retry", auth_scope=0, callback_retry_time=4)
    assert client.workspace.list().total == before


def test_repo_name_of_31_characters_is_invalid(client, workspace_id, repo_id, api_error):
    with api_error(INVALID, "name"):
        client.review.create_repo(workspace_id=workspace_id, name="x" * 31)
    with api_error(INVALID, "name"):
        client.review.update_repo(workspace_id=workspace_id, repo_id=repo_id, name="x" * 31)
    listing = client.review.list_repos(workspace_id=workspace_id)
    assert [r.name for r in listing.repos] == ["errors"]


def test_repo_without_a_name_is_invalid(client, workspace_id, api_error):
    with api_error(INVALID, "name"):
        client.review.create_repo(workspace_id=workspace_id, name=None)


def test_a_non_numeric_workspace_id_is_invalid(client, api_error):
    with api_error(INVALID, "workspace_id"):
        client.review.list_repos(workspace_id="abc")


def test_group_name_of_31_characters_is_invalid(client, workspace_id, repo_id, group_id, api_error):
    with api_error(INVALID, "name"):
        client.review.create_group(workspace_id=workspace_id, repo_id=repo_id, name="g" * 31)
    with api_error(INVALID, "name"):
        client.review.update_group(workspace_id=workspace_id, group_id=group_id, name="g" * 31)
    groups = client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id).groups
    assert [g.name for g in groups] == ["g"]


@pytest.mark.parametrize(
    "fields, named",
    [
        ({"risk_level": 15}, "risk_level"),
        ({"risk_level": "high"}, "risk_level"),
        ({"name": "n" * 51}, "name"),
        ({"name": None}, "name"),
        ({"prompt": "p" * 2001}, "prompt"),
        ({"prompt": None}, "prompt"),
        ({"group_id": None}, "group_id"),
        ({"category_ids": "1001"}, "category_ids"),
        ({"referenced_fields": "fields"}, "referenced_fields"),
    ],
)
def test_invalid_rule_fields_are_rejected_and_named(
    client, workspace_id, repo_id, create_rule, api_error, fields, named
):
    with api_error(INVALID, named):
        create_rule(**fields)
    groups = client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id).groups
    assert groups[0].rules == []


@pytest.mark.parametrize(
    "fields, named",
    [
        ({"risk_level": 15}, "risk_level"),
        ({"name": "n" * 51}, "name"),
        ({"prompt": "p" * 2001}, "prompt"),
        ({"category_ids": "1001"}, "category_ids"),
    ],
)
def test_invalid_rule_updates_are_rejected_and_change_nothing(
    client, workspace_id, repo_id, rule_id, api_error, fields, named
):
    with api_error(INVALID, named):
        client.review.update_rule(workspace_id=workspace_id, rule_id=rule_id, **fields)
    rule = client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id).groups[0].rules[0]
    assert (rule.name, rule.prompt, rule.risk_level, rule.category_ids) == ("rule", "prompt", 20, [])
