"""Field results: CRM exports -> deals in the shared funnel -> KPIs, with real files' quirks and hostile input."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.field import sample
from coach.field.config import load_funnel, load_mapping
from coach.field.importer import import_file
from coach.field.kpis import compute
from coach.field.parse import FileError, parse_amount, safe_cell
from coach.field.report import to_csv

HEADER = ("Record ID,Deal Name,Associated Company,Deal owner,Sales Team,Sales Region,Market,Deal Stage,Amount,Currency,"
          "Create Date,Close Date,Forecast close date,First offer sent,First buyer response,Deal Type,Main objection\n")


def _write(path: Path, rows: list[str], header: str = HEADER, encoding: str = "utf-8") -> Path:
    path.write_text(header + "\n".join(rows) + "\n", encoding=encoding)
    return path


SMALL = [  # DE region: two JP deals, two DE (home) deals; hand-computed KPIs below
    "1,A,Tanaka Seiki,Anna Schmidt,T1,DE,Japan,Closed Won,100,JPY,2025-01-01 09:00,2025-10-28 10:00,2025-04-01 09:00,2025-01-10 09:00,2025-01-25 09:00,New Business,Needs the 240h salt-spray result",
    "2,B,Hokuriku Denki,Jonas Weber,T1,DE,JP,Closed Lost,200,JPY,2025-02-01,2025-05-01,2025-04-01,2025-02-05,,New Business,Too expensive",
    "3,C,Müller,Anna Schmidt,T1,DE,Germany,Closed Won,\"1,234.50\",EUR,2025-01-01,2025-03-02,2025-03-01,2025-01-05,2025-01-09,New Business,",
    "4,D,Schwarz,Anna Schmidt,T1,DE,DE,Contract Sent,10,EUR,2025-03-01,2025-06-01,,2025-03-04,2025-03-20,New Business,",
    "5,E,Tanaka Seiki,Anna Schmidt,T1,DE,Japan,Closed Won,50,JPY,2026-03-01,2026-05-01,2026-05-01,,,Existing Business,",
]


@pytest.fixture
def small(tmp_path, store, registry):
    report = import_file(store, _write(tmp_path / "deals.csv", SMALL), "hubspot", registry=registry)
    assert (report.imported, report.rejected) == (5, []), report.rejected
    return report


def test_kpis_by_hand(small, store, registry):
    rows = {r["market"]: r for r in compute(store, registry, by=("market",))}
    jp, de = rows["JP"], rows["DE"]
    # JP window 21 days (market profile): deal 1 answered in 15 days; deal 2 not at all -> 1/2
    assert jp["first_offer_response_rate"] == 0.5 and jp["response_window_days"] == 21
    # DE window 7 days: deal 3 answered in 4 days, deal 4 in 16 days -> 1/2
    assert de["first_offer_response_rate"] == 0.5
    # cycle: JP won new deal 1 = 300 days; home (DE) won new deal 3 = 60 days -> 5.0 (expected 3.0)
    assert jp["median_cycle_days"] == 300 and jp["cycle_time_vs_home"] == 5.0 and jp["expected_cycle_ratio"] == 3.0
    # hit rate JP: deals 1 and 5 won, 2 lost -> 2/3
    assert jp["hit_rate"] == round(2 / 3, 3)
    # forecast slip: deal 1 (300 - 90) / 90 = 2.33; deal 2 (89 - 59) / 59 = 0.51; deal 5 0 -> mean 0.95
    assert jp["forecast_error"] == pytest.approx((210 / 90 + 30 / 59 + 0) / 3, abs=0.01)
    # retention: Tanaka Seiki's first win (2025-10-28) is not a year old at the last date in the data (2026-05-01)
    assert jp["second_year_retention"] is None
    # ... but it is by 2027: the reorder won 2026-05-01 (185 days later) counts -> retained
    later = {r["market"]: r for r in compute(store, registry, by=("market",), until=datetime(2027, 1, 1))}
    assert later["JP"]["second_year_retention"] == 1.0 and later["JP"]["retention_accounts"] == 1
    # deal 4 is open and its forecast close (2025-06-01) passed more than 30 days before the last date: stalled
    assert de["decision_status"] == {"won": 1, "lost": 0, "open": 1, "stalled": 1}
    assert jp["objections"] == 2 and jp["objection_specificity"] == 0.5
    assert de["second_year_retention"] == 0.0  # Müller (first win 2025-03-02) is over a year old and never reordered
    assert rows["JP"]["objection_specificity"] is not None and compute(store, registry, by=("team",))[0]["team"] == "T1"


def test_reimport_changes_nothing_and_a_change_updates(small, store, registry, tmp_path):
    again = import_file(store, tmp_path / "deals.csv", "hubspot", registry=registry)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 5)
    changed = [SMALL[0].replace("Closed Won,100", "Closed Won,150")] + SMALL[1:]
    r = import_file(store, _write(tmp_path / "deals2.csv", changed), "hubspot", registry=registry)
    assert (r.imported, r.updated, r.unchanged) == (0, 1, 4)


def test_bad_rows_are_reported_with_line_and_reason(store, registry, tmp_path):
    rows = SMALL[:2] + [
        SMALL[0],  # duplicate
        "7,G,X,Y,T1,DE,Atlantis,Closed Won,1,EUR,2025-01-01,2025-02-01,,,,New Business,",
        "8,H,X,Y,T1,DE,JP,,1,EUR,2025-01-01,,,,,New Business,",
        "9,I,X,Y,T1,DE,JP,Closed Won,1,EUR,31/31/2025,2025-02-01,,,,New Business,",
        "10,J,X,Y,T1,XX,JP,Closed Won,1,EUR,2025-01-01,2025-02-01,,,,New Business,",
        "11,K,X,Y,T1,DE,JP,Verhandlung,1,EUR,2025-01-01,2025-02-01,,,,New Business,",
    ]
    r = import_file(store, _write(tmp_path / "bad.csv", rows), "hubspot", registry=registry)
    reasons = {x["line"]: x["reason"] for x in r.rejected}
    assert r.imported == 2 and set(reasons) == {4, 5, 6, 7, 8, 9}
    assert "duplicate of line 2" in reasons[4]
    assert "Atlantis" in reasons[5] and "no stage" in reasons[6] and "'Create Date'" in reasons[7]
    assert "region 'XX'" in reasons[8] and "Verhandlung" in reasons[9] and "funnel.yaml" in reasons[9]


def test_hostile_files_get_clear_messages(store, registry, tmp_path, monkeypatch):
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + SMALL[2].replace("Müller", "M\xfcller") + "\n").encode("cp1252"))
    with pytest.raises(FileError, match=r"line 2 is not UTF-8.*--encoding"):
        import_file(store, latin, "hubspot", registry=registry)
    assert import_file(store, latin, "hubspot", registry=registry, encoding="cp1252").imported == 1
    with pytest.raises(FileError, match=r"no column 'Opportunity ID' \(deal_id\).*the file has: Record ID.*Is it a salesforce"):
        import_file(store, tmp_path / "latin.csv", "salesforce", registry=registry, encoding="cp1252")
    import coach.field.importer as imp
    monkeypatch.setattr(imp, "MAX_IMPORT_MB", 0.0001)
    with pytest.raises(FileError, match="the import limit is"):
        import_file(store, latin, "hubspot", registry=registry, encoding="cp1252")


def test_formula_cells_are_text_and_exports_escape_them(store, registry, tmp_path):
    row = SMALL[2].replace(",C,Müller,", ',"=HYPERLINK(""http://x"",""click"")",=cmd|calc!A1,')
    r = import_file(store, _write(tmp_path / "f.csv", [row]), "hubspot", registry=registry)
    assert r.imported == 1 and any("kept as text" in w["reason"] for w in r.warnings)
    rows = compute(store, registry, by=("market", "rep"))
    rows[0]["rep"] = "=HYPERLINK(\"http://x\")"
    out = to_csv(rows)
    assert "'=HYPERLINK" in out and ",=HYPERLINK" not in out
    assert safe_cell("-12.5") == "-12.5" and safe_cell("@SUM(A1)") == "'@SUM(A1)" and safe_cell("+1+1") == "'+1+1"


def test_amounts_and_dates_as_regions_write_them():
    assert parse_amount("1.234,50 €") == (1234.5, "EUR")
    assert parse_amount("1,234.50") == (1234.5, None)
    assert parse_amount("USD 12,000") == (12000.0, "USD")
    assert parse_amount("1.234", continental=True) == (1234.0, None)
    assert parse_amount("(500)") == (-500.0, None)


def test_the_three_crm_samples_give_the_same_kpis(tmp_path, store, registry):
    results = {}
    for source in ("salesforce", "hubspot", "pipedrive"):
        f = tmp_path / f"{source}.csv"
        sample.write(source, f, n=400, seed=3)
        r = import_file(store, f, source, registry=registry)
        assert r.imported > 380 and all(x["line"] > 1 for x in r.rejected)
        results[source] = json.dumps(compute(store, registry, by=("region", "market", "team"), source=source),
                                     sort_keys=True, default=str)
        assert import_file(store, f, source, registry=registry).imported == 0
    assert results["salesforce"] == results["hubspot"] == results["pipedrive"]
    raw = (tmp_path / "salesforce.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.splitlines()[0]


def test_a_salesperson_sees_only_their_own_deals(small, store, registry):
    from coach.store.review import Viewer
    anna = Viewer(user_id=1, role="salesperson", name="anna.schmidt")
    rows = compute(store, registry, anna, by=("rep",))
    assert [r["rep"] for r in rows] == ["Anna Schmidt"] and rows[0]["deals"] == 4
    assert {r["rep"] for r in compute(store, registry, Viewer.operator(), by=("rep",))} == {"Anna Schmidt", "Jonas Weber"}


def test_funnel_and_mappings_validate():
    f = load_funnel()
    assert f.stage_for("salesforce", "proposal/price quote").id == "offer"
    assert f.stage_for("pipedrive", "Won").outcome == "won"
    for s in ("salesforce", "hubspot", "pipedrive", "objections"):
        assert load_mapping(s).source == s
    with pytest.raises(ValueError, match="unknown source"):
        load_mapping("dynamics")


def test_cli_import_kpis_stages_and_monthly_pack(tmp_path, settings, monkeypatch):
    from coach.cli import app
    monkeypatch.setenv("COACH_DATA_DIR", str(settings.data_dir))
    runner = CliRunner()
    f = tmp_path / "hub.csv"
    assert runner.invoke(app, ["field", "sample", "--source", "hubspot", "--out", str(f), "--deals", "300"]).exit_code == 0
    r = runner.invoke(app, ["field", "import", str(f), "--source", "hubspot", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert set(out) >= {"imported", "unchanged", "rejected"} and out["imported"] > 280
    assert all({"line", "reason"} <= set(x) for x in out["rejected"])
    r = runner.invoke(app, ["field", "kpis", "--by", "region", "--json", "--out", str(tmp_path / "k.csv")])
    rows = json.loads(r.stdout)
    for key in ("first_offer_response_rate", "cycle_time_vs_home", "second_year_retention", "hit_rate",
                "forecast_error", "objection_specificity"):
        assert key in rows[0]
    assert (tmp_path / "k.csv").read_text().startswith("region,deals")
    assert "offer" in runner.invoke(app, ["field", "stages"]).stdout
    r = runner.invoke(app, ["report", "--month", "2026-11", "--out", str(tmp_path / "pack.html")])
    assert r.exit_code == 0, r.output
    html = (tmp_path / "pack.html").read_text(encoding="utf-8")
    assert "Field results" in html and "Questions for the session" in html
    assert all(f"field-{n}.png" in html for n in ("cycle", "funnel", "trend"))
    bad = runner.invoke(app, ["field", "import", str(tmp_path / "nope.csv"), "--source", "hubspot"])
    assert bad.exit_code == 2 and "no such file" in " ".join(bad.output.split())  # the message wraps with the path


def test_objection_specificity_on_the_held_out_split(embeddings, model_dir):
    from coach.field.objections import DATA, Specificity, load_items
    items = load_items(DATA / "test.jsonl")
    rated = Specificity(embeddings, cache_dir=model_dir).rate([i["text"] for i in items])
    acc = sum(s == (i["label"] == "specific") for (s, _), i in zip(rated, items)) / len(items)
    assert acc >= 0.9, acc  # measured 0.975 (dev, out-of-fold on train: 0.948; the cue rules alone: 0.88)


def test_an_xlsx_export_reads_like_its_csv(tmp_path, store, registry):
    """HubSpot and Pipedrive export XLSX too: real date and number cells, the same deals and KPIs as the CSV."""
    import csv as csv_mod

    import openpyxl

    from coach.store import Store
    src = tmp_path / "hub.csv"
    sample.write("hubspot", src, n=200, seed=4)
    wb = openpyxl.Workbook()
    ws = wb.active
    with src.open(encoding="utf-8-sig", newline="") as fh:
        for n, row in enumerate(csv_mod.reader(fh)):
            cells: list[object] = []
            for v in row:
                try:
                    cells.append(datetime.strptime(v, "%Y-%m-%d %H:%M") if n else v)
                except ValueError:
                    cells.append(float(v) if n and v.replace(".", "", 1).isdigit() and "." in v else v)
            ws.append(cells)
    xlsx = tmp_path / "hub.xlsx"
    wb.save(xlsx)
    a = import_file(store, src, "hubspot", registry=registry)
    other = Store(f"sqlite:///{tmp_path / 'x.db'}")
    b = import_file(other, xlsx, "hubspot", registry=registry)
    assert (a.imported, [r["line"] for r in a.rejected]) == (b.imported, [r["line"] for r in b.rejected])
    assert json.dumps(compute(store, registry), sort_keys=True) == json.dumps(compute(other, registry), sort_keys=True)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(FileError, match="not a readable .xlsx"):
        import_file(other, broken, "hubspot", registry=registry)
    other.close()


def test_an_objection_log_attaches_to_imported_deals(small, store, registry, tmp_path):
    log = tmp_path / "objections.csv"
    log.write_text("Deal ID;Region;Date;Objection\n"
                   "3;DE;02.03.2025;Braucht die Freigabe durch den Einkaufsausschuss am 15. März, Zahlungsziel 60 Tage\n"
                   "4;DE;2025-03-21;Zu teuer.\n"
                   "99;DE;2025-03-21;deal that was never imported\n"
                   "4;DE;2025-03-21;\n", encoding="utf-8")
    r = import_file(store, log, "objections", registry=registry, classify=lambda xs: [("60" in x, 0.9) for x in xs])
    assert r.imported == 2 and {x["line"] for x in r.rejected} == {4, 5}
    assert "no imported deal '99'" in r.rejected[0]["reason"]
    de = {x["market"]: x for x in compute(store, registry, by=("market",))}["DE"]
    assert de["objections"] == 2 and de["objection_specificity"] == 0.5
    assert import_file(store, log, "objections", registry=registry).imported == 0  # again: nothing new


def test_review_findings_stay_fixed(small, store, registry, tmp_path):
    from coach.store.review import Viewer
    # a restricted viewer whose name has no Latin letters sees their own deals only, never the unowned ones
    rows = SMALL[:1] + [SMALL[1].replace("Jonas Weber", "佐藤 花子"), SMALL[2].replace("Anna Schmidt", "")]
    import_file(store, _write(tmp_path / "u.csv", [r.replace("1,A,", "11,A,").replace("2,B,", "12,B,")
                                                  .replace("3,C,", "13,C,") for r in rows]), "hubspot", registry=registry)
    assert compute(store, registry, Viewer(user_id=9, role="salesperson", name="田中"), by=("rep",)) == []
    sato = compute(store, registry, Viewer(user_id=8, role="salesperson", name="佐藤花子"), by=("rep",))
    assert [r["rep"] for r in sato] == ["佐藤 花子"]
    # the home baseline does not depend on a market filter
    assert compute(store, registry, by=("market",), market="JP")[0]["cycle_time_vs_home"] == 5.0
    # amounts with a currency: a dot before three digits is a thousands separator
    assert parse_amount("€ 1.234") == (1234.0, "EUR") and parse_amount("12.000 JPY") == (12000.0, "JPY")
    assert parse_amount("5-") == (-5.0, None)
    # a status that contradicts the stage, and an over-long cell, are refused with their lines
    bad = [SMALL[0].replace("1,A,", "21,A,").replace("Closed Won", "Closed Lost").replace(",New Business,", ",New Business,"),
           SMALL[0].replace("1,A,", "22," + "x" * 300 + ",")]
    pd_header = ("Deal - ID,Deal - Title,Deal - Market,Deal - Stage,Deal - Status,Deal - Deal created,Deal - Close time,"
                 "Deal - Sales region\n")
    conflict = _write(tmp_path / "p.csv", ["31,T,JP,Won,Lost,2025-01-01,2025-02-01,DE"], header=pd_header)
    r = import_file(store, conflict, "pipedrive", registry=registry)
    assert r.imported == 0 and "is won but the status says lost" in r.rejected[0]["reason"]
    r = import_file(store, _write(tmp_path / "long.csv", bad[1:]), "hubspot", registry=registry)
    assert r.imported == 0 and "the limit is 250" in r.rejected[0]["reason"]
