"""Shipped models: a LightGBM text file plus a JSON card, checked by SHA-256 before use.

Every trained head (block classifier, inconsistency, spam) ships the same way, so one small API
serves them all: `save_model` writes `<name>.txt` and `<name>.card.json` (the card records the
file's SHA-256); `load_model` refuses a model whose bytes do not match its card. Text, never
pickle: a model file can be read, diffed and loaded without executing anything.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import lightgbm as lgb


class ModelFileError(Exception):
    """A model file or card is missing, unreadable or does not match its recorded checksum."""

    kind = "model.invalid"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def model_paths(directory: str | Path, name: str) -> tuple[Path, Path]:
    """(model file, card file) for `name` in `directory`."""
    directory = Path(directory)
    return directory / f"{name}.txt", directory / f"{name}.card.json"


def save_model(
    booster: lgb.Booster, directory: str | Path, name: str, card: dict[str, Any]
) -> dict[str, Any]:
    """Write the booster as LightGBM text and its card with `sha256` and `model_file` filled in."""
    model_path, card_path = model_paths(directory, name)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(model_path))
    full = {**card, "model_file": model_path.name, "sha256": sha256_of(model_path)}
    card_path.write_text(
        json.dumps(full, indent=2, sort_keys=True, ensure_ascii=False) + "\n", "utf-8"
    )
    return full


def read_card(directory: str | Path, name: str) -> dict[str, Any]:
    _, card_path = model_paths(directory, name)
    try:
        return json.loads(card_path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise ModelFileError(f"model card not found: {card_path}") from exc
    except json.JSONDecodeError as exc:
        raise ModelFileError(f"model card {card_path} is not valid JSON: {exc}") from exc


def load_model(directory: str | Path, name: str) -> tuple[lgb.Booster, dict[str, Any]]:
    """The booster and its card, after checking the file's SHA-256 against the card."""
    model_path, _ = model_paths(directory, name)
    card = read_card(directory, name)
    raw = _verified_bytes(model_path, card.get("sha256"), "model")
    booster = lgb.Booster(model_str=raw.decode("utf-8"))
    names = card.get("feature_names")
    if names is not None and list(names) != booster.feature_name():
        raise ModelFileError(f"{model_path}: feature names differ from its card")
    return booster, card


def companion_path(directory: str | Path, name: str, part: str) -> Path:
    """Where a model's companion data file lives (e.g. `block_classifier.lexicon.json`)."""
    return Path(directory) / f"{name}.{part}.json"


def save_companion(directory: str | Path, name: str, part: str, text: str) -> dict[str, str]:
    """Write a companion data file; returns the card entry (`file`, `sha256`) that pins it."""
    path = companion_path(directory, name, part)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return {"file": path.name, "sha256": sha256_of(path)}


def load_companion(directory: str | Path, card: dict[str, Any], part: str) -> str | None:
    """The text of the companion file the card names under `part`, after its SHA-256 check;
    None when the card names none (a model trained without it)."""
    entry = card.get(part)
    if entry is None:
        return None
    path = Path(directory) / str(entry["file"])
    return _verified_bytes(path, entry.get("sha256"), part).decode("utf-8")


def _verified_bytes(path: Path, expected: object, what: str) -> bytes:
    """The bytes of `path` (a `what` file) after checking them against the card's SHA-256."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise ModelFileError(f"{what} file not found: {path}") from exc
    actual = hashlib.sha256(raw).hexdigest()
    if actual != expected:
        raise ModelFileError(
            f"{path} does not match its card: sha256 {actual[:16]}… but the card records "
            f"{str(expected)[:16]}…; retrain or restore the file"
        )
    return raw
