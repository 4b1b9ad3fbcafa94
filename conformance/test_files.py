import copy
import functools
import json
import shutil
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from docflow import AuthScope, ExtractModel, RecognitionStatus, ValidationError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
INVOICE_CATEGORY = json.loads((EXAMPLES / "invoice-category.json").read_text())
INVOICE_RESULT = json.loads((EXAMPLES / "invoice-result.json").read_text())
MISSING_ID = "987654321987654321"
INVALID = "400"
CONFLICT = "40900"
WORKSPACE_NOT_FOUND = "1005006000"
CATEGORY_NOT_FOUND = "1005010000"
FILE_NOT_FOUND = "1005016000"
EXTRACTION_TIMEOUT = 30
POLL_INTERVAL = 0.05
FINISHED = {RecognitionStatus.SUCCESS, RecognitionStatus.FAILED}
IN_PROGRESS = {
    RecognitionStatus.PENDING,
    RecognitionStatus.CLASSIFYING,
    RecognitionStatus.EXTRACTING,
    RecognitionStatus.PREPARING,
}

EXPECTED_FIELDS = {
    "Invoice Number": "INV-2024-0042",
    "Invoice Date": "2024-03-05",
    "Seller": "Northwind Traders GmbH",
    "Buyer": "Contoso Retail Ltd.",
    "Net Amount": "795.00",
    "Tax Rate": "19%",
    "Tax Amount": "151.05",
    "Total": "946.05",
}
EXPECTED_COLUMNS = ["Description", "Quantity", "Unit Price", "Amount"]
EXPECTED_ROWS = [
    ["Office chair", "2", "120.00", "240.00"],
    ["Standing desk", "1", "450.00", "450.00"],
    ["Monitor arm", "3", "35.00", "105.00"],
]
INVOICE_FORMS = ["invoice.txt", "invoice.md", "invoice.pdf"]

BAD_FILES = {
    "empty.txt": b"",
    "broken.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF",
    "picture.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02",
    "data.xyz": b"\x00\x01\x02\xff\xfe\x00binary",
}
# What each unprocessable file's failure_causes must say, lower-cased.
BAD_FILE_CAUSES = {
    "empty.txt": ["empty"],
    "broken.pdf": ["pdf", "damaged"],
    "picture.png": ["png", "damaged"],
    "data.xyz": ["unsupported", "xyz"],
}
CORRECTION = {
    "fields": [
        {"key": "Total", "value": "999.00", "position": [{"page": 0, "vertices": [1, 2, 30, 2, 30, 12, 1, 12]}]}
    ],
    "items": [],
}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """A folder with the example invoices and files no parser can read."""
    root = tmp_path_factory.mktemp("documents")
    for name in INVOICE_FORMS + ["invoice-result.json"]:
        shutil.copy(EXAMPLES / name, root / name)
    for name, content in BAD_FILES.items():
        (root / name).write_bytes(content)
    return root


@pytest.fixture(scope="module")
def url_of(documents):
    """The documents served over HTTP, for uploads by URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(documents)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield lambda name: f"http://127.0.0.1:{httpd.server_port}/{name}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture
def path_of(documents):
    return lambda name: str(documents / name)


def create_invoice_category(client, workspace_id, name="Invoice", keyword_rules=True):
    return client.category.create(
        workspace_id=workspace_id,
        name=name,
        extract_model=ExtractModel.Acgpt,
        sample_files=[str(EXAMPLES / "invoice.txt")],
        fields=INVOICE_CATEGORY["fields"],
        tables=INVOICE_CATEGORY["tables"],
        category_keyword_rules=INVOICE_CATEGORY["category_keyword_rules"] if keyword_rules else None,
    ).category_id


@pytest.fixture
def invoice_category(client, workspace_id):
    """The example Invoice category, keyword rules included."""
    create_invoice_category(client, workspace_id)
    return "Invoice"


@pytest.fixture
def totals_category(client, workspace_id):
    """A second category, made through the workspace context: Seller and Total only."""
    fields = [f for f in INVOICE_CATEGORY["fields"] if f["name"] in ("Seller", "Total")]
    client.workspace(workspace_id).create_category(
        name="Totals",
        extract_model=ExtractModel.Acgpt,
        sample_files=[str(EXAMPLES / "invoice.pdf")],
        fields=fields,
    )
    return "Totals"


def finished(client, workspace_id, task_id, with_document=False):
    """Polls file/fetch until the task has succeeded or failed."""
    deadline = time.monotonic() + EXTRACTION_TIMEOUT
    while True:
        listing = client.file.fetch(workspace_id=workspace_id, task_id=task_id, with_document=with_document)
        assert listing.total == 1, f"task {task_id}: {listing}"
        file = listing.files[0]
        if file.recognition_status in FINISHED:
            return file
        assert time.monotonic() < deadline, (
            f"task {task_id} still has recognition_status {file.recognition_status} after {EXTRACTION_TIMEOUT} s"
        )
        time.sleep(POLL_INTERVAL)


@pytest.fixture
def extracted(client, workspace_id, path_of):
    """Uploads one file and returns its finished FileResult."""

    def upload(name, category="Invoice", with_document=False, **options):
        uploaded = client.file.upload(
            workspace_id=workspace_id, category=category, file_path=path_of(name), **options
        )
        return finished(client, workspace_id, uploaded.files[0].task_id, with_document=with_document)

    return upload


def values(file):
    return {f["key"]: f["value"] for f in file.data["fields"]}


def keys(file):
    return [f["key"] for f in file.data["fields"]]


def rows(table_rows):
    return [[cell["value"] for cell in row] for row in table_rows]


def ids(listing):
    return sorted(file.id for file in listing.files)


def rfc3339(moment):
    return moment.isoformat(timespec="milliseconds")


def assert_on_its_page(file, value):
    """One position: page 0 of the file, a clockwise 8-int quad inside the page."""
    assert len(value["position"]) == 1, value
    position = value["position"][0]
    page = file.pages[position["page"]]
    assert position["page"] == page["page"] == 0, (value, file.pages)
    v = position["vertices"]
    assert len(v) == 8 and all(isinstance(n, int) for n in v), value
    x0, y0, x1, y1 = v[0], v[1], v[4], v[5]
    assert v == [x0, y0, x1, y0, x1, y1, x0, y1], value
    assert 0 <= x0 < x1 <= page["width"], (value, page)
    assert 0 <= y0 < y1 <= page["height"], (value, page)


def assert_is_the_example_invoice(file):
    assert (file.recognition_status, file.failure_causes, file.category) == (1, None, "Invoice")
    assert keys(file) == list(EXPECTED_FIELDS)
    assert values(file) == EXPECTED_FIELDS
    [table] = file.data["tables"]
    assert table["tableName"] == "Line Items"
    assert [[cell["key"] for cell in row] for row in table["items"]] == [EXPECTED_COLUMNS] * 3
    assert rows(table["items"]) == EXPECTED_ROWS
    assert file.data["items"] == table["items"]
    for value in file.data["fields"] + [cell for row in table["items"] for cell in row]:
        assert_on_its_page(file, value)


# Uploading


def test_upload_answers_with_a_generated_batch_number_and_the_new_task(client, workspace_id, invoice_category, path_of):
    uploaded = client.file.upload(workspace_id=workspace_id, category="Invoice", file_path=path_of("invoice.txt"))

    assert 0 < len(uploaded.batch_number) <= 20
    [file] = uploaded.files
    assert (file.name, file.format) == ("invoice.txt", "txt")
    assert file.id.isdigit() and file.task_id.isdigit() and file.id != file.task_id
    result = finished(client, workspace_id, file.task_id)
    assert (result.id, result.task_id, result.batch_number) == (file.id, file.task_id, uploaded.batch_number)
    assert (result.name, result.format, result.verification_status) == ("invoice.txt", "txt", 0)


def test_uploads_with_the_same_batch_number_share_the_batch(client, workspace_id, invoice_category, path_of):
    batch = "march-2024/paris"
    first = client.file.upload(
        workspace_id=workspace_id, category="Invoice", file_path=path_of("invoice.txt"), batch_number=batch
    )
    second = client.file.upload(
        workspace_id=workspace_id, category="Invoice", file_path=path_of("invoice.pdf"), batch_number=batch
    )

    assert first.batch_number == second.batch_number == batch
    listing = client.file.fetch(workspace_id=workspace_id, batch_number=batch)
    assert listing.total == 2
    assert ids(listing) == sorted([first.files[0].id, second.files[0].id])
    assert {file.batch_number for file in listing.files} == {batch}


@pytest.mark.parametrize("name", INVOICE_FORMS)
def test_the_example_invoice_yields_the_documented_values_with_positions(extracted, invoice_category, name):
    file = extracted(name)

    assert file.name == name
    assert file.format == name.rsplit(".", 1)[1]
    assert file.total_page_num == len(file.pages) == 1
    assert_is_the_example_invoice(file)


def test_the_pdf_invoice_is_measured_at_144_dpi_on_an_a4_page(extracted, invoice_category):
    file = extracted("invoice.pdf")

    [page] = file.pages
    assert (page["width"], page["height"], page["dpi"]) == (1190, 1684, 144)


def test_a_docflow_result_is_imported_with_its_fields_unchanged(extracted, invoice_category):
    file = extracted("invoice-result.json", with_document=True)

    assert (file.recognition_status, file.format, file.category) == (1, "json", "Invoice")
    assert file.data["fields"] == INVOICE_RESULT["data"]["fields"]
    assert file.data["items"] == INVOICE_RESULT["data"]["items"]
    assert file.data["tables"] == INVOICE_RESULT["data"]["tables"]
    assert file.pages == INVOICE_RESULT["pages"]
    assert file.document == INVOICE_RESULT["document"]
    assert_is_the_example_invoice(file)


def test_upload_without_category_is_classified_by_the_keyword_rules(extracted, invoice_category):
    file = extracted("invoice.md", category=None)

    assert_is_the_example_invoice(file)


def test_upload_without_category_fails_when_no_keyword_rule_matches(client, workspace_id, extracted):
    client.category.create(
        workspace_id=workspace_id,
        name="Receipt",
        extract_model=ExtractModel.Acgpt,
        sample_files=[str(EXAMPLES / "invoice.txt")],
        fields=[{"name": "Cashier"}],
        category_keyword_rules={
            "positive_rules": [{"group_name": "receipt", "min_hit": 1, "words": ["receipt", "cashier"]}],
            "negative_rules": [],
        },
    )

    file = extracted("invoice.txt", category=None)

    assert file.recognition_status == RecognitionStatus.FAILED
    assert "no category matched" in file.failure_causes
    assert file.data is None


def test_upload_by_url_puts_several_files_in_one_batch(client, workspace_id, invoice_category, url_of):
    uploaded = client.file.upload(
        workspace_id=workspace_id, category="Invoice", file_urls=[url_of(name) for name in INVOICE_FORMS]
    )

    assert 0 < len(uploaded.batch_number) <= 20
    assert [(f.name, f.format) for f in uploaded.files] == [
        ("invoice.txt", "txt"),
        ("invoice.md", "md"),
        ("invoice.pdf", "pdf"),
    ]
    assert len({f.task_id for f in uploaded.files}) == 3
    for uploaded_file in uploaded.files:
        file = finished(client, workspace_id, uploaded_file.task_id)
        assert file.batch_number == uploaded.batch_number
        assert_is_the_example_invoice(file)


def test_upload_sync_waits_and_answers_with_the_result(client, workspace_id, invoice_category, path_of):
    result = client.file.upload_sync(workspace_id=workspace_id, category="Invoice", file_path=path_of("invoice.pdf"))

    assert result.total == 1
    [file] = result.files
    assert (file.name, file.format) == ("invoice.pdf", "pdf")
    assert_is_the_example_invoice(file)
    assert client.file.fetch(workspace_id=workspace_id, task_id=file.task_id).files[0].data == file.data


def test_upload_sync_by_url_answers_with_every_file_including_failed_ones(
    client, workspace_id, invoice_category, url_of
):
    result = client.file.upload_sync(
        workspace_id=workspace_id, category="Invoice", file_urls=[url_of("invoice.txt"), url_of("empty.txt")]
    )

    assert result.total == 2
    by_name = {file.name: file for file in result.files}
    assert set(by_name) == {"invoice.txt", "empty.txt"}
    assert_is_the_example_invoice(by_name["invoice.txt"])
    assert by_name["empty.txt"].recognition_status == RecognitionStatus.FAILED
    assert "empty" in by_name["empty.txt"].failure_causes.lower()


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_file_that_cannot_be_processed_fails_with_a_precise_cause(extracted, invoice_category, name):
    file = extracted(name)

    assert file.recognition_status == RecognitionStatus.FAILED
    assert file.name == name
    for word in BAD_FILE_CAUSES[name]:
        assert word in file.failure_causes.lower(), f"{word!r} not in {file.failure_causes!r}"
    assert file.data is None


def test_bad_files_leave_the_other_files_of_the_same_upload_alone(client, workspace_id, invoice_category, url_of):
    names = ["empty.txt", "invoice.txt", "broken.pdf", "picture.png", "invoice.pdf", "data.xyz"]
    uploaded = client.file.upload(workspace_id=workspace_id, category="Invoice", file_urls=[url_of(n) for n in names])

    assert [f.name for f in uploaded.files] == names
    by_name = {f.name: finished(client, workspace_id, f.task_id) for f in uploaded.files}
    assert_is_the_example_invoice(by_name["invoice.txt"])
    assert_is_the_example_invoice(by_name["invoice.pdf"])
    for name, words in BAD_FILE_CAUSES.items():
        file = by_name[name]
        assert file.recognition_status == RecognitionStatus.FAILED, file
        for word in words:
            assert word in file.failure_causes.lower(), f"{name}: {word!r} not in {file.failure_causes!r}"


def test_upload_to_an_unknown_category_is_refused_and_stores_nothing(
    client, workspace_id, invoice_category, path_of, url_of, api_error
):
    with api_error(CATEGORY_NOT_FOUND, "Receipt"):
        client.file.upload(workspace_id=workspace_id, category="Receipt", file_path=path_of("invoice.txt"))
    with api_error(CATEGORY_NOT_FOUND, "Receipt"):
        client.file.upload(workspace_id=workspace_id, category="Receipt", file_urls=[url_of("invoice.txt")])
    with api_error(CATEGORY_NOT_FOUND, "Receipt"):
        client.file.upload_sync(workspace_id=workspace_id, category="Receipt", file_path=path_of("invoice.txt"))

    assert client.file.fetch(workspace_id=workspace_id).total == 0


def test_sdk_refuses_an_upload_without_a_file_before_sending(client, workspace_id, invoice_category, path_of, url_of):
    with pytest.raises(ValidationError):
        client.file.upload(workspace_id=workspace_id, category="Invoice")
    with pytest.raises(ValidationError):
        client.file.upload_sync(
            workspace_id=workspace_id, file_path=path_of("invoice.txt"), file_urls=[url_of("invoice.txt")]
        )
    assert client.file.fetch(workspace_id=workspace_id).total == 0


# Fetching


@pytest.fixture
def three_files(client, workspace_id, invoice_category, totals_category, extracted):
    """a: Invoice, batch A, succeeded; b: Totals, batch B, succeeded; c: Invoice, batch A, failed."""
    return {
        "a": extracted("invoice.txt", batch_number="batch-A"),
        "b": extracted("invoice.md", category="Totals", batch_number="batch-B"),
        "c": extracted("empty.txt", batch_number="batch-A"),
    }


def fetched_ids(client, workspace_id, **filters):
    listing = client.file.fetch(workspace_id=workspace_id, **filters)
    assert listing.total == len(listing.files), listing
    return ids(listing)


def ids_of(files, *names):
    return sorted(files[name].id for name in names)


def test_fetch_lists_every_file_of_the_workspace_on_one_default_page(client, workspace_id, three_files):
    listing = client.file.fetch(workspace_id=workspace_id)

    assert (listing.total, listing.page, listing.page_size) == (3, 1, 1000)
    assert ids(listing) == ids_of(three_files, "a", "b", "c")


def test_fetch_filters_by_batch_number(client, workspace_id, three_files):
    assert fetched_ids(client, workspace_id, batch_number="batch-A") == ids_of(three_files, "a", "c")
    assert fetched_ids(client, workspace_id, batch_number="batch-B") == ids_of(three_files, "b")
    assert fetched_ids(client, workspace_id, batch_number="batch-Z") == []


def test_fetch_filters_by_file_id(client, workspace_id, three_files):
    assert fetched_ids(client, workspace_id, file_id=three_files["b"].id) == ids_of(three_files, "b")
    assert fetched_ids(client, workspace_id, file_id=MISSING_ID) == []


def test_fetch_filters_by_task_id(client, workspace_id, three_files):
    assert fetched_ids(client, workspace_id, task_id=three_files["c"].task_id) == ids_of(three_files, "c")
    assert fetched_ids(client, workspace_id, task_id=MISSING_ID) == []


def test_fetch_filters_by_category(client, workspace_id, three_files):
    assert fetched_ids(client, workspace_id, category="Totals") == ids_of(three_files, "b")
    assert three_files["a"].id in fetched_ids(client, workspace_id, category="Invoice")
    assert three_files["b"].id not in fetched_ids(client, workspace_id, category="Invoice")


def test_fetch_filters_by_recognition_status(client, workspace_id, three_files):
    assert fetched_ids(client, workspace_id, recognition_status=1) == ids_of(three_files, "a", "b")
    assert fetched_ids(client, workspace_id, recognition_status=2) == ids_of(three_files, "c")
    assert fetched_ids(client, workspace_id, recognition_status=0) == []


def test_fetch_filters_by_verification_status(client, workspace_id, three_files):
    assert fetched_ids(client, workspace_id, verification_status=0) == ids_of(three_files, "a", "b", "c")
    assert fetched_ids(client, workspace_id, verification_status=2) == []


def test_fetch_filters_by_update_time(client, workspace_id, three_files):
    now = datetime.now(timezone.utc)
    hour = timedelta(hours=1)
    everything = ids_of(three_files, "a", "b", "c")
    assert fetched_ids(client, workspace_id, start_time=rfc3339(now - hour), end_time=rfc3339(now + hour)) == everything
    assert fetched_ids(client, workspace_id, start_time=rfc3339(now + hour)) == []
    assert fetched_ids(client, workspace_id, end_time=rfc3339(now - hour)) == []

    time.sleep(0.05)
    mark = datetime.now(timezone.utc)
    time.sleep(0.05)
    client.file.update(workspace_id=workspace_id, file_id=three_files["b"].id, data=CORRECTION)

    assert fetched_ids(client, workspace_id, start_time=rfc3339(mark)) == ids_of(three_files, "b")
    assert fetched_ids(client, workspace_id, end_time=rfc3339(mark)) == ids_of(three_files, "a", "c")


def test_fetch_combines_filters(client, workspace_id, three_files):
    assert fetched_ids(client, workspace_id, batch_number="batch-A", recognition_status=1) == ids_of(three_files, "a")
    assert fetched_ids(client, workspace_id, batch_number="batch-B", category="Invoice") == []


def test_fetch_returns_the_document_only_when_asked(client, workspace_id, three_files):
    task_id = three_files["a"].task_id

    plain = client.file.fetch(workspace_id=workspace_id, task_id=task_id).files[0]
    full = client.file.fetch(workspace_id=workspace_id, task_id=task_id, with_document=True).files[0]

    assert plain.document is None
    texts = [line["text"] for page in full.document["pages"] for line in page["lines"]]
    assert "Invoice No.: INV-2024-0042" in texts
    assert "Total: EUR 946.05" in texts
    assert full.data == plain.data


def test_fetch_pages_without_overlap(client, workspace_id, three_files):
    page1 = client.file.fetch(workspace_id=workspace_id, page=1, page_size=2)
    page2 = client.file.fetch(workspace_id=workspace_id, page=2, page_size=2)
    page3 = client.file.fetch(workspace_id=workspace_id, page=3, page_size=2)

    assert (page1.page, page1.page_size, page2.page, page3.page) == (1, 2, 2, 3)
    assert page1.total == page2.total == page3.total == 3
    assert (len(page1.files), len(page2.files), page3.files) == (2, 1, [])
    assert sorted(ids(page1) + ids(page2)) == ids_of(three_files, "a", "b", "c")


def test_iter_walks_every_matching_file_across_pages(client, workspace_id, three_files):
    walked = [file.id for file in client.file.iter(workspace_id=workspace_id, page_size=2)]
    assert sorted(walked) == ids_of(three_files, "a", "b", "c")

    batch_a = [file.id for file in client.file.iter(workspace_id=workspace_id, batch_number="batch-A", page_size=1)]
    assert sorted(batch_a) == ids_of(three_files, "a", "c")

    failed = list(client.file.iter(workspace_id=workspace_id, recognition_status=2, with_document=True))
    assert [file.id for file in failed] == ids_of(three_files, "c")


def test_files_of_a_private_workspace_are_invisible_to_another_app(
    client, peer_client, workspace_id, invoice_category, path_of, api_error
):
    uploaded = client.file.upload(workspace_id=workspace_id, category="Invoice", file_path=path_of("invoice.txt"))
    task_id = uploaded.files[0].task_id
    finished(client, workspace_id, task_id)

    with api_error(WORKSPACE_NOT_FOUND):
        peer_client.file.fetch(workspace_id=workspace_id)
    with api_error(WORKSPACE_NOT_FOUND):
        peer_client.file.upload(workspace_id=workspace_id, category="Invoice", file_path=path_of("invoice.txt"))
    with api_error(WORKSPACE_NOT_FOUND):
        peer_client.file.delete(workspace_id=workspace_id, task_id=[task_id])
    with api_error(WORKSPACE_NOT_FOUND):
        peer_client.file.retry(workspace_id=workspace_id, task_id=task_id)
    assert client.file.fetch(workspace_id=workspace_id).total == 1


def test_every_file_call_reports_an_unknown_workspace(client, path_of, api_error):
    with api_error(WORKSPACE_NOT_FOUND, "workspace"):
        client.file.upload(workspace_id=MISSING_ID, file_path=path_of("invoice.txt"))
    with api_error(WORKSPACE_NOT_FOUND):
        client.file.upload_sync(workspace_id=MISSING_ID, file_path=path_of("invoice.txt"))
    with api_error(WORKSPACE_NOT_FOUND):
        client.file.fetch(workspace_id=MISSING_ID)
    with api_error(WORKSPACE_NOT_FOUND):
        client.file.update(workspace_id=MISSING_ID, file_id=MISSING_ID, data=CORRECTION)
    with api_error(WORKSPACE_NOT_FOUND):
        client.file.delete(workspace_id=MISSING_ID, batch_number=["b"])
    with api_error(WORKSPACE_NOT_FOUND):
        client.file.retry(workspace_id=MISSING_ID, task_id=MISSING_ID)
    with api_error(WORKSPACE_NOT_FOUND):
        client.file.amend_category(workspace_id=MISSING_ID, task_id=MISSING_ID, category="Invoice")


def test_unknown_files_and_tasks_are_reported_as_not_found(client, workspace_id, invoice_category, api_error):
    with api_error(FILE_NOT_FOUND):
        client.file.update(workspace_id=workspace_id, file_id=MISSING_ID, data=CORRECTION)
    with api_error(FILE_NOT_FOUND):
        client.file.retry(workspace_id=workspace_id, task_id=MISSING_ID)
    with api_error(FILE_NOT_FOUND):
        client.file.amend_category(workspace_id=workspace_id, task_id=MISSING_ID, category="Invoice")


# Correcting


def test_update_replaces_the_whole_result(client, workspace_id, invoice_category, extracted):
    file = extracted("invoice.txt")

    updated = client.file.update(workspace_id=workspace_id, file_id=file.id, data=CORRECTION)

    assert [(f.workspace_id, f.id) for f in updated.files] == [(workspace_id, file.id)]
    after = client.file.fetch(workspace_id=workspace_id, file_id=file.id).files[0]
    assert after.data["fields"] == CORRECTION["fields"]
    assert after.data["items"] == []
    assert not after.data.get("tables")
    assert (after.recognition_status, after.category) == (1, "Invoice")


def test_batch_update_corrects_several_files_at_once(client, workspace_id, invoice_category, extracted):
    first = extracted("invoice.txt")
    second = extracted("invoice.pdf")
    second_data = copy.deepcopy(second.data)
    second_data["fields"][0]["value"] = "INV-2024-0043"

    updated = client.file.batch_update(
        [
            {"workspace_id": workspace_id, "file_id": first.id, "data": CORRECTION},
            {"workspace_id": workspace_id, "file_id": second.id, "data": second_data},
        ]
    )

    assert [(f.workspace_id, f.id) for f in updated.files] == [(workspace_id, first.id), (workspace_id, second.id)]
    corrected_first = client.file.fetch(workspace_id=workspace_id, file_id=first.id).files[0]
    assert corrected_first.data["fields"] == CORRECTION["fields"]
    corrected = client.file.fetch(workspace_id=workspace_id, file_id=second.id).files[0]
    assert values(corrected) == {**EXPECTED_FIELDS, "Invoice Number": "INV-2024-0043"}
    assert rows(corrected.data["items"]) == EXPECTED_ROWS


def test_update_with_a_position_of_fewer_than_8_ints_is_refused_and_changes_nothing(
    client, workspace_id, invoice_category, extracted, api_error
):
    file = extracted("invoice.txt")
    bad = {"fields": [{"key": "Total", "value": "1", "position": [{"page": 0, "vertices": [1, 2, 3, 4]}]}], "items": []}

    with api_error(INVALID, "vertices"):
        client.file.update(workspace_id=workspace_id, file_id=file.id, data=bad)

    assert values(client.file.fetch(workspace_id=workspace_id, file_id=file.id).files[0]) == EXPECTED_FIELDS


def test_a_task_still_being_processed_cannot_be_updated_or_retried(
    client, workspace_id, invoice_category, tmp_path, api_error
):
    big = tmp_path / "big-invoice.txt"
    big.write_text((EXAMPLES / "invoice.txt").read_text() * 2000)
    uploaded = client.file.upload(workspace_id=workspace_id, category="Invoice", file_path=str(big))
    file = uploaded.files[0]

    with api_error(CONFLICT):
        client.file.update(workspace_id=workspace_id, file_id=file.id, data=CORRECTION)
    with api_error(CONFLICT):
        client.file.retry(workspace_id=workspace_id, task_id=file.task_id)
    running = client.file.fetch(workspace_id=workspace_id, task_id=file.task_id).files[0]
    assert running.recognition_status in IN_PROGRESS, (
        f"recognition_status {running.recognition_status} is none of the SDK's in-progress RecognitionStatus values"
    )

    assert finished(client, workspace_id, file.task_id).recognition_status == RecognitionStatus.SUCCESS
    client.file.update(workspace_id=workspace_id, file_id=file.id, data=CORRECTION)


# Deleting


@pytest.fixture
def batches(client, workspace_id, invoice_category, path_of):
    """Three uploads in batches B1, B2, B3 (not waited for)."""
    uploaded = {}
    for batch in ("B1", "B2", "B3"):
        response = client.file.upload(
            workspace_id=workspace_id, category="Invoice", file_path=path_of("invoice.txt"), batch_number=batch
        )
        uploaded[batch] = response.files[0]
    return uploaded


def remaining_batches(client, workspace_id):
    return sorted(file.batch_number for file in client.file.fetch(workspace_id=workspace_id).files)


def test_delete_by_batch_number(client, workspace_id, batches):
    assert client.file.delete(workspace_id=workspace_id, batch_number=["B1", "B3"]).deleted_count == 2
    assert remaining_batches(client, workspace_id) == ["B2"]


def test_delete_by_task_id(client, workspace_id, batches):
    deleted = client.file.delete(workspace_id=workspace_id, task_id=[batches["B2"].task_id])
    assert deleted.deleted_count == 1
    assert remaining_batches(client, workspace_id) == ["B1", "B3"]
    assert client.file.fetch(workspace_id=workspace_id, task_id=batches["B2"].task_id).total == 0


def test_delete_by_file_id(client, workspace_id, batches):
    deleted = client.file.delete(workspace_id=workspace_id, file_id=[batches["B1"].id, batches["B3"].id])
    assert deleted.deleted_count == 2
    assert remaining_batches(client, workspace_id) == ["B2"]


def test_delete_by_creation_time(client, workspace_id, batches):
    now = int(time.time())
    assert client.file.delete(workspace_id=workspace_id, end_time=now - 3600).deleted_count == 0
    assert client.file.delete(workspace_id=workspace_id, start_time=now + 3600).deleted_count == 0
    assert remaining_batches(client, workspace_id) == ["B1", "B2", "B3"]

    deleted = client.file.delete(workspace_id=workspace_id, start_time=now - 60, end_time=now + 60)

    assert deleted.deleted_count == 3
    assert client.file.fetch(workspace_id=workspace_id).total == 0


def test_delete_removes_files_matching_any_condition(client, workspace_id, batches):
    deleted = client.file.delete(
        workspace_id=workspace_id,
        batch_number=["B1"],
        task_id=[batches["B2"].task_id],
        file_id=[MISSING_ID],
    )

    assert deleted.deleted_count == 2
    assert remaining_batches(client, workspace_id) == ["B3"]


def test_delete_leaves_other_workspaces_alone(client, workspace_id, batches, unique, path_of):
    other = client.workspace.create(name=unique(), auth_scope=AuthScope.PRIVATE).workspace_id
    create_invoice_category(client, other)
    kept = client.file.upload(
        workspace_id=other, category="Invoice", file_path=path_of("invoice.txt"), batch_number="B1"
    )

    assert client.file.delete(workspace_id=workspace_id, batch_number=["B1"]).deleted_count == 1

    assert [f.id for f in client.file.fetch(workspace_id=other).files] == [kept.files[0].id]


def test_delete_without_a_condition_is_refused_and_deletes_nothing(client, workspace_id, batches, api_error):
    with api_error(INVALID):
        client.file.delete(workspace_id=workspace_id)
    with api_error(INVALID):
        client.file.delete(workspace_id=workspace_id, batch_number=[], task_id=[], file_id=[])

    assert remaining_batches(client, workspace_id) == ["B1", "B2", "B3"]


# Retrying and amending


def test_retry_extracts_a_corrected_file_again(client, workspace_id, invoice_category, extracted):
    file = extracted("invoice.pdf")
    client.file.update(workspace_id=workspace_id, file_id=file.id, data=CORRECTION)

    client.file.retry(workspace_id=workspace_id, task_id=file.task_id)

    again = finished(client, workspace_id, file.task_id)
    assert again.id == file.id
    assert_is_the_example_invoice(again)


def test_retry_runs_a_failed_task_again(client, workspace_id, extracted):
    failed = extracted("invoice.md", category=None)
    assert "no category matched" in failed.failure_causes
    create_invoice_category(client, workspace_id)

    client.file.retry(workspace_id=workspace_id, task_id=failed.task_id)

    assert_is_the_example_invoice(finished(client, workspace_id, failed.task_id))


def test_retry_takes_new_parser_params(client, workspace_id, invoice_category, extracted):
    file = extracted("invoice.pdf")
    assert file.parser_params["dpi"] == 144

    client.file.retry(workspace_id=workspace_id, task_id=file.task_id, parser_params={"dpi": 216})

    again = finished(client, workspace_id, file.task_id)
    assert again.parser_params["dpi"] == 216
    assert values(again) == EXPECTED_FIELDS


def test_amend_category_extracts_the_task_again_as_the_other_category(
    client, workspace_id, invoice_category, totals_category, extracted
):
    file = extracted("invoice.txt")

    client.file.amend_category(workspace_id=workspace_id, task_id=file.task_id, category="Totals")

    amended = finished(client, workspace_id, file.task_id)
    assert (amended.id, amended.recognition_status, amended.category) == (file.id, 1, "Totals")
    assert values(amended) == {"Seller": "Northwind Traders GmbH", "Total": "946.05"}
    for value in amended.data["fields"]:
        assert_on_its_page(amended, value)
    assert client.file.fetch(workspace_id=workspace_id, category="Totals").total == 1
    assert client.file.fetch(workspace_id=workspace_id, category="Invoice").total == 0


def test_amend_category_rescues_a_task_no_category_matched(client, workspace_id, extracted):
    failed = extracted("invoice.txt", category=None)
    assert failed.recognition_status == RecognitionStatus.FAILED
    create_invoice_category(client, workspace_id, keyword_rules=False)

    client.file.amend_category(workspace_id=workspace_id, task_id=failed.task_id, category="Invoice")

    assert_is_the_example_invoice(finished(client, workspace_id, failed.task_id))


def test_amend_to_an_unknown_category_is_refused_and_changes_nothing(
    client, workspace_id, invoice_category, extracted, api_error
):
    file = extracted("invoice.txt")

    with api_error(CATEGORY_NOT_FOUND, "Receipt"):
        client.file.amend_category(workspace_id=workspace_id, task_id=file.task_id, category="Receipt")

    after = client.file.fetch(workspace_id=workspace_id, task_id=file.task_id).files[0]
    assert (after.recognition_status, after.category, after.data) == (1, "Invoice", file.data)
