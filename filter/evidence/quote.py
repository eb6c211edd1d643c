"""How evidence quotes a sentence to a person: whitespace folded, long sentences cut."""


def quote(text: str, limit: int = 160) -> str:
    s = " ".join(text.split())
    return f'"{s[:limit]}{"…" if len(s) > limit else ""}"'
