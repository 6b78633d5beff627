"""Parses every RSS file given with feedparser and prints one JSON line per file:
{"file": ..., "bozo": 0 or 1, "error": "...", "entries": N}. Used by tests/suite/feeds.rs."""
import json
import sys

import feedparser

for path in sys.argv[1:]:
    with open(path, "rb") as f:
        parsed = feedparser.parse(f.read())
    print(json.dumps({"file": path, "bozo": int(parsed.bozo), "error": str(parsed.get("bozo_exception", "")),
                      "entries": len(parsed.entries)}))
