#!/usr/bin/env python3
"""Derives phrases.txt from pypinyin's phrase and character data.

Usage: python3 derive.py pypinyin-0.55.0/pypinyin > phrases.txt

Keeps the words of two to four Chinese characters whose reading differs, in
some syllable, from each character's first (most common) reading: the words a
character-by-character reading gets wrong (重庆 chóngqìng, 银行 yínháng).
One line per word: the word, a tab, the syllables with tone marks, spaces
between them.
"""
import json
import sys

root = sys.argv[1]
chars = json.load(open(f"{root}/pinyin_dict.json", encoding="utf-8"))
phrases = json.load(open(f"{root}/phrases_dict.json", encoding="utf-8"))


def default(c):
    readings = chars.get(str(ord(c)))
    return readings.split(",")[0] if readings else None


def is_han(c):
    return "\u3400" <= c <= "\u9fff"


for word in sorted(phrases):
    syllables = [r[0] for r in phrases[word]]
    if not 2 <= len(word) <= 4 or len(syllables) != len(word):
        continue
    if not all(is_han(c) and default(c) for c in word):
        continue
    # Tone sandhi of 一 and 不 is left to the reader, as dictionaries do.
    plain = [default(c) for c in word]
    differs = [s != p for c, s, p in zip(word, syllables, plain) if c not in "一不"]
    if any(differs):
        print(f"{word}\t{' '.join(s if c not in '一不' else default(c) for c, s in zip(word, syllables))}")
