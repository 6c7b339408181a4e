#!/usr/bin/env bash
# Extract records from every fixture article, show them, and print the quality scores.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
.venv/bin/tnxh-extract extract fixtures/articles -o out/fixtures.jsonl || true
.venv/bin/tnxh-extract extract fixtures/articles --format csv -o out/indicators.csv --no-progress || true
.venv/bin/python scripts/summarise.py out/fixtures.jsonl
echo
.venv/bin/tnxh-extract evaluate --gold fixtures/gold
echo
echo "Records: out/fixtures.jsonl (one Document per line), out/indicators.csv (one row per figure)"
