"""The export of `queries.client_export` as a JSON document or as one CSV table.

The CSV has one row per value (section, record number, field, value), so every section
fits one table a spreadsheet opens; every cell is formula-safe.
"""

import csv
import io
import json

from hearth.core.csv_cells import formula_safe_row

CSV_HEADER = ["section", "record", "field", "value"]


def as_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def csv_rows(data: dict) -> list[list[str]]:
    rows = [
        ["person", "1", "email", data["email"]],
        ["person", "1", "exported_at", data["exported_at"]],
    ]
    for section, records in data.items():
        if not isinstance(records, list):
            continue
        for number, record in enumerate(records, start=1):
            for field, value in record.items():
                text = json.dumps(value, sort_keys=True) if isinstance(value, dict) else value
                rows.append([section, str(number), field, "" if text is None else str(text)])
    return rows


def as_csv(data: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in csv_rows(data):
        writer.writerow(formula_safe_row(row))
    return out.getvalue()
