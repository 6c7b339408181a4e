"""Build the administrative-unit gazetteer (gazetteers/places/units.json).

Source: the PyPI package `vietnamadminunits` 1.0.4 (MIT), which ships
  data/dataset.db          tables admin_units_legacy (63 provinces, districts, communes as
                           they stood just before 1 July 2025, GSO codes) and admin_units
                           (the 34 provinces and their communes since 1 July 2025);
  data/converter_2025.json the old->new mapping (DICT_PROVINCE, DICT_PROVINCE_WARD_NO_DIVIDED,
                           DICT_PROVINCE_WARD_DIVIDED with the package's default new commune).

Run:  python gazetteers/build_places.py            (writes gazetteers/places/units.json)
      python gazetteers/build_places.py --check    (exit 1 if the committed file differs)

Names are NFC with the tone placement of tnxh_extract.normalize (Hòa, Thủy).
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from importlib import metadata, resources
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "places" / "units.json"
PINNED = "1.0.4"

sys.path.insert(0, str(HERE.parent / "src"))
from tnxh_extract.normalize import fix_tone_placement  # noqa: E402

TYPES = {"Tỉnh": "tỉnh", "Thành phố": "thành phố", "Quận": "quận", "Huyện": "huyện",
         "Thị xã": "thị xã", "Phường": "phường", "Xã": "xã", "Thị trấn": "thị trấn",
         "Đặc khu": "đặc khu"}


_PAREN = re.compile(r"\s*\((?:Huyện|Quận|Thị xã|Thành phố|Thị trấn|Xã|Phường)\)$")


def _name(text: str) -> str:
    """Bare name: the package's "(Huyện)"-style tags dropped, each word capitalised."""
    words = _PAREN.sub("", " ".join(text.split())).split(" ")
    words = [w[:1].upper() + w[1:] if w[:1].islower() else w for w in words]
    return fix_tone_placement(" ".join(words))


def _ptype(full: str) -> str:
    return "thành phố" if full.startswith("Thành phố") else "tỉnh"


def build() -> dict:
    version = metadata.version("vietnamadminunits")
    if version != PINNED:
        raise SystemExit(f"vietnamadminunits {PINNED} required, found {version}")
    data = resources.files("vietnamadminunits") / "data"
    conv = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    con = sqlite3.connect(str(data / "dataset.db"))
    con.row_factory = sqlite3.Row

    # --- since 1 July 2025 -------------------------------------------------------------
    new_prov: dict[str, list] = {}
    new_prov_by_key: dict[str, str] = {}
    new_comm: dict[str, list] = {}
    new_comm_by_key: dict[tuple[str, str], str] = {}
    for r in con.execute("SELECT DISTINCT province, provinceShort, provinceCode, provinceKey, "
                         "ward, wardShort, wardType, wardCode, wardKey FROM admin_units"):
        new_prov[r["provinceCode"]] = [_name(r["provinceShort"]), _ptype(r["province"])]
        new_prov_by_key[r["provinceKey"]] = r["provinceCode"]
        if r["wardCode"]:
            new_comm[r["wardCode"]] = [_name(r["wardShort"]), TYPES[r["wardType"]],
                                       r["provinceCode"]]
            new_comm_by_key[(r["provinceKey"], r["wardKey"])] = r["wardCode"]

    old_to_new_prov = {}
    for new_key, old_keys in conv["DICT_PROVINCE"].items():
        for old in old_keys:
            old_to_new_prov[old] = new_prov_by_key[new_key]

    # old "prov_dist_ward" key -> (new commune code, divided flag)
    old_ward_to_new: dict[str, tuple[str, int]] = {}
    for new_pkey, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wkey, olds in wards.items():
            code = new_comm_by_key.get((new_pkey, new_wkey))
            for old in olds:
                if code:
                    old_ward_to_new[old] = (code, 0)
    for new_pkey, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, options in olds.items():
            default = [o["newWardKey"] for o in options if o["isDefaultNewWard"]]
            code = new_comm_by_key.get((new_pkey, default[0])) if default else None
            if code:
                old_ward_to_new[old] = (code, 1)

    # --- before 1 July 2025 ------------------------------------------------------------
    provinces: dict[str, list] = {}
    districts: dict[str, list] = {}
    communes: dict[str, list] = {}
    for r in con.execute("SELECT DISTINCT * FROM admin_units_legacy"):
        pc, dc, wc = r["provinceCode"], r["districtCode"], r["wardCode"]
        provinces[pc] = [_name(r["provinceShort"]), _ptype(r["province"]),
                         old_to_new_prov[r["provinceKey"]]]
        districts[dc] = [_name(r["districtShort"]), TYPES[r["districtType"]], pc]
        if wc:
            key = f'{r["provinceKey"]}_{r["districtKey"]}_{r["wardKey"]}'
            new_code, divided = old_ward_to_new.get(key, (None, 0))
            communes[wc] = [_name(r["wardShort"]), TYPES[r["wardType"]], dc, new_code, divided]

    return {
        "source": f"vietnamadminunits {version} (MIT), data/dataset.db + data/converter_2025.json",
        "legacy_fields": {"provinces": ["name", "type", "current_province"],
                          "districts": ["name", "type", "province"],
                          "communes": ["name", "type", "district", "current_commune",
                                       "divided"]},
        "current_fields": {"provinces": ["name", "type"],
                           "communes": ["name", "type", "province"]},
        "legacy": {"provinces": dict(sorted(provinces.items())),
                   "districts": dict(sorted(districts.items())),
                   "communes": dict(sorted(communes.items()))},
        "current": {"provinces": dict(sorted(new_prov.items())),
                    "communes": dict(sorted(new_comm.items()))},
    }


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


def main(argv: list[str]) -> int:
    text = dumps(build())
    if "--check" in argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT.name} differs from a rebuild")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(HERE.parent)} ({len(text.encode()) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
