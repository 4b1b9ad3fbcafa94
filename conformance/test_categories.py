import io
import zipfile

import pytest
from docflow import EnabledFlag, EnabledStatus, ExtractModel, ValidationError

CATEGORY_NOT_FOUND = "1005010000"
CONFLICT = "40900"
INVALID = "400"
MISSING_ID = "987654321987654321"
RULES = {
    "positive_rules": [{"group_name": "vat", "min_hit": 2, "words": ["VAT", "Invoice"]}],
    "negative_rules": [{"min_hit": 1, "words": ["receipt"]}],
}


@pytest.fixture
def sample_file(tmp_path):
    def make(name="invoice.pdf", content=b"%PDF-1.4 sample"):
        path = tmp_path / name
        path.write_bytes(content)
        return str(path)

    return make


@pytest.fixture
def make_category(client, workspace_id, sample_file, unique):
    def make(**options):
        arguments = {
            "workspace_id": workspace_id,
            "name": unique("category"),
            "extract_model": ExtractModel.Acgpt,
            "sample_files": [sample_file()],
            "fields": [{"name": "Invoice No"}, {"name": "Total"}],
            "tables": [{"name": "Items", "fields": [{"name": "Date"}, {"name": "Amount"}]}],
        }
        arguments.update(options)
        return client.category.create(**arguments)

    return make


@pytest.fixture
def category_id(make_category):
    return make_category().category_id


def test_create_stores_samples_fields_tables_and_keyword_rules(make_category, sample_file):
    created = make_category(
        name="Invoice",
        sample_files=[sample_file(), sample_file("scan.png", b"\x89PNG")],
        category_prompt="VAT invoices",
        category_keyword_rules=RULES,
        with_detail=True,
    )

    assert created.category_id.isdigit()
    assert (created.name, created.category_prompt, created.extract_model, created.enabled) == (
        "Invoice", "VAT invoices", "Acgpt", 1
    )
    assert [f.name for f in created.fields] == ["Invoice No", "Total"]
    assert [(t.name, [f.name for f in t.fields]) for t in created.tables] == [("Items", ["Date", "Amount"])]
    assert [s.file_name for s in created.samples] == ["invoice.pdf", "scan.png"]
    rules = created.category_keyword_rules
    assert [(g.group_name, g.min_hit, g.words) for g in rules.positive_rules] == [("vat", 2, ["vat", "invoice"])]
    assert [(g.group_name, g.words) for g in rules.negative_rules] == [("exclude", ["receipt"])]


def test_create_without_detail_returns_only_the_id(make_category):
    created = make_category()
    assert created.category_id.isdigit() and created.name is None and created.fields is None


def test_list_filters_by_state_and_pages(client, workspace_id, make_category):
    ids = [make_category(name=name).category_id for name in ("a", "b", "c")]
    client.category.update(workspace_id=workspace_id, category_id=ids[1], enabled=EnabledFlag.DISABLED)
    # Draft (2) is a server state the SDK's update does not offer; set it directly.
    client.http_client.post(
        "/app-api/sip/platform/v2/category/update",
        json_data={"workspace_id": workspace_id, "category_id": ids[2], "enabled": 2},
    )

    def listed(enabled, **paging):
        return client.category.list(workspace_id=workspace_id, enabled=enabled, **paging)

    assert [c.id for c in client.category.list(workspace_id=workspace_id).categories] == [ids[0]]
    assert [c.id for c in listed(EnabledStatus.DISABLED).categories] == [ids[1]]
    assert [c.id for c in listed(EnabledStatus.OTHER).categories] == [ids[2]]
    page = listed(EnabledStatus.ALL, page=2, page_size=2)
    assert (page.total, page.page, page.page_size, [c.id for c in page.categories]) == (3, 2, 2, [ids[0]])
    assert [c.name for c in client.category.iter(workspace_id, page_size=1, enabled="all")] == ["c", "b", "a"]
    first = listed(EnabledStatus.ALL).categories[-1]
    assert (first.name, first.extract_model, first.enabled, first.description) == ("a", "Acgpt", 1, "")


def test_update_changes_the_category_and_cascades_the_model(client, workspace_id, category_id):
    result = client.category.update(
        workspace_id=workspace_id,
        category_id=category_id,
        name="Renamed",
        category_prompt="new prompt",
        extract_model=ExtractModel.DF_M1,
        with_detail=True,
    )

    assert (result["name"], result["category_prompt"], result["extract_model"]) == ("Renamed", "new prompt", "DF-M1")
    listing = client.category.fields.list(workspace_id=workspace_id, category_id=category_id)
    models = [f.extract_model for f in listing.fields] + [f.extract_model for f in listing.tables[0].fields]
    assert models + [listing.tables[0].extract_model] == ["DF-M1"] * 5
    client.category.update(workspace_id=workspace_id, category_id=category_id, extract_model="Model 3")
    assert client.category.tables.list(workspace_id, category_id).tables[0].extract_model == "Acgpt-VL"
    assert client.category.update(workspace_id=workspace_id, category_id=category_id, name="quiet") is None


def test_update_replaces_then_clears_the_keyword_rules(client, workspace_id, category_id):
    def rules_now():
        categories = client.category.list(workspace_id=workspace_id).categories
        return next(c for c in categories if c.id == category_id).category_keyword_rules

    client.category.update(workspace_id=workspace_id, category_id=category_id, category_keyword_rules=RULES)
    assert [g.words for g in rules_now().positive_rules] == [["vat", "invoice"]]

    client.category.update(
        workspace_id=workspace_id,
        category_id=category_id,
        category_keyword_rules={"positive_rules": [], "negative_rules": []},
    )
    assert (rules_now().positive_rules, rules_now().negative_rules) == ([], [])


def test_delete_takes_the_category_with_everything_in_it(client, workspace_id, category_id, api_error):
    client.category.delete(workspace_id=workspace_id, category_ids=[category_id])

    with api_error(CATEGORY_NOT_FOUND, "category"):
        client.category.fields.list(workspace_id=workspace_id, category_id=category_id)
    with api_error(CATEGORY_NOT_FOUND):
        client.category.samples.list(workspace_id=workspace_id, category_id=category_id)
    assert client.category.list(workspace_id=workspace_id, enabled="all").total == 0


def test_fields_are_added_changed_configured_and_deleted(client, workspace_id, category_id):
    fields = client.category.fields
    table_id = client.category.tables.list(workspace_id, category_id).tables[0].id
    transform = {"type": "datetime", "datetime_settings": {"format": "yyyy-MM-dd"}}
    added = fields.batch_add(
        workspace_id,
        category_id,
        fields=[{"name": "Issued", "alias": ["Date"], "identity": "issued", "transform_settings": transform}],
        with_detail=True,
    ).fields
    issued = added[0].field_id
    assert (added[0].name, added[0].alias, added[0].transform_settings) == ("Issued", ["Date"], transform)
    column = fields.batch_add(workspace_id, category_id, fields=[{"name": "Qty"}], table_id=table_id).fields[0]

    updated = fields.batch_update(
        workspace_id, category_id, fields=[{"field_id": issued, "alias": [], "multi_value": True}], with_detail=True
    ).fields[0]
    assert (updated.name, updated.alias, updated.identity, updated.multi_value) == ("Issued", [], "issued", True)
    assert fields.batch_update(workspace_id, category_id, fields=[{"field_id": issued, "identity": ""}]) is None

    config = fields.get_config(workspace_id, category_id, issued)
    assert (config.field_id, config.field_name, config.identity, config.multi_value) == (issued, "Issued", "", True)
    assert (config.transform_settings.type, config.transform_settings.datetime_settings.format) == (
        "datetime", "yyyy-MM-dd"
    )

    fields.delete(workspace_id, category_id, field_ids=[column.field_id], table_id=table_id)
    fields.delete(workspace_id, category_id, field_ids=[issued])
    listing = fields.list(workspace_id, category_id)
    assert [f.name for f in listing.fields] == ["Invoice No", "Total"]
    assert [f.name for f in listing.tables[0].fields] == ["Date", "Amount"]


def test_the_deprecated_single_field_calls(client, workspace_id, category_id):
    fields = client.category.fields
    regex = {"type": "regex", "regex_settings": {"match": r"^(\d{4})(\d{2})$", "replace": "$1-$2"}}
    added = fields.add(
        workspace_id, category_id, name="Period", description="Billing period",
        extract_model=ExtractModel.Acgpt_VL, alias=["Month"], transform_settings=regex, with_detail=True,
    )
    assert (added.name, added.description, added.extract_model, added.alias) == (
        "Period", "Billing period", "Acgpt-VL", ["Month"]
    )

    result = fields.update(workspace_id, category_id, added.field_id, name="Billing period", with_detail=True)
    assert (result.field_id, result.name, result.transform_settings) == (added.field_id, "Billing period", regex)
    assert fields.update(workspace_id, category_id, added.field_id, description="quiet") is None
    assert fields.get_config(workspace_id, category_id, added.field_id).field_name == "Billing period"


def test_tables_are_added_changed_and_deleted_with_their_fields(client, workspace_id, category_id, api_error):
    tables = client.category.tables
    added = tables.batch_add(
        workspace_id,
        category_id,
        tables=[
            {"name": "Fees", "prompt": "Every fee", "extract_model": "DF-M1", "fields": [{"name": "Fee"}]},
            {"name": "Stays", "collect_from_multi_table": True},
        ],
        with_detail=True,
    ).tables
    assert [(t.name, t.extract_model, t.collect_from_multi_table) for t in added] == [
        ("Fees", "DF-M1", False), ("Stays", "Acgpt", True)
    ]
    assert [f.name for f in added[0].fields] == ["Fee"]

    changed = tables.batch_update(
        workspace_id, category_id, tables=[{"table_id": added[0].table_id, "name": "Charges"}], with_detail=True
    ).tables
    assert (changed[0].name, changed[0].prompt) == ("Charges", "Every fee")
    assert tables.batch_update(workspace_id, category_id, tables=[{"table_id": added[1].table_id, "prompt": "p"}]) is None

    fee = added[0].fields[0].id
    tables.delete(workspace_id, category_id, table_ids=[added[0].table_id])
    assert [t.name for t in tables.list(workspace_id, category_id).tables] == ["Items", "Stays"]
    with api_error("1005010001", "field"):
        client.category.fields.get_config(workspace_id, category_id, fee)


def test_the_deprecated_single_table_calls(client, workspace_id, category_id):
    tables = client.category.tables
    added = tables.add(workspace_id, category_id, name="Lines", prompt="Each line", extract_model="DF-M1", with_detail=True)
    assert (added.name, added.prompt, added.extract_model) == ("Lines", "Each line", "DF-M1")

    updated = tables.update(
        workspace_id, category_id, added.table_id, collect_from_multi_table=True, name="All lines", with_detail=True
    )
    assert (updated.table_id, updated.name, updated.collect_from_multi_table) == (added.table_id, "All lines", True)
    assert tables.update(workspace_id, category_id, added.table_id, collect_from_multi_table=False) is None
    listed = {t.id: t for t in tables.list(workspace_id, category_id).tables}
    assert listed[added.table_id].collect_from_multi_table is False


def test_samples_are_uploaded_listed_downloaded_and_deleted(client, workspace_id, category_id, sample_file, tmp_path):
    samples = client.category.samples
    uploaded = samples.batch_upload(
        workspace_id, category_id, files=[sample_file("b.png", b"\x89PNG\x00"), sample_file("c.txt", b"text")],
        with_detail=True,
    )
    assert [s.file_name for s in uploaded.samples] == ["invoice.pdf", "b.png", "c.txt"]
    page = samples.list(workspace_id, category_id, page=2, page_size=2)
    assert (page.total, [s.file_name for s in page.samples]) == (3, ["c.txt"])

    data, filename = samples.batch_download(workspace_id, category_id)
    assert filename.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {name: archive.read(name) for name in archive.namelist()} == {
            "invoice.pdf": b"%PDF-1.4 sample", "b.png": b"\x89PNG\x00", "c.txt": b"text"
        }
    chosen = [uploaded.samples[1].sample_id]
    samples.batch_download(workspace_id, category_id, sample_ids=chosen, save_path=str(tmp_path))
    with zipfile.ZipFile(tmp_path / filename) as archive:
        assert archive.namelist() == ["b.png"]

    samples.delete(workspace_id, category_id, sample_ids=chosen)
    assert [s.file_name for s in samples.list(workspace_id, category_id).samples] == ["invoice.pdf", "c.txt"]


def test_the_deprecated_single_sample_calls(client, workspace_id, category_id, sample_file, tmp_path):
    samples = client.category.samples
    uploaded = samples.upload(workspace_id, category_id, file=sample_file("发票 1.jpg", b"\xff\xd8jpeg"), with_detail=True)
    assert [s.file_name for s in uploaded.samples] == ["invoice.pdf", "发票 1.jpg"]

    data, filename = samples.download(workspace_id, category_id, uploaded.sample_id)
    assert (data, filename) == (b"\xff\xd8jpeg", "发票 1.jpg")
    samples.download(workspace_id, category_id, uploaded.sample_id, save_path=str(tmp_path))
    assert (tmp_path / "发票 1.jpg").read_bytes() == b"\xff\xd8jpeg"


def test_the_workspace_context_reaches_the_category(client, workspace_id, category_id):
    category = client.workspace(workspace_id).category(category_id)
    assert [f.name for f in category.fields.list().fields] == ["Invoice No", "Total"]
    assert [t.name for t in category.tables.list().tables] == ["Items"]
    assert category.samples.list().total == 1


def test_unknown_categories_are_reported_as_not_found(client, workspace_id, api_error):
    with api_error(CATEGORY_NOT_FOUND, "category"):
        client.category.update(workspace_id=workspace_id, category_id=MISSING_ID, name="x")
    with api_error(CATEGORY_NOT_FOUND):
        client.category.delete(workspace_id=workspace_id, category_ids=[MISSING_ID])
    with api_error(CATEGORY_NOT_FOUND):
        client.category.tables.list(workspace_id, MISSING_ID)
    with api_error(CATEGORY_NOT_FOUND):
        client.category.samples.batch_download(workspace_id, MISSING_ID)
    with api_error(CATEGORY_NOT_FOUND):
        client.category.samples.download(workspace_id, MISSING_ID, "1")


def test_the_last_sample_cannot_be_deleted(client, workspace_id, category_id, api_error):
    only = client.category.samples.list(workspace_id, category_id).samples[0].sample_id
    with api_error(CONFLICT, "at least one sample"):
        client.category.samples.delete(workspace_id, category_id, sample_ids=[only])
    assert client.category.samples.list(workspace_id, category_id).total == 1


def test_a_regex_that_does_not_compile_is_invalid_and_named(client, workspace_id, category_id, make_category, api_error):
    bad = {"type": "regex", "regex_settings": {"match": "(unclosed"}}
    with api_error(INVALID, "fields[0].transform_settings.regex_settings.match", "unclosed group"):
        client.category.fields.batch_add(workspace_id, category_id, fields=[{"name": "Code", "transform_settings": bad}])
    with api_error(INVALID, "transform_settings.regex_settings.match"):
        client.category.fields.add(workspace_id, category_id, name="Code", transform_settings=bad)
    with api_error(INVALID, "fields[1].transform_settings"):
        make_category(fields=[{"name": "a"}, {"name": "b", "transform_settings": bad}])
    assert [f.name for f in client.category.fields.list(workspace_id, category_id).fields] == ["Invoice No", "Total"]


def test_duplicate_names_conflict(client, workspace_id, category_id, make_category, api_error):
    with api_error(CONFLICT, "Total"):
        client.category.fields.batch_add(workspace_id, category_id, fields=[{"name": "Total"}])
    name = client.category.list(workspace_id=workspace_id).categories[0].name
    with api_error(CONFLICT, name):
        make_category(name=name)


@pytest.mark.parametrize(
    "rules",
    [
        {"positive_rules": []},
        {"positive_rules": [{"min_hit": 3, "words": ["a", "b"]}], "negative_rules": []},
        {"positive_rules": [{"min_hit": 1, "words": [f"w{i}"]} for i in range(11)], "negative_rules": []},
        {"positive_rules": [{"min_hit": 1, "words": ["a"]}], "negative_rules": [{"min_hit": 1, "words": ["a"]}]},
        {"positive_rules": [{"min_hit": 1, "words": ["a", "a"]}], "negative_rules": []},
        {"positive_rules": [{"min_hit": 1, "words": ["a"], "weight": 2}], "negative_rules": []},
    ],
)
def test_keyword_rules_the_sdk_refuses_never_reach_the_server(client, workspace_id, category_id, make_category, rules):
    with pytest.raises(ValidationError):
        make_category(category_keyword_rules=rules)
    with pytest.raises(ValidationError):
        client.category.update(workspace_id=workspace_id, category_id=category_id, category_keyword_rules=rules)
    assert client.category.list(workspace_id=workspace_id).total == 1


def test_the_server_refuses_what_the_sdk_would_and_shared_rule_groups(client, workspace_id, make_category, api_error):
    make_category(name="Invoice", category_keyword_rules=RULES)
    copy = {"positive_rules": [{"min_hit": 2, "words": ["invoice", "vat"]}], "negative_rules": []}
    with pytest.raises(ValidationError):
        make_category(name="Copy", category_keyword_rules=copy)
    with api_error(CONFLICT, "Invoice"):
        make_category(name="Copy", category_keyword_rules=copy, check_keyword_rule_conflicts=False)

    other = make_category(name="Other").category_id
    with api_error(CONFLICT, "category_keyword_rules"):
        client.category.update(
            workspace_id=workspace_id, category_id=other, category_keyword_rules=copy, check_keyword_rule_conflicts=False
        )
    # The server checks the rules too, for clients that skip the SDK's checks.
    with api_error(INVALID, "category_keyword_rules.negative_rules"):
        client.http_client.post(
            "/app-api/sip/platform/v2/category/update",
            json_data={"workspace_id": workspace_id, "category_id": other,
                       "category_keyword_rules": {"positive_rules": []}},
        )
