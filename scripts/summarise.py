"""Print a short human summary of a documents.jsonl file (used by scripts/demo.sh)."""

import json
import sys

for line in open(sys.argv[1], encoding="utf-8"):
    doc = json.loads(line)
    print(f"== {doc['source']}")
    if doc.get("error"):
        print(f"   ERROR: {doc['error']}")
        continue
    print(f"   title: {doc.get('title')}  published: {doc.get('published')}")
    places = sorted({(p['name'], p['level']) for p in doc['places']})
    print(f"   places ({len(places)}): " + ", ".join(f"{n} [{l}]" for n, l in places[:12]) + (" …" if len(places) > 12 else ""))
    for d in doc["decisions"]:
        print(f"   decision: {d['doc_type']} {d['code']} date={d.get('date')}")
    for i in doc["indicators"][:8]:
        extra = "".join(f" {k}={i[k]}" for k in ("target", "percent", "qualifier", "parent") if i.get(k) is not None)
        place = i["place"]["name"] if i.get("place") else None
        print(f"   {i['id']}: {i['value']:g} {i['unit']} | {i.get('subject')} | place={place} year={i.get('year')}{extra}")
    if len(doc["indicators"]) > 8:
        print(f"   … {len(doc['indicators']) - 8} more indicators")
    for w in doc["warnings"][:3]:
        print(f"   warning: {w}")
