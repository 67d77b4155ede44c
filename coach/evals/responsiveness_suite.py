"""Responsiveness: does the persona's reply do what an acceptable reply to that line must do?

Each item is a trainee line in context (scenario, earlier turns) with the kinds of reply that are
acceptable (answer:<topic>, defer:<topic>, ack:offer, react:apology, steer:agenda, refuse:limit…). The
earlier trainee turns are played through the engine, the last buyer line of the item is put in place as
context, and the reply the trainee would see is graded:

- text (the headline): the reply's words carry a cue of an accepted kind — cues from
  `reply_cues.yaml`, written apart from the reply banks — and the reply passes the guard (no leak,
  no meta words);
- plan (beside it): the engine's own account of its reply (ack:offer, answer:timeline, move:counter…)
  matches an accepted kind. A gap between the two points at bank lines that do not read as intended,
  or at cues that are too narrow.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from coach.jsonl import numbered_items  # noqa: F401  (re-exported for the other suites)
from coach.roleplay.compose import PRICE_MOVES
from coach.roleplay.guard import _META, check_reply
# which plan parts satisfy a kind that is not named one to one
PLAN_EQUIVALENTS: dict[str, set[str]] = {
    "ack:offer": {f"move:{m}" for m in PRICE_MOVES} | {"ack:offer"},
    "ack:trade": {"ack:trade", "move:counter", "move:concede", "move:conditional_accept", "move:accept"},
    "ack:concession": {"ack:concession", *(f"move:{m}" for m in PRICE_MOVES)},
    "ack:commitment": {"ack:commitment"},
    "react:greeting": {"move:greet", "ack:greeting"},
    "react:small_talk": {"move:small_talk", "move:hospitality", "ack:small_talk", "personal"},
    "react:invitation": {"ack:invitation", "ack:visit", "move:hospitality"},
    "react:compliment": {"ack:compliment"},
    "react:apology": {"ack:apology"},
    "react:pressure": {"ack:pressure", "move:indirect_refusal", "move:hold_firm", "move:postpone", "move:walk_away",
                       "move:direct_refusal"},
    "react:escalation": {"move:silence", "move:indirect_refusal", "move:hold_firm"},
    "react:walk_away": {"move:farewell"},
    "react:agreement": {"ack:agreement", "move:accept", "move:conditional_accept", "move:defer"},
    "refuse:limit": {"move:deflect"},
    "stay:in_character": {"move:stay_in_role"},
    "steer:agenda": {"steer", "move:push_agenda"},
}


class ReplyCues:
    """The grader's lexicon: per accepted kind, regular expressions an acceptable reply matches."""

    def __init__(self, path: Path):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        self.kinds: dict[str, list[re.Pattern[str]]] = {}
        for kind, spec in (data.get("kinds") or {}).items():
            try:
                self.kinds[kind] = [re.compile(rx, re.IGNORECASE) for rx in (spec or {}).get("any", [])]
            except re.error as e:
                raise ValueError(f"{path}: kinds.{kind}: bad regular expression ({e})") from e

    def satisfied(self, kind: str, reply: str) -> bool:
        if kind.startswith("defer:"):
            cues = self.kinds.get(kind) or self.kinds.get("defer:*", [])
        else:
            cues = self.kinds.get(kind, [])
        if kind == "stay:in_character" and _META.search(reply):
            return False
        return any(rx.search(reply) for rx in cues)


def plan_satisfies(kind: str, plan: list[str]) -> bool:
    labels = set(plan)
    if kind.startswith("answer:"):
        return kind in labels
    if kind.startswith("defer:"):
        return f"guarded:{kind.split(':', 1)[1]}" in labels or bool(labels & {"move:defer", "move:postpone"})
    return bool(labels & PLAN_EQUIVALENTS.get(kind, {kind}))


def load_items(path: Path) -> list[dict[str, Any]]:
    return [item for _, item in numbered_items(path)]


def selected(items: list[dict[str, Any]], args: dict, ctx: Any, opts: Any) -> list[dict[str, Any]]:
    """The items a run plays: one market's scenarios when a pack run names one, every n-th when `every` is set."""
    if opts.market:
        items = [i for i in items if ctx.packs.scenarios[i["scenario"]].market == opts.market]
    return items[:: int(args["every"])] if args.get("every") else items


def eval_roleplay(ctx: Any, args: dict) -> Any:
    """The role-play an eval plays through: the configured realiser, no latency budget (an eval judges what is written,
    not how fast)."""
    rp = ctx.roleplay(args.get("realiser", "bank"))
    rp.budget = 0.0
    return rp


def load_judged(path: Path) -> dict[str, dict[str, Any]]:
    """A reader's verdicts on earlier replies: one {"id", "reply", "acceptable", "reason"} per line."""
    out = {}
    for item in load_items(path):
        if not isinstance(item.get("acceptable"), bool) or not item.get("id") or "reply" not in item:
            raise ValueError(f"{path}: item {item.get('id', '?')}: needs id, reply and acceptable (true/false)")
        if item["id"] in out:
            raise ValueError(f"{path}: item {item['id']}: judged twice (keep one verdict per item)")
        out[item["id"]] = item
    return out


def judged_metrics(out: list[dict[str, Any]], judged: dict[str, dict[str, Any]]) -> dict[str, float]:
    """How a reader judged the replies that are still word for word the ones judged: the share acceptable, how many
    replies that covers, and how often the cue grader agreed with the reader on them."""
    same = [(o, judged[o["id"]]) for o in out if o["id"] in judged and judged[o["id"]]["reply"] == o["reply"]]
    changed = [judged[o["id"]] for o in out if o["id"] in judged and judged[o["id"]]["reply"] != o["reply"]]
    # a reply that changed leaves the figure, whichever way it was judged: how many of each, so the bias shows
    out_of = {"judged_changed_were_acceptable": float(sum(j["acceptable"] for j in changed)),
              "judged_changed_were_not": float(sum(not j["acceptable"] for j in changed))}
    if not same:
        return {"judged_acceptable": float("nan"), "judged_coverage": 0.0,
                "grader_agrees_with_judge": float("nan"), **out_of}
    return {"judged_acceptable": round(sum(j["acceptable"] for _, j in same) / len(same), 3),
            "judged_coverage": round(len(same) / max(1, len(out)), 3),
            "grader_agrees_with_judge": round(sum(o["ok"] == j["acceptable"] for o, j in same) / len(same), 3), **out_of}


class ResponsivenessSuite:
    def run(self, args: dict, data_path: Path, ctx: Any, opts: Any) -> tuple[dict[str, float], list[dict]]:
        items = selected(load_items(data_path), args, ctx, opts)
        cues = ReplyCues(data_path.parent / args.get("cues", "reply_cues.yaml"))
        rp = eval_roleplay(ctx, args)
        out: list[dict[str, Any]] = []
        by_kind: Counter[str] = Counter()
        missed_kind: Counter[str] = Counter()
        for item in items:
            reply, result = self._play(rp, ctx, item)
            sc = ctx.packs.scenarios[item["scenario"]]
            verdict = check_reply(reply, ctx.packs.personas[sc.persona], sc, result.move, [], from_model=False)
            text_ok = verdict.ok and any(cues.satisfied(k, reply) for k in item["accept"])
            plan_ok = any(plan_satisfies(k, result.plan) for k in item["accept"])
            kind = item["accept"][0].split(":")[0]
            by_kind[kind] += 1
            missed_kind[kind] += not text_ok
            out.append({"id": item["id"], "scenario": item["scenario"], "text": item["text"], "accept": item["accept"],
                        "reply": reply, "plan": result.plan, "source": result.source, "ok": text_ok,
                        "plan_ok": plan_ok, "errors": (not text_ok) + (not plan_ok)})
            if opts.progress:
                opts.progress(len(out), len(items))
        n = max(1, len(out))
        metrics = {"responsiveness": round(sum(o["ok"] for o in out) / n, 3),
                   "plan_responsiveness": round(sum(o["plan_ok"] for o in out) / n, 3),
                   "model_share": round(sum(o["source"] == "model" for o in out) / n, 3), "n": float(len(out))}
        for kind, total in sorted(by_kind.items()):
            metrics[f"responsiveness_{kind}"] = round(1 - missed_kind[kind] / total, 3)
        if args.get("judged"):
            metrics.update(judged_metrics(out, load_judged(data_path.parent / args["judged"])))
        out.sort(key=lambda o: -o["errors"])
        return metrics, out

    def _play(self, rp: Any, ctx: Any, item: dict[str, Any]) -> tuple[str, Any]:
        """Earlier trainee turns through the engine; each buyer line of the history stands in for the engine's reply
        to the trainee line before it (what the next turn reads as the buyer's last word is the item's, as the blind
        reader sees it), and the item's last buyer line is the context of its line."""
        sid = rp.start(item["scenario"], seller_name=item.get("seller_name"), seed=str(item["id"]))
        history = item.get("history") or []
        opening = next((i for i, h in enumerate(history) if h["role"] == "trainee"), len(history))
        if 0 < opening < len(history):  # the buyer spoke first, then the trainee: that line opens the meeting
            self._opened(rp, sid, history[opening - 1]["text"])
        for i, turn in enumerate(history):
            if turn["role"] == "trainee":
                t = rp.turn(sid, turn["text"])
                t.text()
                if t.result.ended:
                    # the history ended the talks: replay the line on a fresh one
                    sid = rp.start(item["scenario"], seed=str(item["id"]))
                elif i + 1 < len(history) and history[i + 1]["role"] == "persona":
                    mine = [x for x in rp.store.turns(sid) if x.role == "persona"]
                    if mine:  # the line is the item's, its move not known
                        rp.store.update_turn(mine[-1].id, text=history[i + 1]["text"],
                                             meta={**(mine[-1].meta or {}), "move": None, "context": True})
        last_buyer = next((h["text"] for h in reversed(history) if h["role"] == "persona"), None)
        if last_buyer and not any(x.role == "persona" for x in rp.store.turns(sid)):
            self._opened(rp, sid, last_buyer)  # only the buyer spoke (or the talks restarted): its greeting is behind us
        t = rp.turn(sid, item["text"])
        return t.text(), t.result

    @staticmethod
    def _opened(rp: Any, sid: str, line: str) -> None:
        """The buyer's opening line, said before the trainee's first: stored as the context, its welcome done."""
        rp.store.add_turn(sid, "persona", line, status="complete", meta={"context": True})
        row = rp.store.get_session(sid)
        state = dict(row.state or {})
        state["negotiation"] = {**state.get("negotiation", {}), "last_moves": ["greet"]}
        rp.store.update_session(sid, state=state)
