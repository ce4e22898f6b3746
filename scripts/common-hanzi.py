#!/usr/bin/env python3
"""Writes src/ingest/decode/common.txt: the most frequent Chinese characters,
simplified and traditional, that decoding counts as evidence of real text.

From the Unicode Character Database's Unihan files (Unicode License v3), as
Debian's unicode-data package ships them (/usr/share/unicode/Unihan_*.txt.bz2):
- simplified: the TOP characters with the highest kHanyuPinlu counts (the
  frequencies of 《现代汉语频率词典》, summed over a character's readings);
- traditional: every character of kFrequency 1 to 3 (the most frequent in a
  corpus of traditional Chinese news-group text), and the kTraditionalVariant
  forms of the simplified ones above.

    apt-get install unicode-data && python3 scripts/common-hanzi.py [UNIHAN_DIR]
"""
import bz2
import re
import sys

UNIHAN = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
TOP = 1500
OUT = "src/ingest/decode/common.txt"


def rows(field):
    for name in ("Readings", "DictionaryLikeData", "Variants"):
        with bz2.open(f"{UNIHAN}/Unihan_{name}.txt.bz2", "rt", encoding="utf-8") as f:
            for line in f:
                if line.startswith("U+"):
                    code, key, value = line.rstrip("\n").split("\t", 2)
                    if key == field:
                        yield chr(int(code[2:], 16)), value


def version():
    with bz2.open(f"{UNIHAN}/Unihan_Readings.txt.bz2", "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("# Unicode version:"):
                return line.split(":", 1)[1].strip()
    return "?"


def main():
    pinlu = {c: sum(int(n) for n in re.findall(r"\((\d+)\)", v)) for c, v in rows("kHanyuPinlu")}
    simplified = sorted(pinlu, key=lambda c: (-pinlu[c], c))[:TOP]
    traditional = {c for c, v in rows("kFrequency") if v.strip() and int(v) <= 3}
    variants = dict(rows("kTraditionalVariant"))
    for c in simplified:
        for v in variants.get(c, "").split():
            traditional.add(chr(int(v.split("<")[0][2:], 16)))
    chars = sorted(set(simplified) | traditional)
    with open(OUT, "w", encoding="utf-8") as out:
        out.write(
            f"# {len(chars)} frequent Chinese characters, simplified and traditional, in code point order.\n"
            f"# Made by scripts/common-hanzi.py from Unihan {version()} (Unicode License v3): the {TOP}\n"
            "# with the highest kHanyuPinlu counts, the traditional forms of those\n"
            "# (kTraditionalVariant), and every character of kFrequency 1-3.\n"
        )
        for i in range(0, len(chars), 50):
            out.write("".join(chars[i : i + 50]) + "\n")
    print(f"{OUT}: {len(chars)} characters", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
