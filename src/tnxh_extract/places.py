"""Place mentions: administrative units of Viet Nam (before and since 1 July 2025),
countries and neighbouring countries' provinces.

Public API
    find(text, *, province=None) -> list[Place]   every mention in normalised text
    resolve(text) -> Place | None                  the most specific unit a phrase names

What is recognised, in order:
  1. a unit word or abbreviation (tỉnh, thành phố/TP/Tp., quận/Q., huyện/H., thị xã/TX,
     xã, phường/P., thị trấn/TT, đặc khu) with the name after it, numbered units
     ("Quận 1", "Q.10"), several unit words sharing names ("quận, huyện Nam Từ Liêm"),
     lists sharing one unit word ("các phường An Sơn, An Mỹ"), a few modifiers
     ("các huyện biên giới Kỳ Sơn", "huyện đảo Cô Tô") and an elided parent ("xã A, B");
     a capitalised name after a full unit word that the gazetteer lacks (a unit abolished
     before 2025) is reported with code None;
  2. table columns whose header is made of unit words ("| Huyện, thị xã, thành phố |");
  3. bare names of provinces, countries and foreign provinces (capitalised, not part of a
     person's name, not after a street/landmark word);
  4. bare names of districts (two syllables or more) of the article's province.

Disambiguation: the hierarchy within a chain ("xã Quế Châu, thị trấn Đông Phú, huyện Quế
Sơn"), the unit type the unit word names, the article's province (`province`, else the
province the text names most), then the pre-merger unit over a post-merger one of the
same name. What still fits several units is returned with ambiguous=True, code None.

`province` of a Place is the pre-merger province (for a unit created on 1 July 2025: its
province); `current` is the unit since 1 July 2025 (the new commune for a commune -- the
vietnamadminunits default where a commune was split -- the new province otherwise).

Data: gazetteers/places/units.json (built by gazetteers/build_places.py from
vietnamadminunits) and gazetteers/places/curated.json (countries, foreign provinces,
press spellings, unit words, person-name cues). The scan is linear in the text: one pass
over word tokens, each trying at most `_MAX_NAME` following tokens against hash tables.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex

from .lexicon import load_json
from .models import Place, UnitRef
from .normalize import normalize

__all__ = ["find", "resolve", "Gazetteer", "gazetteer"]

_MAX_NAME = 6  # longest name in tokens ("Bô Ly Khăm Xay", "Cư Dliê M'nông")
_RANK = {"commune": 0, "district": 1, "province": 2, "foreign": 2, "country": 3}

_TOKEN = regex.compile(r"[\p{L}\p{M}\d]+(?:['’][\p{L}\p{M}]+)*")
_NOT_KEY = regex.compile(r"[^\p{L}\p{M}\d]+")
_Y = str.maketrans({"y": "i", "ý": "í", "ỳ": "ì", "ỷ": "ỉ", "ỹ": "ĩ", "ỵ": "ị"})
# joins the syllables of one name: a space, or a hyphen/dash with optional spaces
_NAME_JOIN = regex.compile(r" |\s?[-–]\s?")
# between a unit word and its name
_AFTER_UNIT = regex.compile(r" ?: ?| ")
# between two unit words sharing a name ("quận, huyện Nam Từ Liêm")
_UNIT_UNIT = regex.compile(r", ?| ?/ ?| và ")
# between list items / chain members
_LINK = regex.compile(r"(?: ?[,(–-] ?| )(?:(?:thuộc|và|của) )?|, ?và ")
# the unit type a unit word names exactly (others are allowed: units change type over time)
_EXACT_TYPE = {"huyện": "huyện", "h.": "huyện", "quận": "quận", "q.": "quận",
               "thị xã": "thị xã", "tx": "thị xã", "thành phố": "thành phố", "tp": "thành phố",
               "xã": "xã", "phường": "phường", "p.": "phường", "thị trấn": "thị trấn",
               "tt": "thị trấn"}
_LIST = regex.compile(r", ?| và |, và ")
_ABBREV_CANON = frozenset({"tp", "tx", "tt", "q.", "h.", "p."})
# a plural unit word may carry a few lower-case modifiers: "các huyện biên giới Kỳ Sơn"
_PLURAL = frozenset({"các", "những", "số", "hai", "ba", "bốn", "năm"})
_MAX_MODIFIERS = 5


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """Matching key: lower case, letters and digits only, y folded to i, Đăk/Đắc to Đắk."""
    k = _NOT_KEY.sub("", unicodedata.normalize("NFC", name).lower()).translate(_Y)
    return k.replace("ăk", "ắk").replace("ắc", "ắk")


@dataclass(slots=True)
class Unit:
    uid: int
    name: str
    level: str
    code: str | None
    era: str  # legacy | current | world
    utype: str | None = None
    ancestors: frozenset[int] = frozenset()
    province: int | None = None  # legacy province (or current province for current units)
    current: int | None = None  # unit since 1 July 2025
    needs_unit: bool = False


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    cands: list[Unit]
    levels: frozenset[str]
    name: str | None = None  # display name when not from a unit (alias, unknown)
    unit_word: bool = False
    ti: int = 0  # first token of the mention
    tj: int = 0  # token after the mention
    rank: int = 0
    group: int = -1
    unknown_level: str | None = None
    word: str | None = None  # the unit word that introduced it
    written: str | None = None  # the name as written, without the unit word
    parent: Unit | None = None  # for a unit missing from the gazetteer: its resolved parent

    def set_rank(self) -> None:
        levels = {u.level for u in self.cands} or (
            {self.unknown_level} if self.unknown_level else set(self.levels)
        )
        self.rank = min(_RANK[lv] for lv in levels)


@dataclass
class Gazetteer:
    units: list[Unit] = field(default_factory=list)
    by_key: dict[str, list[int]] = field(default_factory=dict)
    needs_keys: frozenset[str] = frozenset()
    unit_words: dict[str, frozenset[str]] = field(default_factory=dict)
    abbrev: dict[str, str] = field(default_factory=dict)
    person_titles: frozenset[str] = frozenset()
    person_names: frozenset[str] = frozenset()
    landmarks: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    country_cues: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    unit_title: dict[str, str] = field(default_factory=dict)

    def add(self, unit: Unit, *names: str) -> None:
        """Register `unit` under its name (or the given spellings)."""
        self.units.append(unit)
        for n in names or (unit.name,):
            lst = self.by_key.setdefault(key(n), [])
            if unit.uid not in lst:
                lst.append(unit.uid)

    def lookup(self, k: str) -> list[Unit]:
        return [self.units[i] for i in self.by_key.get(k, ())]


@cache
def gazetteer() -> Gazetteer:
    """Load the place gazetteer once per process."""
    data = load_json("places", "units.json")
    cur = load_json("places", "curated.json")
    g = Gazetteer()
    nid = 0

    def new(**kw) -> Unit:
        nonlocal nid
        u = Unit(uid=nid, **kw)
        nid += 1
        return u

    cprov: dict[str, Unit] = {}
    for code, (name, utype) in data["current"]["provinces"].items():
        u = new(name=name, level="province", code=code, era="current", utype=utype)
        u.current = u.uid
        u.province = u.uid
        cprov[code] = u
        g.add(u)
    lprov: dict[str, Unit] = {}
    legacy_of_current: dict[str, set[int]] = {}
    for code, (name, utype, newc) in data["legacy"]["provinces"].items():
        cu = cprov[newc]
        u = new(name=name, level="province", code=code, era="legacy", utype=utype,
                ancestors=frozenset({cu.uid}), current=cu.uid)
        u.province = u.uid
        lprov[code] = u
        legacy_of_current.setdefault(newc, set()).add(u.uid)
        g.add(u)
    ccomm: dict[str, Unit] = {}
    for code, (name, utype, pc) in data["current"]["communes"].items():
        pu = cprov[pc]
        u = new(name=name, level="commune", code=code, era="current", utype=utype,
                ancestors=frozenset({pu.uid, *legacy_of_current.get(pc, ())}),
                province=pu.uid)
        u.current = u.uid
        ccomm[code] = u
        g.add(u)
    ldist: dict[str, Unit] = {}
    for code, (name, utype, pc) in data["legacy"]["districts"].items():
        pu = lprov[pc]
        u = new(name=name, level="district", code=code, era="legacy", utype=utype,
                ancestors=frozenset({pu.uid, pu.current}), province=pu.uid,
                current=pu.current)
        ldist[code] = u
        g.add(u)
    for code, (name, utype, dc, newc, _div) in data["legacy"]["communes"].items():
        du = ldist[dc]
        cu = ccomm.get(newc) if newc else None
        anc = {du.uid, *du.ancestors}
        if cu is not None:
            anc.add(cu.uid)
        u = new(name=name, level="commune", code=code, era="legacy", utype=utype,
                ancestors=frozenset(anc), province=du.province,
                current=cu.uid if cu else du.current)
        g.add(u)

    needs = {key(n) for n in cur["needs_unit_word"]}
    for level, table in (("country", cur["countries"]), ("foreign", cur["foreign"])):
        for name, variants in table.items():
            u = new(name=name, level=level, code=None, era="world",
                    needs_unit=key(name) in needs)
            g.add(u, *variants)
    for code, forms in cur["province_variants"].items():
        lp = lprov[code]
        for display, variants in forms.items():
            for v in variants:
                k = key(v)
                if display == lp.name:
                    if lp.uid not in g.by_key.setdefault(k, []):
                        g.by_key[k].append(lp.uid)
                else:
                    # a historic or long form ("Thừa Thiên Huế"): same unit, own name
                    alias = Unit(uid=nid, name=display, level="province", code=lp.code,
                                 era="legacy", utype=lp.utype, ancestors=lp.ancestors,
                                 province=lp.uid, current=lp.current,
                                 needs_unit=k in needs)
                    nid += 1
                    g.units.append(alias)
                    g.by_key.setdefault(k, []).append(alias.uid)
    for code, variants in cur.get("district_variants", {}).items():
        du = ldist[code]
        for v in variants:
            lst = g.by_key.setdefault(key(v), [])
            if du.uid not in lst:
                lst.append(du.uid)
    g.needs_keys = frozenset(needs)

    g.unit_words = {w: frozenset(lv) for w, lv in cur["unit_words"].items()}
    for canon, forms in cur["abbreviation_forms"].items():
        for f in forms:
            g.abbrev[f] = canon
    g.person_titles = frozenset(t.lower() for t in cur["person_titles"])
    g.person_names = frozenset(cur["surnames_and_middle_names"])
    g.landmarks = frozenset(t.lower() for t in cur["landmark_words"])
    g.not_names = frozenset(cur["not_names"])
    g.country_cues = frozenset(c.lower() for c in cur["country_cues"])
    g.modifiers = frozenset(cur.get("unit_modifiers", ()))
    g.unit_title = {"quận": "Quận", "q.": "Quận", "phường": "Phường", "p.": "Phường",
                    "huyện": "Huyện", "xã": "Xã", "thị trấn": "Thị trấn", "tt": "Thị trấn",
                    "thành phố": "Thành phố", "tp": "Thành phố", "thị xã": "Thị xã",
                    "tx": "Thị xã", "tỉnh": "Tỉnh", "h.": "Huyện", "đặc khu": "Đặc khu"}
    return g


# --------------------------------------------------------------------------- scanning


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str

    @property
    def title(self) -> bool:
        t = self.text
        return t[0].isupper() and (len(t) == 1 or not t[1:].isupper() or t.isupper())

    @property
    def cap(self) -> bool:
        return self.text[0].isupper()

    @property
    def upper(self) -> bool:
        return self.text.isupper() and len(self.text) > 1

    @property
    def digit(self) -> bool:
        return self.text.isdigit()


class _Scanner:
    def __init__(self, text: str, g: Gazetteer) -> None:
        self.text = text
        self.g = g
        self.toks = [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        # per-token matching keys: the key of a span is the concatenation of its tokens'
        self.keys = [key(t.text) for t in self.toks]
        self._uw: dict[int, tuple[str, int, int] | None] = {}

    def gap(self, i: int) -> str:
        """Text between token i-1 and token i."""
        if i <= 0 or i >= len(self.toks):
            return ""
        return self.text[self.toks[i - 1].end : self.toks[i].start]

    # -- unit words -------------------------------------------------------------------
    def unit_word(self, i: int) -> tuple[str, int, int] | None:
        """(canonical unit word, index after it, end offset) for a unit word at token i."""
        if i not in self._uw:
            self._uw[i] = self._unit_word(i)
        return self._uw[i]

    def _unit_word(self, i: int) -> tuple[str, int, int] | None:
        toks = self.toks
        if i >= len(toks):
            return None
        t = toks[i].text
        low = t.lower()
        if i + 1 < len(toks) and self.gap(i + 1) == " ":
            two = f"{low} {toks[i + 1].text.lower()}"
            if two in self.g.unit_words and not toks[i + 1].text.isupper() or (
                two in self.g.unit_words and toks[i].text.isupper()
            ):
                return two, i + 2, toks[i + 1].end
        if (low in self.g.unit_words and low not in _ABBREV_CANON
                and (t.islower() or t.istitle() or t.isupper())):
            return low, i + 1, toks[i].end
        # abbreviations: TP, TP., Tp., TX, TT, Q., H., P.
        end = toks[i].end
        dot = self.text[end : end + 1] == "."
        form = t + "." if dot else t
        canon = self.g.abbrev.get(form)
        if canon is None and dot:
            canon = self.g.abbrev.get(t)
        if canon is None:
            return None
        if canon in ("q.", "h.", "p.") and not dot:
            return None
        return canon, i + 1, end + (1 if dot else 0)

    # -- names ------------------------------------------------------------------------
    def name_run(self, i: int, allow_digit: bool) -> int:
        """Index after the longest run of name-like tokens starting at token i."""
        toks = self.toks
        j = i
        while j < len(toks) and j - i < _MAX_NAME:
            tk = toks[j]
            if j > i:
                gap = self.gap(j)
                if not _NAME_JOIN.fullmatch(gap):
                    break
                uw = self.unit_word(j)
                if uw is not None and not tk.digit and uw[0] not in _ABBREV_CANON:
                    break
                hyphen = "-" in gap or "–" in gap
                if not (tk.cap or tk.digit or (hyphen and gap == "-")):
                    break
            else:
                if not (tk.cap or (allow_digit and tk.digit)):
                    break
            j += 1
        return j

    def match(self, i: int, ok, allow_digit: bool = False, prefix: str = ""):
        """Longest name at token i whose candidates pass `ok`: (j, cands, key)."""
        j_max = self.name_run(i, allow_digit)
        for j in range(j_max, i, -1):
            k = prefix + "".join(self.keys[i:j])
            cands = [u for u in self.g.lookup(k) if ok(u)]
            if cands:
                return j, cands, k
        return None


def _level_ok(levels: frozenset[str], uw: str | None):
    def ok(u: Unit) -> bool:
        if u.level not in levels:
            return False
        if uw in ("thành phố", "tp") and u.level == "province":
            return u.utype == "thành phố"
        if uw in ("thành phố", "tp") and u.level == "district":
            return u.utype == "thành phố"
        if uw in ("thị xã", "tx") and u.level == "district":
            return u.utype in ("thị xã", "thành phố")  # towns became cities
        if uw == "quận" and u.level == "district":
            return u.utype in ("quận", "thành phố")
        if uw in ("huyện", "h.") and u.level == "district":
            return u.utype in ("huyện", "thị xã", "thành phố")
        if uw in ("thị trấn", "tt") and u.level == "commune":
            return u.utype in ("thị trấn", "phường", "xã")
        return True

    return ok


def _scan(text: str, g: Gazetteer) -> tuple[list[_Mention], _Scanner, list[bool]]:
    sc = _Scanner(text, g)
    toks = sc.toks
    out: list[_Mention] = []
    used = [False] * (len(toks) + 1)
    i = 0
    n = len(toks)
    # pass 1: unit words, their lists and chains
    while i < n:
        uw = sc.unit_word(i)
        if uw is None:
            i += 1
            continue
        canon, j, uend = uw
        levels = set(g.unit_words[canon])
        words = [canon]
        ustart = toks[i].start
        # several unit words sharing the names: "quận, huyện Nam Từ Liêm"
        while j < n:
            jv = j + 1 if toks[j].text == "và" and j + 1 < n else j
            m = _UNIT_UNIT.fullmatch(text[uend : toks[jv].start])
            nxt = sc.unit_word(jv) if m else None
            if nxt is None:
                break
            canon2, j2, uend2 = nxt
            levels |= g.unit_words[canon2]
            words.append(canon2)
            j, uend = j2, uend2
        plural = i > 0 and (toks[i - 1].text.lower() in _PLURAL or toks[i - 1].digit)
        modified = False
        if (j < n and toks[j].text.islower() and sc.gap(j) == " "
                and (plural or toks[j].text in g.modifiers)):
            # "các huyện biên giới Kỳ Sơn", "các huyện miền núi giáp Lào như Mường Lát":
            # skip a few modifiers up to the first name of the unit word's level
            lv0 = frozenset(g.unit_words[canon])
            ok0 = _level_ok(lv0, canon)
            jm = j
            while jm < n and jm - j <= _MAX_MODIFIERS and sc.gap(jm) == " " \
                    and sc.unit_word(jm) is None:
                if toks[jm].cap and sc.match(jm, ok0) is not None:
                    break
                if not plural and toks[jm].text not in g.modifiers:
                    jm = n
                    break
                jm += 1
            if jm < n and jm > j and jm - j <= _MAX_MODIFIERS and toks[jm].cap \
                    and sc.gap(jm) == " " and sc.match(jm, ok0) is not None:
                j, uend, modified = jm, toks[jm - 1].end, True
                i, ustart = jm, toks[jm].start
        if j >= n or not _AFTER_UNIT.fullmatch(text[uend : toks[j].start]) and not (
            canon in _ABBREV_CANON and uend == toks[j].start
        ):
            i = max(i + 1, j)
            continue
        # "tỉnh SêKông": foreign provinces take "tỉnh"/"thành phố"
        if "province" in levels:
            levels.add("foreign")
        flevels = frozenset(levels)
        uword = words[-1] if len(words) == 1 else None

        ok = _level_ok(flevels, uword)

        mention = None
        if toks[j].digit and not modified and words[-1] in ("quận", "q.", "phường", "p."):
            # numbered unit: "Quận 1", "Phường 3", "Q.1"
            title = g.unit_title.get(words[-1], words[-1].title())
            k = key(title + toks[j].text)
            cands = [u for u in g.lookup(k) if ok(u)]
            lvl = min(flevels - {"foreign", "country"}, key=lambda lv: _RANK[lv], default=None)
            mention = _Mention(ustart, toks[j].end, cands, flevels, name=f"{title} {toks[j].text}",
                               unit_word=True, ti=i, tj=j + 1, unknown_level=lvl, word=uword)
        else:
            hit = sc.match(j, ok)
            if hit is not None:
                jj, cands, _k = hit
                if canon in ("q.", "h.", "p.") and jj - j < 2:
                    hit = None
                else:
                    mention = _Mention(ustart, toks[jj - 1].end, cands, flevels,
                                       unit_word=True, ti=i, tj=jj, word=uword,
                                       written=text[toks[j].start : toks[jj - 1].end])
            if mention is None and not modified and canon in ("xã", "phường", "thị trấn", "huyện", "quận",
                                             "thị xã", "thành phố", "đặc khu"):
                jj = sc.name_run(j, False)
                run = toks[j:jj]
                if (1 <= len(run) <= 3 and all(t.title and not t.upper for t in run)
                        and all(sc.gap(t) == " " for t in range(j + 1, jj))
                        and run[0].text not in g.not_names
                        and (len(run) >= 2 or canon in ("xã", "phường", "thị trấn"))
                        and (jj >= n or sc.gap(jj) != " "
                             or (len(run) >= 2 and not toks[jj].cap))):
                    lvl = min(flevels - {"foreign", "country"}, key=lambda lv: _RANK[lv])
                    name = " ".join(t.text for t in run)
                    mention = _Mention(ustart, run[-1].end, [], flevels, name=name,
                                       unit_word=True, ti=i, tj=jj, unknown_level=lvl)
        if mention is None:
            i = max(i + 1, j)
            continue
        mention.set_rank()
        out.append(mention)
        for t in range(mention.ti, mention.tj):
            used[t] = True
        # list items sharing the unit word: "các phường An Sơn, An Mỹ"; an elided parent
        prev = mention
        k_i = prev.tj
        numbered = mention.name is not None and _numbered(mention.name) and mention.unit_word
        while k_i < n:
            if toks[k_i].text == "và" and k_i + 1 < n:
                k_i += 1
            gap = text[prev.end : toks[k_i].start]
            if not _LIST.fullmatch(gap) or sc.unit_word(k_i) is not None:
                break
            if toks[k_i].digit:
                after = text[toks[k_i].end : toks[k_i].end + 5]
                if (not numbered or len(toks[k_i].text) > 2
                        or not regex.match(r"$|[,;.)]|\s*[\n(]| và ", after)):
                    break  # "Quận 1, 15 người" is a count
                # "các quận 1, 3 và 10"
                title = mention.name.rsplit(" ", 1)[0]
                cands = [u for u in g.lookup(key(title + toks[k_i].text)) if ok(u)]
                item = _Mention(toks[k_i].start, toks[k_i].end, cands, flevels,
                                name=f"{title} {toks[k_i].text}", ti=k_i, tj=k_i + 1,
                                unknown_level=mention.unknown_level, word=mention.word)
                item.set_rank()
                out.append(item)
                used[k_i] = True
                prev = item
                k_i += 1
                continue
            item = None
            # an elided parent first: "xã Quế Châu, Quế Sơn, Quảng Nam", "(H. Cao Lộc, Lạng Sơn)"
            pc: set[int] = set()
            for u in prev.cands:
                pc |= u.ancestors

            def up(u: Unit, _pc=pc, _r=prev.rank) -> bool:
                return _RANK[u.level] > _r and u.uid in _pc

            hit = sc.match(k_i, up) if prev.cands else None
            if hit is not None:
                jj, cands, _k = hit
                item = _Mention(toks[k_i].start, toks[jj - 1].end, cands,
                                frozenset(u.level for u in cands), ti=k_i, tj=jj)
            else:
                hit = sc.match(k_i, ok)
                if hit is not None:
                    jj, cands, _k = hit
                    item = _Mention(toks[k_i].start, toks[jj - 1].end, cands, flevels,
                                    ti=k_i, tj=jj, word=uword)
            if item is None:
                break
            item.set_rank()
            out.append(item)
            for t in range(item.ti, item.tj):
                used[t] = True
            prev = item
            k_i = item.tj
        i = max(prev.tj, i + 1)

    # pass 1b: table columns headed by unit words ("| Huyện, thị xã, thành phố |")
    _scan_tables(sc, g, out, used)

    # pass 2: bare names of provinces, countries, foreign provinces
    bare_levels = frozenset({"province", "country", "foreign"})

    def bare_ok(u: Unit) -> bool:
        return u.level in bare_levels

    i = 0
    while i < n:
        tk = toks[i]
        if used[i] or not tk.cap:
            i += 1
            continue
        hit = sc.match(i, bare_ok)
        if hit is None:
            i += 1
            continue
        jj, cands, k = hit
        if any(used[t] for t in range(i, jj)):
            i += 1
            continue
        if _bare_rejected(sc, i, jj, cands, k, g):
            i = jj
            continue
        m = _Mention(tk.start, toks[jj - 1].end, cands, bare_levels, ti=i, tj=jj)
        m.set_rank()
        out.append(m)
        for t in range(i, jj):
            used[t] = True
        i = jj
    out.sort(key=lambda m: m.start)
    return out, sc, used


def _scan_bare_districts(sc: _Scanner, g: Gazetteer, used: list[bool],
                         province: set[int]) -> list[_Mention]:
    """Bare names of districts of the article's province ("tại Móng Cái, Hạ Long"):
    only names of two or more syllables naming exactly one district there."""
    toks = sc.toks
    out = []

    def ok(u: Unit) -> bool:
        return u.level == "district" and u.era == "legacy" and _inside(u, province)

    i, n = 0, len(toks)
    while i < n:
        if used[i] or not toks[i].cap or toks[i].upper:
            i += 1
            continue
        hit = sc.match(i, ok)
        if hit is None or hit[0] - i < 2 or len({u.code for u in hit[1]}) != 1:
            i += 1
            continue
        jj, cands, k = hit
        line_start = sc.text.rfind("\n", 0, toks[i].start) + 1
        line_end = sc.text.find("\n", toks[jj - 1].end)
        line = sc.text[line_start : line_end if line_end >= 0 else len(sc.text)]
        alone = line.strip(" .") == sc.text[toks[i].start : toks[jj - 1].end]
        if (alone or any(used[t] for t in range(i, jj))
                or _bare_rejected(sc, i, jj, cands, k, g)):
            # a name alone on its line is a by-line ("Thanh Sơn"), not a place
            i = jj
            continue
        m = _Mention(toks[i].start, toks[jj - 1].end, cands[:1], frozenset({"district"}),
                     ti=i, tj=jj)
        m.set_rank()
        out.append(m)
        for t in range(i, jj):
            used[t] = True
        i = jj
    return out


_HEADER_SPLIT = regex.compile(r"\s*(?:,|/|\bvà\b)\s*")


def _header_levels(cell: str, g: Gazetteer) -> frozenset[str] | None:
    """Levels named by a table header made only of unit words ("Xã, phường, thị trấn")."""
    parts = [p for p in _HEADER_SPLIT.split(cell.strip().lower()) if p]
    if not parts or any(p not in g.unit_words or p in _ABBREV_CANON for p in parts):
        return None
    levels = set()
    for p in parts:
        levels |= g.unit_words[p]
    return frozenset(levels)


def _scan_tables(sc: _Scanner, g: Gazetteer, out: list[_Mention], used: list[bool]) -> None:
    """Cells of a column whose header is a unit word are names of units of that level."""
    import bisect

    text = sc.text
    starts = [t.start for t in sc.toks]
    columns: dict[int, frozenset[str]] = {}
    pos = 0
    for line in text.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        if "|" not in line:
            columns = {}
            continue
        cells = []
        c0 = 0
        for part in line.split("|"):
            cells.append((line_start + c0, part))
            c0 += len(part) + 1
        header = {ci: lv for ci, (_, cell) in enumerate(cells)
                  if (lv := _header_levels(cell, g)) is not None}
        if header:
            columns = header
            continue
        for ci, levels in columns.items():
            if ci >= len(cells):
                continue
            cstart, cell = cells[ci]
            body = cell.strip()
            if not body:
                continue
            bstart = cstart + cell.index(body)
            ti = bisect.bisect_left(starts, bstart)
            if ti >= len(sc.toks) or sc.toks[ti].start != bstart or used[ti]:
                continue
            ok = _level_ok(levels, None)
            hit = sc.match(ti, ok, allow_digit=False)
            if hit is None:
                continue
            jj, cands, _k = hit
            if sc.toks[jj - 1].end != bstart + len(body):
                continue  # the cell holds more than a name
            m = _Mention(bstart, sc.toks[jj - 1].end, cands, levels, ti=ti, tj=jj)
            m.set_rank()
            out.append(m)
            for t in range(ti, jj):
                used[t] = True


def _prev_words(sc: _Scanner, i: int, count: int) -> str:
    """Up to `count` words before token i on the same line, lower-cased."""
    words = []
    t = i
    while t > 0 and len(words) < count:
        gap = sc.gap(t)
        if gap not in (" ", "/"):
            break
        t -= 1
        words.append(sc.toks[t].text)
        if gap == "/":
            words[-1] = sc.toks[t].text + "/"
    return " ".join(reversed(words))


def _bare_rejected(sc: _Scanner, i: int, j: int, cands: list[Unit], k: str,
                   g: Gazetteer) -> bool:
    toks = sc.toks
    # words that look like a person's name: "Nguyễn Thái Bình", "chị Hòa Bình"
    if i > 0 and sc.gap(i) == " ":
        prev = toks[i - 1]
        if prev.title and not prev.upper and prev.text in g.person_names:
            return True
    before = _prev_words(sc, i, 3).lower()
    parts = before.split(" ") if before else []
    for width in (1, 2, 3):
        tail = " ".join(parts[-width:]) if len(parts) >= width else None
        if tail is None:
            break
        if tail.rstrip("/") in g.person_titles or tail in g.landmarks:
            return True
    # "Thái Bình Dương": the name continues with another capitalised word
    if j < len(toks) and sc.gap(j) == " ":
        nxt = toks[j]
        if nxt.title and not nxt.upper and sc.unit_word(j) is None:
            return True
    # names that need a unit word or a country cue ("TP HCM", "nước Mỹ")
    if k in g.needs_keys:
        tail1 = parts[-1] if parts else ""
        tail2 = " ".join(parts[-2:]) if len(parts) >= 2 else ""
        if not ({tail1, tail2} & g.country_cues and any(u.level == "country" for u in cands)):
            return True
    # all-caps single token (acronyms) only when it is a known variant ("TPHCM")
    if j - i == 1 and toks[i].upper and len(toks[i].text) < 4:
        return True
    return False


# --------------------------------------------------------------------------- resolution


def _inside(u: Unit, container: set[int]) -> bool:
    return u.uid in container or bool(u.ancestors & container)


def _filter(cands: list[Unit], pred) -> list[Unit]:
    kept = [u for u in cands if pred(u)]
    return kept if kept else cands


def _province_uids(g: Gazetteer, province: str | None) -> list[set[int]]:
    """Province unit ids for a name or code, narrowest first: the pre-merger province,
    the province of that name or code in either era, and the post-merger ones."""
    if not province:
        return []
    p = province.strip()
    hits = [u for u in g.units if u.level == "province" and u.code == p]
    if not hits:
        hits = [u for u in g.lookup(key(normalize(p))) if u.level == "province"]
    legacy = {u.uid for u in hits if u.era == "legacy"}
    both = {u.uid for u in hits}
    broad = both | {u.current for u in hits if u.current is not None}
    return [x for x in (legacy, both, broad) if x]


def _disambiguate(text: str, ms: list[_Mention], g: Gazetteer,
                  province: str | None) -> list[set[int]]:
    """Narrow each mention's candidates; return the article's province (id layers)."""
    # chains: "xã A, thị trấn B, huyện C, tỉnh D" -> groups by rank, low to high
    chains: list[list[list[_Mention]]] = []
    prev: _Mention | None = None
    for m in ms:
        linked = (prev is not None and prev.end <= m.start
                  and _LINK.fullmatch(text[prev.end : m.start]) is not None)
        # (prev is always in the last group of the last chain)
        if linked and m.rank == prev.rank:
            chains[-1][-1].append(m)
        elif linked and m.rank > prev.rank:
            chains[-1].append([m])
        else:
            chains.append([[m]])
        prev = m
    for chain in chains:
        # "thị trấn Bavet, tỉnh Svay Rieng", "huyện Hà Khẩu, tỉnh Vân Nam": units of a
        # foreign province are foreign
        for lo, hi in zip(chain, chain[1:]):
            if all(m.cands and all(u.level == "foreign" for u in m.cands) for m in hi):
                for m in lo:
                    if m.unit_word and (m.written or m.name) and not _numbered(m.name or ""):
                        m.name = _clean(m.written or m.name or "")
                        m.cands = []
                        m.unknown_level = "foreign"
        for _ in range(2):
            for lo, hi in zip(chain, chain[1:]):
                if len(lo) * len(hi) > 10_000:
                    continue  # a pathological list: keep the scan linear
                parents = {u.uid for m in hi for u in m.cands}
                # a pre-merger parent names the pre-merger unit ("huyện Châu Thành, tỉnh
                # Tây Ninh" is not the Châu Thành of Long An, now also in Tây Ninh)
                older = {u.uid for m in hi for u in m.cands if u.era != "current"}
                if parents:
                    for m in lo:
                        m.cands = _filter(m.cands, lambda u: _inside(u, parents))
                        if older:
                            m.cands = _filter(m.cands, lambda u: _inside(u, older))
                children = [m for m in lo if m.cands]
                for m in hi:
                    if children:
                        m.cands = _filter(m.cands, lambda u: all(
                            any(_inside(c, {u.uid}) for c in ch.cands) for ch in children))
        # an unknown unit (abolished before 2025) lies in its resolved parent
        for lo, hi in zip(chain, chain[1:]):
            firm_hi = [m.cands[0] for m in hi if len({u.code for u in m.cands}) == 1 and m.cands]
            if len(firm_hi) == 1 and firm_hi[0].level not in ("foreign", "country"):
                for m in lo:
                    if not m.cands and m.parent is None:
                        m.parent = firm_hi[0]
        # siblings resolved to one district/province pull the others there
        for group in chain:
            firm = [m.cands[0] for m in group if len({u.code for u in m.cands}) == 1 and m.cands]
            if firm and len(group) > 1:
                common = set.intersection(*(set(u.ancestors) for u in firm))
                if common:
                    for m in group:
                        m.cands = _filter(m.cands, lambda u: bool(u.ancestors & common))
    # "huyện Cao Lãnh" is the district, not the city of the same name
    for m in ms:
        if len(m.cands) > 1 and m.word in _EXACT_TYPE:
            want = _EXACT_TYPE[m.word]
            m.cands = _filter(m.cands, lambda u: u.level == "province" or u.utype == want)
    # the article's province (given, else the one most named)
    layers = _province_uids(g, province)
    if not layers:
        counts: Counter[str] = Counter()
        for m in ms:
            olds = {u.code for u in m.cands if u.level == "province" and u.era == "legacy"}
            if len(olds) == 1 and all(u.level == "province" for u in m.cands):
                counts[olds.pop()] += 1
        if counts:
            layers = _province_uids(g, counts.most_common(1)[0][0])
    for puids in layers:
        for m in ms:
            if len(m.cands) > 1:
                m.cands = _filter(m.cands, lambda u, _p=puids: _inside(u, _p))
    # one unit under two names in two eras: prefer the pre-merger one
    for m in ms:
        if len(m.cands) > 1:
            m.cands = _filter(m.cands, lambda u: u.era != "current")
        if len(m.cands) > 1:
            # aliases and their unit ("Huế" / "Thừa Thiên Huế") carry the same code
            codes = {(u.level, u.code) for u in m.cands}
            if len(codes) == 1:
                m.cands = m.cands[:1]
    return layers


def _ref(g: Gazetteer, uid: int | None) -> UnitRef | None:
    if uid is None:
        return None
    u = g.units[uid]
    return UnitRef(name=u.name, level=u.level, code=u.code)


def _to_place(text: str, m: _Mention, g: Gazetteer) -> Place:
    span = text[m.start : m.end]
    if not m.cands:
        par = m.parent
        return Place(text=span, start=m.start, end=m.end, name=_clean(m.name or span),
                     level=m.unknown_level or "commune", code=None,
                     province=_ref(g, par.province) if par else None,
                     current=_ref(g, par.current) if par else None)
    if len(m.cands) == 1:
        u = m.cands[0]
        name = m.name if m.name and u.level in ("commune", "district") and _numbered(m.name) else u.name
        return Place(text=span, start=m.start, end=m.end, name=name, level=u.level,
                     code=u.code, province=_ref(g, u.province), current=_ref(g, u.current))
    names = Counter(u.name for u in m.cands)
    levels = sorted({u.level for u in m.cands}, key=lambda lv: _RANK[lv])
    provs = {u.province for u in m.cands}
    currs = {u.current for u in m.cands}
    return Place(text=span, start=m.start, end=m.end, name=names.most_common(1)[0][0],
                 level=levels[0], code=None,
                 province=_ref(g, provs.pop()) if len(provs) == 1 else None,
                 current=_ref(g, currs.pop()) if len(currs) == 1 else None,
                 ambiguous=True)


def _numbered(name: str) -> bool:
    return name.split(" ")[-1].isdigit()


def _clean(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split()))


def find(text: str, *, province: str | None = None) -> list[Place]:
    """Every place mention in `text` (already normalised), in order of appearance.

    `province` is the article's main province (a name or GSO code) used to choose between
    units of the same name; without it, the province the text names most is used. A name
    still fitting several units is returned with ambiguous=True and code None.
    """
    g = gazetteer()
    ms, sc, used = _scan(text, g)
    layers = _disambiguate(text, ms, g, province)
    if layers:
        ms.extend(_scan_bare_districts(sc, g, used, layers[0]))
        ms.sort(key=lambda m: m.start)
    return [_to_place(text, m, g) for m in ms]


def resolve(text: str) -> Place | None:
    """The most specific unit named by a phrase ("xã Quế Châu, huyện Quế Sơn, tỉnh Quảng
    Nam"), or None when nothing resolves or the most specific mention is ambiguous."""
    places = find(normalize(text))
    if not places:
        return None
    best = min(_RANK[p.level] for p in places)
    at = [p for p in places if _RANK[p.level] == best]
    if len({(p.name, p.code) for p in at}) != 1:
        return None
    p = at[0]
    if p.ambiguous or (p.code is None and p.level not in ("country", "foreign")):
        return None
    return p
