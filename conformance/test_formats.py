"""Documents as people have them, through the SDK alone: a scanned image and
Word, Excel and CSV versions of the example invoice, uploaded with
category=Invoice, each give every field of the invoice with a position on its
page, and a review over each judges an expression rule with its anchors on
the boxes extraction found. (TIFF, BMP, WebP and scanned PDF pages, which the
SDK cannot tell apart from these, are covered by the Rust tests.)"""

from pathlib import Path

import pytest

from test_docflow_clients import PASSED, cel_rule, review, rules, tasks_by_rule  # noqa: F401 (fixtures)
from test_files import EXPECTED_FIELDS, EXPECTED_ROWS, finished

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Each form, with its format and pages: a workbook's line items are on its second sheet.
FORMS = {
    "invoice.png": ("png", 1),
    "invoice.docx": ("docx", 1),
    "invoice.xlsx": ("xlsx", 2),
    "invoice.csv": ("csv", 1),
}
TAX_CHECK = (
    'money_eq(doc.Invoice.fields["Tax Amount"], '
    'money(doc.Invoice.fields["Net Amount"]) * percent(doc.Invoice.fields["Tax Rate"]))'
)


@pytest.fixture
def uploaded(client, workspace_id, invoice_category_id):
    """Uploads an example with category=Invoice; answers its finished file."""

    def upload(name):
        task_id = client.file.upload(
            workspace_id=workspace_id, category="Invoice", file_path=str(EXAMPLES / name)
        ).files[0].task_id
        return finished(client, workspace_id, task_id)

    return upload


def assert_placed(file, value):
    """One position, on a page of the file, as a clockwise quad inside it."""
    [position] = value["position"]
    page = file.pages[position["page"]]
    assert page["page"] == position["page"], (value, file.pages)
    v = position["vertices"]
    x0, y0, x1, y1 = v[0], v[1], v[4], v[5]
    assert v == [x0, y0, x1, y0, x1, y1, x0, y1], value
    assert 0 <= x0 < x1 <= page["width"] and 0 <= y0 < y1 <= page["height"], (value, page)


@pytest.mark.parametrize("name", list(FORMS))
def test_each_form_gives_every_field_on_its_page(uploaded, name):
    file = uploaded(name)

    format_, pages = FORMS[name]
    assert (file.recognition_status, file.failure_causes, file.format) == (1, None, format_), file
    assert file.total_page_num == len(file.pages) == pages
    assert {f["key"]: f["value"] for f in file.data["fields"]} == EXPECTED_FIELDS
    [table] = file.data["tables"]
    assert [[cell["value"] for cell in row] for row in table["items"]] == EXPECTED_ROWS
    for value in file.data["fields"] + [cell for row in table["items"] for cell in row]:
        assert_placed(file, value)


@pytest.mark.parametrize("name", list(FORMS))
def test_a_review_judges_each_form_with_anchors_on_its_boxes(uploaded, rules, review, name):
    rule_id = rules("Tax", cel_rule("The tax is the net amount at the tax rate.", TAX_CHECK))
    file = uploaded(name)

    _, result = review([file.task_id])

    task = tasks_by_rule(result)[rule_id]
    assert task["review_result"] == PASSED, task
    boxes = {f["key"]: f["position"][0] for f in file.data["fields"]}
    assert sorted(a["field_name"] for a in task["anchors"]) == ["Net Amount", "Tax Amount", "Tax Rate"], task
    for anchor in task["anchors"]:
        assert anchor["extract_task_id"] == file.task_id
        assert task["reasoning"][anchor["start_pos"] : anchor["end_pos"]] == anchor["text"]
        box = boxes[anchor["field_name"]]
        assert (anchor["page"], anchor["vertices"]) == (box["page"], box["vertices"]), anchor
