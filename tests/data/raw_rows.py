"""Rows of a raw export of vawg-synth --all, read independently of the
toolkit: a CSV export with Python's csv module in its encoding and
delimiter, the .xlsx export with openpyxl (date cells as dd/mm/yyyy, as
the CSV exports write them).  rows(path, manifest_row) -> [header, ...]."""
import csv
import datetime
import io


def rows(path, m):
    if m["encoding"] == "xlsx":
        import openpyxl
        wb = openpyxl.load_workbook(path, read_only=True)
        out = []
        for row in wb.worksheets[0].iter_rows(values_only=True):
            out.append(["" if v is None else
                        v.strftime("%d/%m/%Y") if isinstance(v, datetime.datetime)
                        else str(v) for v in row])
        width = len(out[0])
        return [r + [""] * (width - len(r)) for r in out]
    enc = {"cp1252": "cp1252", "utf-8-bom": "utf-8-sig"}.get(m["encoding"],
                                                            "utf-8")
    d = {"comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|"}[m["delimiter"]]
    text = open(path, encoding=enc, newline="").read()
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=d))


def line_starts(path, m):
    """The line each record starts on, by its first field."""
    if m["encoding"] == "xlsx":     # one sheet row per record
        return {r[0]: i + 1 for i, r in enumerate(rows(path, m))}
    enc = {"cp1252": "cp1252", "utf-8-bom": "utf-8-sig"}.get(m["encoding"],
                                                            "utf-8")
    d = {"comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|"}[m["delimiter"]]
    text = open(path, encoding=enc, newline="").read()
    r = csv.reader(io.StringIO(text, newline=""), delimiter=d)
    start, prev = {}, 0
    for rec in r:           # a record starts the line after the last ended
        start[rec[0]] = prev + 1
        prev = r.line_num
    return start
