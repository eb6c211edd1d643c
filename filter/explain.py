"""`content-filter explain`: one article's claims and the evidence about them, for a person.

Claims come from the stripped text; evidence from the gazetteer, the article itself and, with
context documents, the independent reports among them: each cross-source finding quotes the
other reports' sentences and ids and says how many independent voices stand on each side.
Context documents also settle shared epithets ("Mosul, Iraq's second-largest city"), so an
epithet this article leaves unnamed can be checked. Near-duplicates among the context (a wire
story reprinted) are one voice, as the context stage groups them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from filter.analysis import Analyzer, analyse_against, default_analyzer
from filter.types import Claim, Document, Evidence

_HIDDEN = {
    "at",
    "event_ref",
    "agent_side",
    "side",
    "place_kind",
    "verb",
    "key",
    "text",
    "agent_text",
}


def _slots(c: Claim) -> str:
    parts = []
    for k, v in c.slots.items():
        if v is None or k in _HIDDEN or k.endswith("_id"):
            continue
        parts.append(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}")
    ids = ", ".join(f"{k}#{v}" for k, v in c.place_ids.items())
    flags = [f for f, on in (("negated", c.negated), ("attributed", c.attributed)) if on]
    return (
        " ".join(parts)
        + (f"  [{ids}]" if ids else "")
        + (f"  ({', '.join(flags)})" if flags else "")
    )


def explain(
    doc: Document,
    context: Sequence[Document] = (),
    analyzer: Analyzer | None = None,
    mentions: bool = False,
) -> str:
    """The text a person reads: each sentence's claims, each claim's evidence.

    The evidence is exactly what `score` computes (the same Analyzer), so what a person reads
    here is what the model was given.
    """
    analyzer = analyzer or default_analyzer()
    analysis = analyse_against([doc], context, analyzer)[0]
    g = analyzer.gazetteer
    doc = analysis.prepared.stripped.document
    claims, evidence, resolved = analysis.prepared.claims, analysis.evidence, analysis.resolved
    by_claim: dict[int, list[Evidence]] = defaultdict(list)
    for e in evidence:
        by_claim[id(e.claim)].append(e)
    conflicts = sum(e.relation == "conflicts" for e in evidence)
    lines = [
        f"{doc.source}",
        f"published {doc.published or 'unknown'}; {len(claims)} claims; "
        f"{len(evidence)} findings, {conflicts} conflicting",
    ]
    related = analysis.context.related
    if related:
        lines.append(
            f"context: {len(related)} reports, "
            f"{len({r.group for r in analysis.context.independent})} independent voices"
        )
    if resolved:
        lines.append(
            "epithets settled by context: "
            + ", ".join(
                f"{k} = {p.name if (p := g.by_id(v)) else v}" for k, v in sorted(resolved.items())
            )
        )
    last_span = None
    for c in claims:
        if c.kind in ("place", "actor") and not mentions:
            continue
        if c.span != last_span:
            sentence = " ".join(c.sentence.split())
            lines.append("")
            lines.append(f'@{c.span[0]}-{c.span[1]}  "{sentence}"')
            last_span = c.span
        lines.append(f"  {c.kind:<10} {_slots(c)}")
        for e in by_claim.get(id(c), ()):
            mark = "CONFLICT" if e.relation == "conflicts" else "supports"
            sides = (
                f", {e.sources_against} against / {e.sources_for} for"
                if e.basis == "cross_source"
                else ""
            )
            lines.append(
                f"      {mark} ({e.basis}, strength {e.strength:.2f}{sides}): {e.explanation}"
            )
    if not evidence:
        lines += ["", "no findings: nothing here contradicts the gazetteer, itself or the context."]
    return "\n".join(lines) + "\n"
