"""Self-check of the live_check_2025ae news gold (sources.tsv, gold.jsonl, incidents.jsonl):
see ../news_set_check.py for what is checked.

Run: python3 check.py   (texts are read from ~/.cache/sitrep/live_check_ae/texts, or $DEVNEWS_TEXTS)
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from news_set_check import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(HERE, "live_check_ae"))
