"""Reading CRM export files as they really are: BOMs, `;` or `,` or tabs, localised dates and decimals, XLSX."""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from pathlib import Path
from typing import Iterator

csv.field_size_limit(16 * 1024 * 1024)  # an oversized cell refuses its line (importer), not the whole file
_CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "US$": "USD", "¥": "JPY", "£": "GBP", "₩": "KRW", "R$": "BRL", "₹": "INR"}
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(,\d{3})+$")


class FileError(ValueError):
    """The whole file cannot be read (encoding, size, format); the message names the file and what to do."""


def decode(raw: bytes, name: str, encoding: str | None = None) -> str:
    if encoding:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise FileError(f"{name}: cannot read it as {encoding} ({exc})") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileError(f"{name}: line {line} is not UTF-8 (byte 0x{raw[exc.start]:02x}); export the file as "
                        "UTF-8 CSV, or name its encoding with --encoding (e.g. cp1252, latin-1, shift_jis)") from None


def sniff_delimiter(text: str) -> str:
    head = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: head.count(d) for d in ",;\t"}
        return max(counts, key=counts.get)  # type: ignore[arg-type]


def read_rows(path: Path, encoding: str | None = None) -> tuple[list[str], Iterator[tuple[int, list[str]]], str]:
    """(header, rows as (line number, cells), delimiter). Line numbers are the file's own (header = line 1)."""
    name = path.name
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raw = path.read_bytes()
    text = decode(raw, name, encoding)
    if not text.strip():
        raise FileError(f"{name}: the file is empty")
    delim = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise FileError(f"{name}: line 1 is not CSV ({exc})") from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        start = reader.line_num + 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise FileError(f"{name}: line {start} is not valid CSV ({exc})") from None
            if any(c.strip() for c in cells):
                yield start, cells
            start = reader.line_num + 1
    return header, rows(), delim


def _read_xlsx(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]], str]:
    try:
        import openpyxl
    except ImportError:
        raise FileError(f"{path.name}: reading .xlsx needs openpyxl (pip install openpyxl), or save the sheet as "
                        "CSV UTF-8 and import that") from None
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook gets one clear message
        raise FileError(f"{path.name}: not a readable .xlsx workbook ({type(exc).__name__})") from None
    it = wb.active.iter_rows(values_only=True)
    header = [str(h or "").strip() for h in next(it, ())]

    def cell(v: object) -> str:
        if isinstance(v, datetime):
            return v.strftime("%Y-%m-%d %H:%M:%S")
        return "" if v is None else str(v)

    def rows() -> Iterator[tuple[int, list[str]]]:
        for n, r in enumerate(it, start=2):
            cells = [cell(v) for v in r]
            if any(c.strip() for c in cells):
                yield n, cells
    return header, rows(), ","


def parse_date(value: str, formats: list[str]) -> datetime:
    v = value.strip()
    for fmt in formats:
        try:
            return datetime.strptime(v, fmt)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(v.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        raise ValueError(f"{value!r} is not a date (expected e.g. {datetime(2026, 12, 31).strftime(formats[0])})") from None


def parse_amount(value: str, decimal: str = "auto", continental: bool = False) -> tuple[float, str | None]:
    """(number, currency from a sign or code in the cell). '1.234,50' and '1,234.50' both read as 1234.5."""
    v = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    currency = None
    for sign, code in sorted(_CURRENCY_SIGNS.items(), key=lambda kv: -len(kv[0])):
        if sign in v:
            v, currency = v.replace(sign, ""), code
            break
    m = re.match(r"^([A-Z]{3})?(.*?)([A-Z]{3})?$", v)
    if m and (m.group(1) or m.group(3)):
        currency, v = m.group(1) or m.group(3), m.group(2)
    neg = v.startswith("-") or v.endswith("-") or (v.startswith("(") and v.endswith(")"))
    v = v.strip("-()")
    if not re.fullmatch(r"[\d.,]+", v or "x"):
        raise ValueError(f"{value!r} is not an amount")
    if decimal == "auto":
        if "," in v and "." in v:
            decimal = "," if v.rfind(",") > v.rfind(".") else "."
        elif "," in v:
            decimal = "." if _THOUSANDS_COMMA.match(v) and not continental else ","
        elif "." in v and _THOUSANDS_DOT.match(v) and (continental or currency is not None):  # € 1.234, 12.000 JPY
            decimal = ","
        else:
            decimal = "."
    thousands = "," if decimal == "." else "."
    try:
        number = float(v.replace(thousands, "").replace(decimal, "."))
    except ValueError:
        raise ValueError(f"{value!r} is not an amount") from None
    return (-number if neg else number), currency


_PLAIN_NUMBER = re.compile(r"-?\d+([.,]\d+)?")
AMOUNT = re.compile(r"-[\d.,\s]+")  # a negative amount as exports write it ("-1.234,50"): not a formula


def is_formula(value: str, number: re.Pattern[str] = _PLAIN_NUMBER) -> bool:
    """A cell a spreadsheet would run: it starts (after spaces) with = + - @, or with a tab or carriage return,
    and is not simply a `number`."""
    if not value or not (value.lstrip(" \t\r\n")[:1] in ("=", "+", "-", "@") or value[:1] in ("\t", "\r")):
        return False
    return not number.fullmatch(value.strip())


def safe_cell(value: object) -> object:
    """A CSV cell a spreadsheet will show as text: formula starters get a leading apostrophe."""
    return "'" + value if isinstance(value, str) and is_formula(value) else value
