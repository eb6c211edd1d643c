"""The gazetteer: look places up by name, resolve ambiguous names, test containment.

Built once by `build.py` into the user cache directory and loaded from there in about a tenth of
a second: numpy arrays, and string tables read with one `split` each. Place rows are numpy arrays;
a `Place` is a small view made on demand; the id and name indexes are built on first use.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import ahocorasick
import numpy as np

from filter.gazetteer.build import (
    KIND_ADMIN1,
    KIND_CITY,
    KIND_COUNTRY,
    TABLES,
    build,
    index_dir,
    read_lines,
)
from filter.gazetteer.fold import as_key, fold, spaced

KIND_NAMES = {KIND_CITY: "city", KIND_ADMIN1: "admin1", KIND_COUNTRY: "country"}
EARTH_RADIUS_KM = 6371.0088
NEAR_KM = 300.0  # a candidate this close to a co-mentioned place gains a point
# Latitude difference beyond which two points are surely more than NEAR_KM apart (a meridian
# arc is the shortest way across latitudes): skips most great-circle computations.
_NEAR_LAT_DEG = math.degrees(NEAR_KM / EARTH_RADIUS_KM) + 1e-6
_CANDIDATE_CACHE = 20_000  # name keys whose candidates stay memoised
_ALNUM_RUN = re.compile(r"[^\W_]*")
# Upper-case candidates not preceded by a letter or digit (so not starting a word); isupper()
# decides. Left out: ASCII lower case, Latin-1 and general punctuation (no capitals there), and
# the modifier apostrophe, a letter that `fold` turns into a quote.
_CAPITAL = re.compile(r"[A-Z\u00c0-\u1fff\u2070-\U0010ffff](?<![^\W_\u02bc].)")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. `id` is the GeoNames id (synthetic negative ids for admin1)."""

    row: int
    id: int
    name: str
    kind: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    population: int
    code: str

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "country": self.country,
                "admin1": self.admin1, "lat": self.lat, "lon": self.lon,
                "population": self.population}


def _of_kinds(candidates: Sequence[Place], kinds: Iterable[str] | None) -> list[Place]:
    wanted = set(kinds) if kinds is not None else None
    return [c for c in candidates if wanted is None or c.kind in wanted]


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance: the straight line a road distance is compared against."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial compass bearing from point 1 to point 2, 0 = north, 90 = east."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360) % 360


class Gazetteer:
    """Names to places, with containment, capitals and distances."""

    def __init__(self, path: Path) -> None:
        z = np.load(path / "places.npz")
        self._id = z["id"]
        self._kind = z["kind"]
        self._admin1 = z["admin1"]
        self._lat = z["lat"]
        self._lon = z["lon"]
        self._pop = z["population"]
        self._ptr = z["name_ptr"]
        self._rows = z["name_rows"]
        self._cc = read_lines(path / "cc.txt")
        self._name = read_lines(path / "name.txt")
        self._code = read_lines(path / "code.txt")
        self._keys = read_lines(path / "keys.txt")
        tables = json.loads((path / TABLES).read_text("utf-8"))
        self._capitals: dict[str, int] = tables["capitals"]
        self._countries: dict[str, int] = tables["countries"]
        self._lock = threading.Lock()
        self._candidates: dict[int, tuple[Place, ...]] = {}
        self.path = path

    @cached_property
    def _key_index(self) -> dict[str, int]:
        return dict(zip(self._keys, range(len(self._keys)), strict=True))

    @cached_property
    def _row_of_id(self) -> dict[int, int]:
        return dict(zip(self._id.tolist(), range(len(self._id)), strict=True))

    # -- places -------------------------------------------------------------------------
    def place(self, row: int) -> Place:
        kind = int(self._kind[row])
        adm = int(self._admin1[row])
        return Place(row=row, id=int(self._id[row]), name=self._name[row],
                     kind=KIND_NAMES[kind], country=self._cc[row],
                     admin1=self._name[adm] if adm >= 0 else None,
                     lat=float(self._lat[row]), lon=float(self._lon[row]),
                     population=int(self._pop[row]), code=self._code[row])

    def by_id(self, place_id: int) -> Place | None:
        row = self._row_of_id.get(int(place_id))
        return self.place(row) if row is not None else None

    def country(self, cc: str) -> Place | None:
        row = self._countries.get(cc.upper())
        return self.place(row) if row is not None else None

    def lookup(self, name: str) -> list[Place]:
        """Every place called `name` (any case, any diacritics), biggest first."""
        k = self._key_index.get(fold(name).strip())
        return [] if k is None else [self.place(r) for r in self.rows_of_key(k)]

    def rows_of_key(self, key_index: int) -> Sequence[int]:
        return self._rows[self._ptr[key_index]:self._ptr[key_index + 1]].tolist()

    def candidates(self, key_index: int) -> tuple[Place, ...]:
        """Every place with this name key, biggest first; memoised, since a few hundred names
        make up most mentions and building `Place` views was a sixth of place matching."""
        cands = self._candidates.get(key_index)
        if cands is None:
            if len(self._candidates) >= _CANDIDATE_CACHE:
                self._candidates.clear()
            cands = tuple(self.place(r) for r in self.rows_of_key(key_index))
            self._candidates[key_index] = cands
        return cands

    def key(self, key_index: int) -> str:
        return self._keys[key_index]

    def __len__(self) -> int:
        return len(self._id)

    # -- relations ----------------------------------------------------------------------
    def contains(self, region: Place, place: Place) -> bool:
        """Is `place` inside `region`? A city lies inside its own same-named province."""
        if region.row == place.row:
            return True
        if region.kind == "country":
            return place.country == region.country and place.kind != "country"
        if region.kind == "admin1" and place.kind == "city":
            return int(self._admin1[place.row]) == region.row
        return False

    def capital_of(self, cc: str) -> Place | None:
        row = self._capitals.get(cc.upper())
        return self.place(row) if row is not None else None

    def distance_km(self, a: Place, b: Place) -> float:
        return great_circle_km(a.lat, a.lon, b.lat, b.lon)

    def bearing(self, a: Place, b: Place) -> float:
        return bearing_deg(a.lat, a.lon, b.lat, b.lon)

    # -- disambiguation -----------------------------------------------------------------
    def resolve(self, name: str, countries: Iterable[str] = (), near: Iterable[Place] = (),
                kinds: Iterable[str] | None = None) -> Place | None:
        """The most likely place called `name`, given the article's countries and places."""
        return self.best(self.lookup(name), countries, near, kinds)

    def best(self, candidates: Sequence[Place], countries: Iterable[str] = (),
             near: Iterable[Place] = (), kinds: Iterable[str] | None = None) -> Place | None:
        """Population, then country context, then co-mentioned places (same admin1, nearby)."""
        cands = _of_kinds(candidates, kinds)
        if len(cands) <= 1:
            return cands[0] if cands else None
        return max(cands, key=self._scorer(countries, near))

    def chooser(
        self, countries: Iterable[str] = (), near: Iterable[Place] = ()
    ) -> Callable[[Sequence[Place], Iterable[str] | None], Place | None]:
        """`best` with its context fixed: an article resolves all its names against the same
        countries and places, so their sets are made once, not once per name."""
        score: Callable[[Place], float] | None = None

        def best(candidates: Sequence[Place], kinds: Iterable[str] | None = None) -> Place | None:
            nonlocal score
            cands = _of_kinds(candidates, kinds)
            if len(cands) <= 1:
                return cands[0] if cands else None
            if score is None:
                score = self._scorer(countries, near)
            return max(cands, key=score)

        return best

    def _scorer(self, countries: Iterable[str], near: Iterable[Place]) -> Callable[[Place], float]:
        ctx = set(countries)
        near = list({p.row: p for p in near if p.kind == "city"}.values())[:12]
        near_admin1 = {p.admin1 for p in near if p.admin1}

        def score(p: Place) -> float:
            s = math.log10(max(p.population, 10))
            if p.kind == "country":
                s += 3.0
            if p.country in ctx:
                s += 3.0
            if p.admin1 and p.admin1 in near_admin1 or p.kind == "admin1" and p.name in near_admin1:
                s += 1.0
            if p.kind == "city" and p.population >= 1000 and any(
                    q.row != p.row and abs(q.lat - p.lat) < _NEAR_LAT_DEG
                    and self.distance_km(p, q) < NEAR_KM for q in near):
                s += 1.0
            return s

        return score

    # -- matching -----------------------------------------------------------------------
    @cached_property
    def _automaton(self) -> ahocorasick.Automaton:
        with self._lock:
            a = ahocorasick.Automaton(ahocorasick.STORE_INTS)
            for i, k in enumerate(self._keys):
                a.add_word(as_key(k), i)  # matches only at word starts in `spaced` text
            a.make_automaton()
            return a

    @cached_property
    def _key_len(self) -> list[int]:
        return [len(k) for k in self._keys]

    @cached_property
    def _word_keys(self) -> tuple[dict[str, int], frozenset[str]]:
        """Name keys as they appear in `spaced` text (the automaton's keys without their
        leading space; on a clash the later key wins, as in the automaton), and every prefix
        of a key that stops where the key goes on with a non-alphanumeric character: both
        stored by the build (`build.word_keys_of`)."""
        with self._lock:
            words = read_lines(self.path / "word_keys.txt")
            keys = dict(zip(words, range(len(words)), strict=True))
            return keys, frozenset(read_lines(self.path / "prefixes.txt"))

    def match_names(self, folded_text: str, text: str) -> list[tuple[int, int, int]]:
        """(start, end, key index) of every name key written with a capital at the start of a
        word and ending at a word end (not followed by a letter or digit): the place matches.

        The same matches as `find_names` so filtered, found by walking from each capitalised
        word through the key prefixes instead of running the automaton: an Aho-Corasick pass
        over a quarter-million keys visits a large table at every character of the text, while
        a news article has a hundred-odd capitalised words."""
        keys, prefixes = self._word_keys
        sp = spaced(folded_text)  # sp[i + 1] is folded_text[i]; sp[i] == " " at a word start
        n = len(folded_text)
        out = []
        for cap in _CAPITAL.finditer(text):
            start = cap.start()
            if sp[start] != " " or not text[start].isupper():
                continue
            pos = start
            while True:
                end = _ALNUM_RUN.match(folded_text, pos).end()
                piece = sp[start + 1:end + 1]
                k = keys.get(piece)
                if k is not None:
                    out.append((start, end, k))
                if end >= n or piece not in prefixes:
                    break
                pos = end + 1
        return out

    def find_names(self, folded_text: str, text: str | None = None) -> list[tuple[int, int, int]]:
        """(start, end, key index) of every name key starting a word of already-folded text;
        with the original `text`, only those written with a capital letter."""
        klen = self._key_len
        hits = self._automaton.iter(spaced(folded_text))
        if text is None:
            return [(end - klen[k], end, k) for end, k in hits]
        return [(end - klen[k], end, k) for end, k in hits if text[end - klen[k]].isupper()]


_LOADED: dict[Path, Gazetteer] = {}
_LOAD_LOCK = threading.Lock()


def load_gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """The cached gazetteer, building it first if this is the first use on this machine."""
    path = index_dir(cache_dir)
    with _LOAD_LOCK:
        if path not in _LOADED:
            if not (path / TABLES).exists():
                build(cache_dir)
            _LOADED[path] = Gazetteer(path)
        return _LOADED[path]
