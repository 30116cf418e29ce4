"""A report's table as a file for people: a spreadsheet (XLSX).

The rows and totals are those of the JSON and CSV answers (`reports.tables`);
numbers stay numbers, so the spreadsheet shows them in the reader's own format
(Peru's, on the centre's computers).
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from macturnos.messages import t
from macturnos.reports.query import ReportQuery
from macturnos.reports.tables import Table


def report_title(q: ReportQuery, centre: str) -> str:
    """The report's title in Spanish (or the server's language)."""
    return t(
        "Informe «{informe}» de {centro}, del {desde} al {hasta}",
        informe=q.kind.value,
        centro=centre,
        desde=q.start.isoformat(),
        hasta=q.end.isoformat(),
    )


def xlsx_bytes(table: Table, title: str) -> bytes:
    """The table as an XLSX workbook: the title, the header, the rows, the totals."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = "Informe"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(list(table.columns))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([row.get(c) for c in table.columns])
    if table.totals is not None:
        values = [table.totals.get(c) for c in table.columns]
        if values and values[0] is None:
            values[0] = "total"
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    sheet.freeze_panes = "A4"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
