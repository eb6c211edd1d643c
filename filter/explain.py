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

from filter.claims import extract_claims
from filter.evidence import article_evidence, epithets_of
from filter.evidence.cross_source import Report, cross_source_evidence, resolve_epithets
from filter.gazetteer import Gazetteer, load_gazetteer
from filter.types import Claim, Document, Evidence

_HIDDEN = {"at", "event_ref", "agent_side", "side", "place_kind", "verb", "key", "text",
           "agent_text"}


def _clean_text(doc: Document) -> str:
    try:
        from filter.strip import strip_document

        return strip_document(doc).text
    except Exception:  # the stripper failing must not hide the claims
        return doc.text


def claims_of(doc: Document, gazetteer: Gazetteer | None = None) -> list[Claim]:
    return extract_claims(_clean_text(doc), doc.published, doc.id, gazetteer)


def context_epithets(context: Sequence[Document], gazetteer: Gazetteer | None = None
                     ) -> dict[str, int]:
    """Epithet keys the context documents agree on (one place each)."""
    seen: dict[str, set[int]] = defaultdict(set)
    for d in context:
        for key, pid in epithets_of(claims_of(d, gazetteer)).items():
            seen[key].add(pid)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def _voices(doc: Document, context: Sequence[Document]) -> dict[str, str]:
    """Document id -> independent-source key: the context stage's duplicate group."""
    try:
        from filter.context import ContextIndex

        index = ContextIndex().add([doc, *context])
        return {d.id: index.group_of(d.id) for d in (doc, *context)}
    except Exception:  # grouping is a refinement; without it every document is its own voice
        return {d.id: d.id for d in (doc, *context)}


def context_reports(doc: Document, context: Sequence[Document],
                    gazetteer: Gazetteer | None = None) -> tuple[str, list[Report]]:
    """This document's voice and the other context documents as cross-source reports."""
    voices = _voices(doc, context)
    reports = [Report(d.id, d.published, tuple(claims_of(d, gazetteer)), voices[d.id])
               for d in context if d.id != doc.id]
    return voices[doc.id], reports


def _slots(c: Claim) -> str:
    parts = []
    for k, v in c.slots.items():
        if v is None or k in _HIDDEN or k.endswith("_id"):
            continue
        parts.append(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}")
    ids = ", ".join(f"{k}#{v}" for k, v in c.place_ids.items())
    flags = [f for f, on in (("negated", c.negated), ("attributed", c.attributed)) if on]
    return " ".join(parts) + (f"  [{ids}]" if ids else "") + (
        f"  ({', '.join(flags)})" if flags else "")


def explain(doc: Document, context: Sequence[Document] = (),
            gazetteer: Gazetteer | None = None, mentions: bool = False) -> str:
    """The text a person reads: each sentence's claims, each claim's evidence."""
    g = gazetteer or load_gazetteer()
    claims = claims_of(doc, g)
    voice, reports = context_reports(doc, context, g) if context else (doc.id, [])
    resolved = resolve_epithets(reports, claims) if reports else {}
    evidence = [*article_evidence(claims, g, resolved),
                *cross_source_evidence(claims, doc.published, reports, resolved, voice=voice,
                                       gazetteer=g)]
    by_claim: dict[int, list[Evidence]] = defaultdict(list)
    for e in evidence:
        by_claim[id(e.claim)].append(e)
    conflicts = sum(e.relation == "conflicts" for e in evidence)
    lines = [f"{doc.source}",
             f"published {doc.published or 'unknown'}; {len(claims)} claims; "
             f"{len(evidence)} findings, {conflicts} conflicting"]
    if reports:
        lines.append(f"context: {len(reports)} reports, "
                     f"{len({r.voice for r in reports} - {voice})} independent voices")
    if resolved:
        lines.append("epithets settled by context: " + ", ".join(
            f"{k} = {p.name if (p := g.by_id(v)) else v}" for k, v in sorted(resolved.items())))
    last_span = None
    for c in claims:
        if c.kind in ("place", "actor") and not mentions:
            continue
        if c.span != last_span:
            sentence = " ".join(c.sentence.split())
            lines.append("")
            lines.append(f"@{c.span[0]}-{c.span[1]}  \"{sentence}\"")
            last_span = c.span
        lines.append(f"  {c.kind:<10} {_slots(c)}")
        for e in by_claim.get(id(c), ()):
            mark = "CONFLICT" if e.relation == "conflicts" else "supports"
            sides = (f", {e.sources_against} against / {e.sources_for} for"
                     if e.basis == "cross_source" else "")
            lines.append(f"      {mark} ({e.basis}, strength {e.strength:.2f}{sides}): "
                         f"{e.explanation}")
    if not evidence:
        lines += ["", "no findings: nothing here contradicts the gazetteer, itself or the "
                  "context."]
    return "\n".join(lines) + "\n"
