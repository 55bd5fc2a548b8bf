"""The judged relevance set: corpus.json (documents) and judgments.json (queries)."""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_corpus() -> dict:
    return json.loads((HERE / "corpus.json").read_text(encoding="utf-8"))


def load_judgments() -> list[dict]:
    return json.loads((HERE / "judgments.json").read_text(encoding="utf-8"))["queries"]
