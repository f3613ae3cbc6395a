"""Prove a change to parsing left every parsed field as it was.

    .venv/bin/python bench/parse_fields_check.py --save before.json    # on the old code
    .venv/bin/python bench/parse_fields_check.py --compare before.json # on the new code

It parses ``bench_parse``'s generated article in every format, each real-world note set
under ``bench/data/`` (note by note, and as one text article), and each article under
``tests/data/``; it records every field of every note, every claim and uncited claim, the
body, the title and the warnings.  ``--compare`` prints each difference and exits 1 on any.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys

import attrs

from citeaudit.notes import parse_note
from citeaudit.read import parse_article

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE))
from bench_parse import BENCH_FORMATS, generate  # noqa: E402

ARTICLE_SUFFIXES = {".txt", ".html", ".md", ".wiki", ".rst", ".json", ".bib"}


def _note_fields(note: object) -> dict:
    fields = note.to_dict()  # type: ignore[attr-defined]
    fields["short_form"] = note.short_form  # type: ignore[attr-defined]
    return fields


def _claim(claim: object) -> dict:
    return json.loads(json.dumps(attrs.asdict(claim), default=str))  # type: ignore[arg-type]


def _article(source: str | bytes | pathlib.Path, fmt: str | None) -> dict:
    article = parse_article(source, fmt)
    return {
        "format": article.format,
        "title": article.title,
        "body": article.body,
        "notes": [_note_fields(n) for n in article.notes],
        "claims": [_claim(c) for c in article.claims],
        "uncited": [_claim(c) for c in article.uncited],
        "warnings": list(article.warnings),
        "markers": [list(m) for m in article.markers],
    }


def snapshot(notes: int) -> dict[str, object]:
    """Every case's parsed fields, by case name."""
    cases: dict[str, object] = {}
    for fmt in BENCH_FORMATS:
        cases[f"bench/{fmt}"] = _article(generate(notes, fmt), fmt)
    for path in sorted((HERE / "data").glob("notes_*.jsonl")):
        raws = [json.loads(line)["raw"] for line in path.read_text("utf-8").splitlines()
                if line.strip()]
        cases[f"notes/{path.name}"] = [_note_fields(parse_note(raw)) for raw in raws]
        text = "Title\n\n" + " ".join(f"Claim {i} in 2020.[{i}]" for i in range(1, len(raws) + 1))
        text += "\n\n" + "\n\n".join(f"[{i}] {raw}" for i, raw in enumerate(raws, 1))
        cases[f"article/{path.name}"] = _article(text, "text")
    for path in sorted((HERE.parent / "tests" / "data").rglob("*")):
        if path.suffix in ARTICLE_SUFFIXES and path.is_file():
            try:
                cases[f"tests/{path.relative_to(HERE.parent / 'tests')}"] = _article(path, None)
            except Exception as error:  # an unreadable fixture is recorded too
                cases[f"tests/{path.relative_to(HERE.parent / 'tests')}"] = repr(error)
    return cases


def _diff(path: str, old: object, new: object, out: list[str]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in old.keys() | new.keys():
            _diff(f"{path}.{key}", old.get(key), new.get(key), out)
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            _diff(f"{path}[{i}]", a, b, out)
    elif old != new:
        out.append(f"{path}: {str(old)[:200]!r} -> {str(new)[:200]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=pathlib.Path)
    group.add_argument("--compare", type=pathlib.Path)
    parser.add_argument("--notes", type=int, default=2000,
                        help="notes in each generated bench article (default 2000)")
    args = parser.parse_args()
    cases = snapshot(args.notes)
    if args.save:
        args.save.write_text(json.dumps(cases, ensure_ascii=False, default=str), "utf-8")
        print(f"saved {len(cases)} cases to {args.save}")
        return 0
    old = json.loads(args.compare.read_text("utf-8"))
    new = json.loads(json.dumps(cases, ensure_ascii=False, default=str))
    differences: list[str] = []
    _diff("", old, new, differences)
    for line in differences[:200]:
        print(line)
    print(f"{len(cases)} cases, {len(differences)} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
