"""Persona consistency: long scripted sessions per market probing memory, role swaps, language switches
and culture-specific behaviour -> contradiction rate, out-of-character rate, behaviour checks passed."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from coach.evals.yesno import judge_candidates
from coach.roleplay.guard import check_reply

_TITLED = re.compile(r"\b(Team Leader|Director|General Manager|Section Manager|Deputy General Manager|Manager|Mr\.?|Ms\.?|"
                     r"Mrs\.?|Dr\.?|Eng\.?|Sheikh|Abu)\s+([A-Z][a-z]+)")


def _script(template: list[str], sc: Any, turns: int) -> list[str]:
    L = sc.seller_brief.list_price
    p_hi = L
    out = []
    i = 0
    while len(out) < turns:
        line = template[i % len(template)]
        if "{offer}" in line:
            p_hi = max(sc.private.reservation_price * 1.04, p_hi - (L - sc.private.reservation_price) * 0.05)
            line = line.replace("{offer}", f"{p_hi:.2f}" if L < 100 else f"{p_hi:,.0f}")
        out.append(line.replace("{currency}", sc.seller_brief.currency))
        i += 1
    return out


class PersonaConsistencySuite:
    def run(self, args: dict, data_path: Path, ctx: Any, opts: Any) -> tuple[dict[str, float], list[dict]]:
        data = yaml.safe_load(data_path.read_text(encoding="utf-8"))
        rp = ctx.roleplay(args.get("realiser", "bank"))
        rp.budget = 0.0  # an eval judges what the model writes, not how fast: no latency budget
        turns = int(args.get("turns", 40))
        scenarios = [s for s in ctx.packs.scenarios.values() if s.kind == "negotiation" and (not opts.market or s.market == opts.market)]
        items: list[dict[str, Any]] = []
        replies = contradictions = ooc = guarded = model_lines = 0
        judged: list[tuple[str, str, bool]] = []  # (trainee line, reply, in character by the deterministic checks)
        for n_sc, sc in enumerate(scenarios):
            persona = ctx.packs.personas[sc.persona]
            allowed = set(re.findall(r"[A-Z][a-z]+", " ".join(
                [persona.name, persona.decision.superior, persona.decision.committee or ""]
                + [o.title for o in persona.decision.others])))
            sid = rp.start(sc.id)
            last_counter = None
            problems: list[str] = []
            for line in _script(data["script"], sc, turns):
                t = rp.turn(sid, line)
                reply = t.text()
                replies += 1
                replaced = bool(t.result.guard_reasons) and t.result.guard_reasons != ["model unavailable"]
                model_lines += t.result.source == "model" or replaced  # the model wrote a line (kept or replaced)
                guarded += replaced
                v = check_reply(reply, persona, sc, t.result.move, [], from_model=True)
                bad = [r for r in v.reasons if r in ("name label", "out of character word", "seller voice", "capitulation", "layout")]
                if bad:
                    ooc += 1
                    problems.append(f"out of character ({', '.join(bad)}): {reply[:80]}")
                left_language = bool(re.search(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af\u0600-\u06ff]", reply))
                judged.append((line, reply, not bad and not left_language))
                for title, name in _TITLED.findall(reply):
                    if name not in allowed:
                        contradictions += 1
                        problems.append(f"names someone not in the persona's decision chain: {title} {name}")
                counter = (ctx.store.turns(sid)[-1].meta or {}).get("counter")
                if counter is not None and last_counter is not None and counter < last_counter - 1e-9:
                    contradictions += 1
                    problems.append(f"went back on its own offer: {last_counter} -> {counter}")
                if counter is not None:
                    last_counter = counter
                    if counter >= sc.private.reservation_price:
                        contradictions += 1
                        problems.append("offered at or beyond its own limit")
                if left_language:
                    problems.append("left its role-play language")
                    ooc += 1
                if t.result.ended:
                    sid = rp.start(sc.id)
                    last_counter = None
            items.append({"id": sc.id, "ok": not problems, "problems": problems[:10]})
            if opts.progress:
                opts.progress(n_sc + 1, len(scenarios) + len(data.get("behaviour", [])))
        passed = 0
        checks = [b for b in data.get("behaviour", []) if not opts.market or b["scenario"].split("-")[0].upper() == opts.market]
        for b in checks:
            sid = rp.start(b["scenario"])
            moves = []
            for line in b["lines"]:
                t = rp.turn(sid, line)
                t.text()
                moves.append(t.result.move)
                if t.result.ended:
                    break
            ok = all(self._expect(moves, e) for e in b["expect"])
            passed += ok
            items.append({"id": b["id"], "ok": ok, "moves": moves, "expect": b["expect"]})
        metrics = {"replies": float(replies), "contradiction_rate": round(contradictions / max(1, replies), 4),
                   "out_of_character_rate": round(ooc / max(1, replies), 4),
                   "behaviour_checks_passed": round(passed / max(1, len(checks)), 3), "behaviour_checks": float(len(checks)),
                   # how often the model phrased the reply, and how often the guard replaced its line with the bank's
                   "model_phrased_rate": round(model_lines / max(1, replies), 4),
                   "guard_interventions": round(guarded / max(1, replies), 4)}
        judge_metrics, judge_items = judge_candidates(ctx, args, "in_character", judged)
        metrics.update(judge_metrics)
        items.extend(judge_items)
        items.sort(key=lambda i: i["ok"])
        return metrics, items

    @staticmethod
    def _expect(moves: list[str], e: dict) -> bool:
        if "turn" in e:
            k = int(e["turn"]) - 1
            return k < len(moves) and moves[k] in e["in"]
        if "any" in e:
            return any(m in e["any"] for m in moves)
        if "none" in e:
            return not any(m in e["none"] for m in moves)
        return False


