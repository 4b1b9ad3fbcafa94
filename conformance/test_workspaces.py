import pytest
from docflow import APIError, AuthScope

NOT_FOUND = "1005006000"


def ids_in(listing):
    return [ws.workspace_id for ws in listing.workspaces]


def all_visible_ids(client):
    first = client.workspace.list(page=1, page_size=100)
    found = ids_in(first)
    page = 2
    while len(found) < first.total:
        found += ids_in(client.workspace.list(page=page, page_size=100))
        page += 1
    return found


def test_create_returns_a_digit_string_id(client, unique):
    created = client.workspace.create(name=unique(), auth_scope=AuthScope.PRIVATE)
    assert created.workspace_id.isdigit()


def test_get_returns_every_field_as_created(client, apps, unique):
    name = unique()
    workspace_id = client.workspace.create(
        name=name,
        auth_scope=AuthScope.PUBLIC,
        description="Invoices of the Paris office",
        callback_url="https://example.com/hook",
        callback_retry_time=2,
    ).workspace_id

    ws = client.workspace.get(workspace_id=workspace_id)

    assert ws.workspace_id == workspace_id
    assert ws.name == name
    assert ws.description == "Invoices of the Paris office"
    assert ws.auth_scope == 1
    assert ws.callback_url == "https://example.com/hook"
    assert ws.callback_retry_time == 2
    assert ws.manage_account_id == apps["alpha"]["app_id"]
    assert ws.manage_account_name == "Alpha App"


def test_names_at_the_limits_and_in_unicode_round_trip(client):
    for name in ["n" * 50, "发票审核空间" * 8 + "合同", "é"]:
        workspace_id = client.workspace.create(name=name, auth_scope=0).workspace_id
        assert client.workspace.get(workspace_id).name == name


def test_description_of_200_characters_is_accepted(client, unique):
    workspace_id = client.workspace.create(
        name=unique(), auth_scope=0, description="d" * 200
    ).workspace_id
    assert client.workspace.get(workspace_id).description == "d" * 200


def test_callback_retry_time_of_zero_is_accepted(client, unique):
    workspace_id = client.workspace.create(name=unique(), auth_scope=0, callback_retry_time=0).workspace_id
    assert client.workspace.get(workspace_id).callback_retry_time == 0


def test_update_changes_given_fields_and_keeps_absent_ones(client, unique):
    workspace_id = client.workspace.create(
        name=unique(),
        auth_scope=AuthScope.PRIVATE,
        description="before",
        callback_url="https://example.com/a",
        callback_retry_time=3,
    ).workspace_id

    client.workspace.update(workspace_id=workspace_id, name="renamed", auth_scope=AuthScope.PUBLIC)

    ws = client.workspace.get(workspace_id)
    assert ws.name == "renamed"
    assert ws.auth_scope == 1
    assert ws.description == "before"
    assert ws.callback_url == "https://example.com/a"
    assert ws.callback_retry_time == 3


def test_update_sets_description_and_callback(client, workspace_id):
    client.workspace.update(
        workspace_id=workspace_id,
        name="with callback",
        auth_scope=0,
        description="now described",
        callback_url="https://example.com/b",
        callback_retry_time=1,
    )

    ws = client.workspace.get(workspace_id)
    assert (ws.name, ws.description) == ("with callback", "now described")
    assert (ws.callback_url, ws.callback_retry_time) == ("https://example.com/b", 1)


def test_workspace_context_gets_updates_and_deletes(client, workspace_id, api_error):
    ws = client.workspace(workspace_id)

    ws.update(name="context name", auth_scope=AuthScope.PUBLIC, description="ctx")
    detail = ws.get()
    assert (detail.workspace_id, detail.name, detail.description) == (workspace_id, "context name", "ctx")

    ws.delete()
    with api_error(NOT_FOUND):
        ws.get()


def test_delete_removes_several_workspaces_at_once(client, unique, api_error):
    first = client.workspace.create(name=unique(), auth_scope=0).workspace_id
    second = client.workspace.create(name=unique(), auth_scope=1).workspace_id

    client.workspace.delete(workspace_ids=[first, second])

    for workspace_id in (first, second):
        with api_error(NOT_FOUND):
            client.workspace.get(workspace_id)
    assert not {first, second} & set(all_visible_ids(client))


def test_delete_cascades_to_rule_repos(client, workspace_id):
    repo_id = client.review.create_repo(workspace_id=workspace_id, name="doomed").repo_id
    client.review.create_group(workspace_id=workspace_id, repo_id=repo_id, name="g")

    client.workspace.delete(workspace_ids=[workspace_id])

    with pytest.raises(APIError) as info:
        client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id)
    assert info.value.code in {NOT_FOUND, "1005030000"}


def test_list_echoes_paging_and_includes_full_workspace_objects(client, apps, unique):
    name = unique()
    workspace_id = client.workspace.create(name=name, auth_scope=0, description="listed").workspace_id

    listing = client.workspace.list()

    assert (listing.page, listing.page_size) == (1, 20)
    assert listing.total >= 1
    assert listing.workspaces[0].workspace_id == workspace_id
    ws = listing.workspaces[0]
    assert (ws.name, ws.description, ws.auth_scope) == (name, "listed", 0)
    assert ws.manage_account_id == apps["alpha"]["app_id"]
    assert ws.manage_account_name == "Alpha App"


def test_list_pages_newest_first_without_overlap(client, unique):
    created = [client.workspace.create(name=unique(), auth_scope=0).workspace_id for _ in range(5)]
    newest_first = created[::-1]

    page1 = client.workspace.list(page=1, page_size=2)
    page2 = client.workspace.list(page=2, page_size=2)
    page3 = client.workspace.list(page=3, page_size=2)

    assert (page1.page, page1.page_size, page2.page, page3.page) == (1, 2, 2, 3)
    assert page1.total == page2.total == page3.total >= 5
    assert ids_in(page1) == newest_first[:2]
    assert ids_in(page2) == newest_first[2:4]
    assert ids_in(page3)[0] == newest_first[4]
    everything = all_visible_ids(client)
    assert len(everything) == len(set(everything)) == page1.total


def test_list_past_the_last_page_is_empty(client, workspace_id):
    total = client.workspace.list().total
    beyond = client.workspace.list(page=total + 1, page_size=1)
    assert beyond.workspaces == []
    assert beyond.total == total


def test_iter_walks_every_visible_workspace(client, workspace_id):
    walked = [ws.workspace_id for ws in client.workspace.iter(page_size=3)]
    assert workspace_id in walked
    assert sorted(walked) == sorted(all_visible_ids(client))


def test_private_workspace_is_invisible_to_another_app_of_the_enterprise(
    client, peer_client, workspace_id, api_error
):
    with api_error(NOT_FOUND):
        peer_client.workspace.get(workspace_id)
    assert workspace_id not in all_visible_ids(peer_client)
    assert workspace_id in all_visible_ids(client)


def test_public_workspace_is_visible_to_another_app_of_the_enterprise(
    client, peer_client, apps, unique
):
    name = unique()
    workspace_id = client.workspace.create(name=name, auth_scope=AuthScope.PUBLIC).workspace_id

    ws = peer_client.workspace.get(workspace_id)

    assert (ws.name, ws.auth_scope) == (name, 1)
    assert ws.manage_account_id == apps["alpha"]["app_id"]
    assert ws.manage_account_name == "Alpha App"
    assert workspace_id in all_visible_ids(peer_client)


def test_peer_app_sees_its_own_private_workspace_but_the_owner_does_not(
    client, peer_client, apps, unique, api_error
):
    workspace_id = peer_client.workspace.create(name=unique(), auth_scope=0).workspace_id

    assert peer_client.workspace.get(workspace_id).manage_account_name == "Beta App"
    assert peer_client.workspace.get(workspace_id).manage_account_id == apps["beta"]["app_id"]
    with api_error(NOT_FOUND):
        client.workspace.get(workspace_id)
    assert workspace_id not in all_visible_ids(client)


def test_making_a_workspace_private_hides_it_from_the_peer_app(
    client, peer_client, unique, api_error
):
    workspace_id = client.workspace.create(name=unique(), auth_scope=1).workspace_id
    assert peer_client.workspace.get(workspace_id).workspace_id == workspace_id

    client.workspace.update(workspace_id=workspace_id, name="now private", auth_scope=0)

    with api_error(NOT_FOUND):
        peer_client.workspace.get(workspace_id)


def test_another_enterprise_sees_neither_private_nor_public_workspaces(
    client, outsider_client, unique, api_error
):
    private = client.workspace.create(name=unique(), auth_scope=0).workspace_id
    public = client.workspace.create(name=unique(), auth_scope=1).workspace_id

    for workspace_id in (private, public):
        with api_error(NOT_FOUND):
            outsider_client.workspace.get(workspace_id)
    assert not {private, public} & set(all_visible_ids(outsider_client))


def test_another_enterprise_cannot_update_or_delete_a_workspace(
    client, outsider_client, unique, api_error
):
    name = unique()
    workspace_id = client.workspace.create(name=name, auth_scope=1).workspace_id

    with api_error(NOT_FOUND):
        outsider_client.workspace.update(workspace_id=workspace_id, name="hijacked", auth_scope=1)
    try:
        outsider_client.workspace.delete(workspace_ids=[workspace_id])
    except APIError as error:
        assert error.code == NOT_FOUND

    assert client.workspace.get(workspace_id).name == name


def test_outsider_workspaces_do_not_show_up_in_the_enterprise(client, outsider_client, unique):
    workspace_id = outsider_client.workspace.create(name=unique(), auth_scope=1).workspace_id
    assert workspace_id in all_visible_ids(outsider_client)
    assert workspace_id not in all_visible_ids(client)
