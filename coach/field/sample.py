"""Demo CRM exports: the same ~2,000 deals (two regions, two years) written the way Salesforce, HubSpot and
Pipedrive export them, with the quirks real files have (BOM, `;`, localised dates and decimals, duplicated deals,
missing stages, several currencies). Importing any of the three gives the same KPIs."""
from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from coach.field.config import load_mapping

REGIONS = {
    "DE": {"teams": {"DE-Automotive": ["Anna Schmidt", "Jonas Weber"], "DE-Industrial": ["Lena Fischer", "Murat Yilmaz"]},
           "markets": {"JP": 0.16, "KR": 0.12, "CN": 0.14, "IN": 0.10, "US": 0.10, "NL": 0.08, "DE": 0.20, "BR": 0.10}},
    "US": {"teams": {"US-Enterprise": ["Emily Carter", "Marcus Reed"], "US-MidMarket": ["Sofia Alvarez", "Daniel Kim"]},
           "markets": {"JP": 0.12, "SA": 0.10, "AE": 0.10, "BR": 0.14, "IN": 0.10, "DE": 0.12, "US": 0.32}},
}
# days to answer a first offer, and cycle days (median-ish) per market: tendencies with wide spread
PACE = {"DE": (5, 75), "US": (4, 60), "NL": (5, 70), "JP": (18, 210), "KR": (11, 140), "CN": (16, 160), "IN": (8, 120),
        "BR": (8, 110), "SA": (17, 180), "AE": (11, 130)}
NAMES = {"JP": ["Tanaka Seiki", "オオサカ精工", "Hokuriku Denki"], "KR": ["Hanbit Precision", "대한정밀", "Seoul Motion"],
         "CN": ["Suzhou Yida", "华东机电", "Ningbo Keli"], "IN": ["Pune Forge", "Shakti Components", "Nair Automation"],
         "US": ["Midwest Fabrication", "Lakeshore Controls", "Bayline Tools"], "NL": ["Rijnmond Techniek", "Van Dijk Logistiek"],
         "DE": ["Müller Antriebstechnik", "Rheinmetall Zulieferer", "Schwarzwald Präzision"],
         "BR": ["Metalúrgica Paulista", "Grupo Serra Azul"], "SA": ["Al-Rashid Industrial", "شركة النخبة"],
         "AE": ["Gulf Horizon Trading", "مؤسسة الخليج"]}
COUNTRY = {"DE": "Germany", "US": "United States", "NL": "Netherlands", "JP": "Japan", "KR": "South Korea", "CN": "China",
           "IN": "India", "BR": "Brazil", "SA": "Saudi Arabia", "AE": "United Arab Emirates"}
CURRENCY = {"JP": "JPY", "US": "USD", "SA": "USD", "AE": "USD", "BR": "USD"}
SPECIFIC = ["Needs the {n}h salt-spray result before the plant can sign", "Purchasing committee meets on the {n}th; "
            "they want net 60 instead of net 30", "Quote is {n}% above the local supplier for the same alloy",
            "IT security asks for data residency in-country and an SSO integration", "Requires local-content share of {n}%",
            "Warranty clause: they want {n} months instead of 24", "PPAP level 3 documents missing for the second part number"]
GENERIC = ["Too expensive", "Not the right time for us", "Happy with the current supplier", "Need to think about it",
           "Management is not convinced", "Budget is tight this year", "Send more information first"]
STAGES = {"salesforce": {"lead": "Prospecting", "qualified": "Qualification", "solution": "Value Proposition",
                         "offer": "Proposal/Price Quote", "negotiation": "Negotiation/Review", "won": "Closed Won",
                         "lost": "Closed Lost"},
          "hubspot": {"lead": "Appointment Scheduled", "qualified": "Qualified To Buy", "solution": "Presentation Scheduled",
                      "offer": "Offer Sent", "negotiation": "Contract Sent", "won": "closedwon", "lost": "Closed Lost"},
          "pipedrive": {"lead": "Qualified", "qualified": "Contact Made", "solution": "Demo Scheduled",
                        "offer": "Proposal Made", "negotiation": "Negotiations Started", "won": "Negotiations Started",
                        "lost": "Proposal Made"}}


@dataclass
class Deal:
    n: int
    region: str
    team: str
    rep: str
    market: str
    account: str
    stage: str
    status: str
    deal_type: str
    amount: float
    currency: str
    created: datetime
    first_offer: datetime | None
    first_response: datetime | None
    forecast_close: datetime | None
    closed: datetime | None
    objection: str | None


def deals(n: int = 2000, seed: int = 7, start: datetime = datetime(2024, 12, 1), days: int = 730) -> list[Deal]:
    rng = random.Random(seed)
    out: list[Deal] = []
    end = start + timedelta(days=days)
    first_won: dict[tuple[str, str], datetime] = {}
    for i in range(n):
        region = "DE" if rng.random() < 0.55 else "US"
        r = REGIONS[region]
        team = rng.choice(sorted(r["teams"]))
        rep = rng.choice(r["teams"][team])
        market = rng.choices(list(r["markets"]), weights=list(r["markets"].values()))[0]
        resp_days, cycle = PACE[market]
        created = start + timedelta(days=rng.randrange(days), hours=rng.randrange(8, 18))
        learning = (created - start).days / days  # the second year is better: answered offers, realistic forecasts
        account = f"{rng.choice(NAMES[market])} {rng.randrange(1, 40)}"
        offer = created + timedelta(days=rng.randint(5, 30))
        answered = rng.random() < 0.55 + 0.3 * learning
        response = offer + timedelta(days=max(1, int(rng.gauss(resp_days, resp_days / 3)))) if answered else None
        if response and rng.random() < 0.35 - 0.2 * learning:
            response += timedelta(days=resp_days * 2)  # answered, but late for the market
        length = max(20, int(rng.lognormvariate(0, 0.35) * cycle))
        planned = int(cycle * (0.45 + 0.5 * learning)) if market in ("JP", "KR", "CN", "SA", "AE") else cycle
        forecast = created + timedelta(days=max(15, int(planned * rng.uniform(0.8, 1.2))))
        close = created + timedelta(days=length)
        if close > end:
            status, closed, stage = "open", None, rng.choice(["qualified", "solution", "offer", "negotiation"])
        else:
            won = rng.random() < (0.3 + 0.25 * learning + (0.1 if answered else -0.1))
            status, closed, stage = ("won" if won else "lost"), close, ("won" if won else "lost")
        kind = "new"
        if status == "won" and (region, account) in first_won and rng.random() < 0.8:
            kind = "reorder"
        if status == "won":
            first_won.setdefault((region, account), close)
        amount = round(rng.uniform(20_000, 900_000), 2)
        currency = CURRENCY.get(market, "EUR")
        if currency == "JPY":
            amount = float(round(amount * 160))
        objection = None
        if rng.random() < 0.4:
            spec = rng.random() < 0.35 + 0.35 * learning + (0.1 if region == "DE" else 0.0)
            objection = rng.choice(SPECIFIC if spec else GENERIC).format(n=rng.choice([12, 14, 18, 25, 30, 240, 480]))
        out.append(Deal(i + 1, region, team, rep, market, account, stage, status, kind, amount, currency, created,
                        offer if stage not in ("qualified", "solution") else None,
                        response if stage not in ("qualified", "solution") else None, forecast, closed, objection))
    # later reorders for accounts won early (second-year retention)
    for (region, account), won_at in sorted(first_won.items()):
        if rng.random() < 0.45 and won_at + timedelta(days=200) < end:
            d = next(x for x in out if x.region == region and x.account == account)
            when = won_at + timedelta(days=rng.randint(200, 700))
            if when < end:
                out.append(Deal(len(out) + 1, region, d.team, d.rep, d.market, account, "won", "won", "reorder",
                                d.amount * 0.6, d.currency, when - timedelta(days=30), None, None, when, when, None))
    return out


def _date(source: str, d: datetime | None) -> str:
    if d is None:
        return ""
    return {"salesforce": d.strftime("%d.%m.%Y"), "hubspot": d.strftime("%Y-%m-%d %H:%M"),
            "pipedrive": d.strftime("%Y-%m-%d %H:%M:%S")}[source]


def _amount(source: str, a: float) -> str:
    if source == "salesforce":  # German locale: 1.234,50
        return f"{a:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{a:.2f}"


def write(source: str, out: Path, n: int = 2000, seed: int = 7) -> int:
    """Write one export; returns the number of data rows (duplicates and broken rows included)."""
    m = load_mapping(source)
    cols = list(m.columns)
    all_deals = deals(n, seed)
    rows = []
    for d in all_deals:
        ident = {"salesforce": f"0065g{d.n:010d}", "hubspot": str(9_100_000_000 + d.n), "pipedrive": str(d.n)}[source]
        stage = STAGES[source][d.stage]
        dtype = {"new": m.deal_type["new"][0], "reorder": m.deal_type["reorder"][0]}[d.deal_type]
        v = {"deal_id": ident, "name": f"{d.account} — {d.market} {d.created:%Y}", "account": d.account, "rep": d.rep,
             "team": d.team, "region": d.region, "market": COUNTRY[d.market] if source != "pipedrive" else d.market,
             "stage": stage, "status": {"open": "Open", "won": "Won", "lost": "Lost"}[d.status],
             "amount": _amount(source, d.amount), "currency": d.currency, "created": _date(source, d.created),
             "closed": _date(source, d.closed or (d.forecast_close if source == "salesforce" else None)),
             "forecast_close": _date(source, d.forecast_close), "first_offer": _date(source, d.first_offer),
             "first_response": _date(source, d.first_response), "deal_type": dtype, "objection": d.objection or ""}
        if d.n % 97 == 0:  # a deal whose stage was never set (the row is refused with its line)
            v["stage"], v["status"] = "", "Open"
        rows.append([v[c] for c in cols])
        if d.n % 131 == 0:  # exported twice (a report joined to a second object)
            rows.append([v[c] for c in cols])
    delim = ";" if source == "salesforce" else ","
    with out.open("w", encoding="utf-8-sig" if source != "pipedrive" else "utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=delim)
        w.writerow([m.columns[c] for c in cols])
        w.writerows(rows)
    return len(rows)
