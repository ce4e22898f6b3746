#!/usr/bin/env python3
"""Derives data/lexicon/words.txt from jieba's dict.txt (jieba 0.42.1, MIT).

Usage: python3 derive.py path/to/jieba/dict.txt > words.txt
Keeps words of Chinese characters only: single characters with frequency
>= 500 (free morphemes) and words of 2-4 characters with frequency >= 100.
"""
import re
import sys

HAN = re.compile(r"^[\u4e00-\u9fff]+$")
words = []
for line in open(sys.argv[1], encoding="utf-8"):
    word, freq, _tag = line.rstrip("\n").split(" ")
    freq = int(freq)
    if not HAN.match(word):
        continue
    if (len(word) == 1 and freq >= 500) or (2 <= len(word) <= 4 and freq >= 100):
        words.append(word)
sys.stdout.write("".join(w + "\n" for w in sorted(set(words))))
