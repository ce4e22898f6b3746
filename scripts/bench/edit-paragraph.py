#!/usr/bin/env python3
"""Edit one article's last paragraph for a timed rebuild: add 改 at its end,
or take it away again, so that repeated runs alternate between two texts.

    python3 edit-paragraph.py content/<id>.md
"""
import sys

path = sys.argv[1]
text = open(path, encoding="utf-8").read().rstrip("\n")
text = text[:-1] if text.endswith("改") else text + "改"
open(path, "w", encoding="utf-8").write(text + "\n")
