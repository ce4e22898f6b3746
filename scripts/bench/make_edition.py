#!/usr/bin/env python3
"""Write a synthetic edition of N articles for the build benchmark.

    python3 make_edition.py --n 500 --out DIR --flavor duizhao
    python3 make_edition.py --n 500 --out DIR --flavor hugo

`duizhao`: an edition in duizhao's own format (edition.toml, content/<id>.md
with strict front matter, translations/en/<id>.md with a marker and a
fingerprint per block for two articles in three, the one source file the
articles name). `hugo`: the same articles as a Hugo site with minimal
templates that show the same things (article pages with both languages,
a timeline, a page per region, a home page).

The Chinese is made of common words in newspaper order, so it looks like
Chinese to the Markdown parser, the minifier and the fingerprint, but says
nothing. Article i depends only on --seed and i. Standard library only.
"""

import argparse
import datetime as dt
import hashlib
import os
import random

FIRST_DAY = dt.date(2020, 1, 20)
DAYS = 100
# Official division paths (GB/T 2260, as duizhao's gazetteer names them).
REGIONS = [
    "湖北省/武汉市", "湖北省/十堰市", "湖北省/宜昌市", "湖北省/襄阳市", "湖北省/黄冈市",
    "河南省/郑州市", "河南省/洛阳市", "河南省/平顶山市", "河南省/信阳市",
    "山西省/太原市", "山西省/大同市", "山西省/晋中市", "广东省/广州市", "浙江省/杭州市",
    "江苏省/南京市", "湖南省/长沙市", "四川省/成都市", "北京市", "上海市", "全国",
]
PUBLICATIONS = ["本地日报", "晚报", "通讯社", "广播网"]
SUBJECTS = ["社区", "街道", "志愿者", "医护人员", "党员干部", "企业", "学校", "村委会", "防控指挥部", "卫生院"]
VERBS = ["组织开展", "积极推进", "全力保障", "认真落实", "及时发放", "深入排查", "有序恢复", "主动承担"]
OBJECTS = ["防控工作", "物资供应", "复工复产", "体温检测", "消毒工作", "宣传活动", "生产秩序", "值守任务"]
TAILS = ["确保群众安全", "受到居民好评", "取得明显成效", "形成工作合力", "筑牢防线", "稳定民生"]
TITLE_WORDS = ["同心", "战疫", "守护", "一线", "温暖", "坚守", "复工", "驰援", "家园", "春耕", "行动", "担当"]
PINYIN = ["tong", "xin", "zhan", "yi", "shou", "hu", "wen", "nuan", "jian", "fu", "gong", "chi"]
EN_WORDS = (
    "the community residents volunteers staff supplies district city checks "
    "work teams measures local prevention control epidemic ensure safety daily "
    "organised resumed production enterprises support public information"
).split()


def sentence(rng):
    date = f"{rng.randint(1, 4)}月{rng.randint(1, 28)}日"
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)]
    if rng.random() < 0.4:
        parts.insert(0, date + "，")
    return "".join(parts) + "，" + rng.choice(TAILS) + rng.choice(["。", "。", "！"])


def paragraph(rng):
    return "".join(sentence(rng) for _ in range(rng.randint(3, 9)))


def english(rng, chinese):
    words = [rng.choice(EN_WORDS) for _ in range(max(8, len(chinese) // 2))]
    return " ".join(words).capitalize() + "."


def fingerprint(text):
    """duizhao's block fingerprint: SHA-256 of the text without white space, 8 hex digits."""
    compact = "".join(text.split())
    return hashlib.sha256(compact.encode()).hexdigest()[:8]


def article(seed, i):
    rng = random.Random(f"{seed}:{i}")
    words = rng.sample(range(len(TITLE_WORDS)), 4)
    date = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    return {
        "id": f"{date.isoformat()}-{'-'.join(PINYIN[w] for w in words)}-{i}",
        "title": "".join(TITLE_WORDS[w] for w in words) + f"（{i}）",
        "date": date,
        "region": rng.choice(REGIONS),
        "publication": rng.choice(PUBLICATIONS),
        "paragraphs": [paragraph(rng) for _ in range(rng.randint(6, 16))],
        "translated": i % 3 != 2,
        "rng": rng,
    }


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def duizhao_edition(out, articles):
    write(f"{out}/edition.toml",
          'title = { zh = "基准测试", en = "Benchmark edition" }\nlanguages = ["zh", "en"]\ndefault_year = 2020\n')
    write(f"{out}/sources/bench.txt", "synthetic benchmark source\n")
    write(f"{out}/sources/bench.toml", 'publication = "本地日报"\nyear = 2020\nshape = "plain"\n')
    for a in articles:
        front = (f'title = "{a["title"]}"\ndate = {a["date"].isoformat()}\nregions = ["{a["region"]}"]\n'
                 f'publication = "{a["publication"]}"\nsource = "sources/bench.txt"\n')
        write(f"{out}/content/{a['id']}.md", f"+++\n{front}+++\n\n" + "\n\n".join(a["paragraphs"]) + "\n")
        if not a["translated"]:
            continue
        slots = [f"<!-- ¶{n} {fingerprint(p)} -->\n{english(a['rng'], p)}"
                 for n, p in enumerate(a["paragraphs"], 1)]
        front = f'title = "Article {a["id"]}"\ntranslator = "bench"\nstatus = "draft"\n'
        write(f"{out}/translations/en/{a['id']}.md", f"+++\n{front}+++\n\n" + "\n\n".join(slots) + "\n")


HUGO_CONFIG = """baseURL = "http://localhost/"
title = "Benchmark edition"
disableKinds = ["RSS", "sitemap"]
[taxonomies]
region = "regions"
"""
HUGO_LAYOUTS = {
    "_default/baseof.html": '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">'
    "<title>{{ .Title }}</title></head><body><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
    "_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }} '
    '{{ range .GetTerms "regions" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>'
    "{{ .Content }}"
    '{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">←</a>{{ end }}'
    '{{ with .NextInSection }}<a href="{{ .RelPermalink }}">→</a>{{ end }}{{ end }}\n',
    "_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages.ByDate }}'
    '<li>{{ .Date.Format "2006-01-02" }} <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n',
    "_default/terms.html": '{{ define "main" }}<ul>{{ range .Data.Terms.ByCount }}'
    '<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}\n',
    "index.html": '{{ define "main" }}<h1>{{ .Site.Title }}</h1><p>{{ len .Site.RegularPages }} articles</p>'
    '<a href="{{ "articles/" | relURL }}">Timeline</a> <a href="{{ "regions/" | relURL }}">Regions</a>{{ end }}\n',
}


def hugo_site(out, articles):
    write(f"{out}/hugo.toml", HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        write(f"{out}/layouts/{name}", text)
    for a in articles:
        rows = []
        for p in a["paragraphs"]:
            en = english(a["rng"], p) if a["translated"] else "*Not yet translated.*"
            rows.append(f"{p}\n\n{en}")
        front = (f'title = "{a["title"]}"\ndate = {a["date"].isoformat()}\nregions = ["{a["region"]}"]\n'
                 f'publication = "{a["publication"]}"\n')
        write(f"{out}/content/articles/{a['id']}.md", f"+++\n{front}+++\n\n" + "\n\n".join(rows) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, required=True, help="number of articles")
    ap.add_argument("--out", required=True, help="folder to write (created)")
    ap.add_argument("--flavor", choices=["duizhao", "hugo"], required=True)
    ap.add_argument("--seed", default="duizhao")
    args = ap.parse_args()
    articles = [article(args.seed, i) for i in range(args.n)]
    (duizhao_edition if args.flavor == "duizhao" else hugo_site)(args.out, articles)


if __name__ == "__main__":
    main()
