from docflow import AuthScope

REPO_NOT_FOUND = "1005030000"
WORKSPACE_NOT_FOUND = "1005006000"


def make_rule(client, workspace_id, repo_id, group_id, categories, name="r"):
    return client.review.create_rule(
        workspace_id=workspace_id,
        repo_id=repo_id,
        group_id=group_id,
        name=name,
        prompt="check it",
        category_ids=categories,
    ).rule_id


def test_create_returns_a_digit_string_id(client, workspace_id):
    repo_id = client.review.create_repo(workspace_id=workspace_id, name="Invoices").repo_id
    assert isinstance(repo_id, str) and repo_id.isdigit()


def test_new_repo_has_its_name_and_nothing_inside(client, workspace_id):
    repo_id = client.review.create_repo(workspace_id=workspace_id, name="Contracts").repo_id

    repo = client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id)

    assert (repo.repo_id, repo.name) == (repo_id, "Contracts")
    assert repo.groups == []
    assert repo.category_ids == []


def test_names_of_30_characters_are_accepted_in_any_script(client, workspace_id):
    for name in ["x" * 30, "审核规则库" * 6]:
        repo_id = client.review.create_repo(workspace_id=workspace_id, name=name).repo_id
        assert client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id).name == name


def test_update_renames_the_repo(client, workspace_id):
    repo_id = client.review.create_repo(workspace_id=workspace_id, name="old").repo_id

    client.review.update_repo(workspace_id=workspace_id, repo_id=repo_id, name="new")

    assert client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id).name == "new"


def test_delete_removes_the_repo_and_get_reports_it_missing(client, workspace_id, api_error):
    repo_id = client.review.create_repo(workspace_id=workspace_id, name="gone").repo_id

    client.review.delete_repo(workspace_id=workspace_id, repo_ids=[repo_id])

    with api_error(REPO_NOT_FOUND, "repo"):
        client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id)
    assert client.review.list_repos(workspace_id=workspace_id).total == 0


def test_delete_takes_several_repos_and_keeps_the_others(client, workspace_id, api_error):
    ids = [client.review.create_repo(workspace_id=workspace_id, name=f"r{i}").repo_id for i in range(3)]

    client.review.delete_repo(workspace_id=workspace_id, repo_ids=ids[:2])

    listing = client.review.list_repos(workspace_id=workspace_id)
    assert [repo.repo_id for repo in listing.repos] == [ids[2]]
    assert listing.total == 1
    for repo_id in ids[:2]:
        with api_error(REPO_NOT_FOUND):
            client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id)


def test_delete_cascades_to_groups_and_rules(cat, client, workspace_id, api_error):
    repo_id = client.review.create_repo(workspace_id=workspace_id, name="cascade").repo_id
    group_id = client.review.create_group(workspace_id=workspace_id, repo_id=repo_id, name="g").group_id
    rule_id = make_rule(client, workspace_id, repo_id, group_id, [cat("1")])

    client.review.delete_repo(workspace_id=workspace_id, repo_ids=[repo_id])

    with api_error(REPO_NOT_FOUND):
        client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id)
    with api_error("1005030001"):
        client.review.update_group(workspace_id=workspace_id, group_id=group_id, name="x")
    with api_error("1005030002"):
        client.review.update_rule(workspace_id=workspace_id, rule_id=rule_id, name="x")


def test_list_echoes_default_paging(client, workspace_id):
    client.review.create_repo(workspace_id=workspace_id, name="only")

    listing = client.review.list_repos(workspace_id=workspace_id)

    assert (listing.page, listing.page_size, listing.total) == (1, 10, 1)
    assert [repo.name for repo in listing.repos] == ["only"]


def test_list_of_an_empty_workspace_is_empty(client, workspace_id):
    listing = client.review.list_repos(workspace_id=workspace_id)
    assert (listing.repos, listing.total) == ([], 0)


def test_list_pages_through_every_repo_once(client, workspace_id):
    ids = {client.review.create_repo(workspace_id=workspace_id, name=f"p{i}").repo_id for i in range(5)}

    pages = [client.review.list_repos(workspace_id=workspace_id, page=p, page_size=2) for p in (1, 2, 3, 4)]

    assert [len(page.repos) for page in pages] == [2, 2, 1, 0]
    assert all(page.total == 5 and page.page_size == 2 for page in pages)
    assert [page.page for page in pages] == [1, 2, 3, 4]
    seen = [repo.repo_id for page in pages for repo in page.repos]
    assert len(seen) == len(set(seen)) and set(seen) == ids


def test_list_nests_groups_and_rules_like_get(cat, client, workspace_id):
    repo_id = client.review.create_repo(workspace_id=workspace_id, name="nested").repo_id
    group_id = client.review.create_group(workspace_id=workspace_id, repo_id=repo_id, name="g1").group_id
    rule_id = make_rule(client, workspace_id, repo_id, group_id, [cat("501")], name="r1")

    listed = client.review.list_repos(workspace_id=workspace_id).repos[0]
    got = client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id)

    assert listed == got
    assert listed.category_ids == [cat("501")]
    assert [g.group_id for g in listed.groups] == [group_id]
    assert [(r.rule_id, r.name) for r in listed.groups[0].rules] == [(rule_id, "r1")]


def test_repo_category_ids_are_the_union_of_its_rules(cat, client, workspace_id):
    repo_id = client.review.create_repo(workspace_id=workspace_id, name="union").repo_id
    g1 = client.review.create_group(workspace_id=workspace_id, repo_id=repo_id, name="g1").group_id
    g2 = client.review.create_group(workspace_id=workspace_id, repo_id=repo_id, name="g2").group_id
    make_rule(client, workspace_id, repo_id, g1, [cat("11"), cat("12")])
    second = make_rule(client, workspace_id, repo_id, g2, [cat("12"), cat("13")])
    make_rule(client, workspace_id, repo_id, g2, [])

    categories = client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id).category_ids
    assert sorted(categories) == sorted([cat("11"), cat("12"), cat("13")])

    client.review.delete_rule(workspace_id=workspace_id, rule_id=second)
    categories = client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id).category_ids
    assert sorted(categories) == sorted([cat("11"), cat("12")])


def test_repos_are_scoped_to_their_workspace(client, workspace_id, unique, api_error):
    other = client.workspace.create(name=unique(), auth_scope=AuthScope.PRIVATE).workspace_id
    repo_id = client.review.create_repo(workspace_id=workspace_id, name="mine").repo_id

    with api_error(REPO_NOT_FOUND):
        client.review.get_repo(workspace_id=other, repo_id=repo_id)
    with api_error(REPO_NOT_FOUND):
        client.review.update_repo(workspace_id=other, repo_id=repo_id, name="moved")
    assert client.review.list_repos(workspace_id=other).total == 0
    assert client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id).name == "mine"


def test_workspace_context_manages_repos(client, workspace_id, api_error):
    ws = client.workspace(workspace_id).review

    repo_id = ws.create_repo(name="via context").repo_id
    assert ws.get_repo(repo_id).name == "via context"

    ws.update_repo(repo_id=repo_id, name="renamed in context")
    listing = ws.list_repos()
    assert (listing.page, listing.page_size, listing.total) == (1, 10, 1)
    assert listing.repos[0].name == "renamed in context"
    assert ws.list_repos(page=2, page_size=1).repos == []

    ws.delete_repo(repo_ids=[repo_id])
    with api_error(REPO_NOT_FOUND):
        ws.get_repo(repo_id)


def test_ids_sent_as_integers_are_accepted(client, workspace_id):
    repo_id = client.review.create_repo(workspace_id=workspace_id, name="ints").repo_id

    client.review.update_repo(workspace_id=workspace_id, repo_id=int(repo_id), name="int renamed")
    assert client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id).name == "int renamed"

    client.review.delete_repo(workspace_id=workspace_id, repo_ids=[int(repo_id)])
    assert client.review.list_repos(workspace_id=workspace_id).total == 0


def test_peer_app_reads_repos_of_a_public_workspace(client, peer_client, unique):
    workspace_id = client.workspace.create(name=unique(), auth_scope=AuthScope.PUBLIC).workspace_id
    repo_id = client.review.create_repo(workspace_id=workspace_id, name="shared").repo_id

    assert peer_client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id).name == "shared"
    assert [r.repo_id for r in peer_client.review.list_repos(workspace_id=workspace_id).repos] == [repo_id]


def test_peer_app_cannot_reach_repos_of_a_private_workspace(client, peer_client, workspace_id, api_error):
    repo_id = client.review.create_repo(workspace_id=workspace_id, name="private").repo_id

    with api_error(WORKSPACE_NOT_FOUND):
        peer_client.review.list_repos(workspace_id=workspace_id)
    with api_error(WORKSPACE_NOT_FOUND):
        peer_client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id)
    with api_error(WORKSPACE_NOT_FOUND):
        peer_client.review.create_repo(workspace_id=workspace_id, name="intruder")


def test_another_enterprise_cannot_reach_repos_at_all(client, outsider_client, unique, api_error):
    workspace_id = client.workspace.create(name=unique(), auth_scope=AuthScope.PUBLIC).workspace_id
    repo_id = client.review.create_repo(workspace_id=workspace_id, name="tenant").repo_id

    with api_error(WORKSPACE_NOT_FOUND):
        outsider_client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id)
    with api_error(WORKSPACE_NOT_FOUND):
        outsider_client.review.delete_repo(workspace_id=workspace_id, repo_ids=[repo_id])
    with api_error(WORKSPACE_NOT_FOUND):
        outsider_client.review.create_repo(workspace_id=workspace_id, name="intruder")
    assert client.review.get_repo(workspace_id=workspace_id, repo_id=repo_id).name == "tenant"
