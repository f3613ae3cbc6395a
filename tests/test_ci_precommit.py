"""The pre-commit hooks, run as pre-commit runs them: the entry with the files as arguments."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from citeaudit.ci.precommit import check_notes
from tests.support.children import die_with_parent
from tests.support.site import Page, Site, html_page

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
The council approved a budget of 4.2 million euros.[1] The stadium seats 45,000.[2] \
As the mayor said before.[3]

[1] "Council approves budget", Loopback Times, https://news.example.org/budget, \
(Access Date: 27.06.2024).
[2] Smith, J. (2019). Stadiums of Europe. Oxford University Press, p. 44.
[3] Ibid.
"""

BAD = """\
The council approved a budget of 4.2 million euros.[1] The stadium seats 45,000.[2] \
The port handles 3 million tonnes a year.[4]

[1] "Council approves budget", Loopback Times, https:/news.example.org/budget.
[2] See the discussion above.
"""


def hook(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The hook's entry (``citeaudit-hook``) as pre-commit calls it, in a child process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "citeaudit.ci.precommit", *argv], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=120, check=False,
                          preexec_fn=die_with_parent)


@pytest.fixture
def articles(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Notes-free\n\nNothing cited here.\n", encoding="utf-8")
    return tmp_path


def test_notes_hook_passes_web_print_and_repeat_notes_silently(articles):
    done = hook("notes", "good.txt", "README.md", cwd=articles)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_notes_hook_names_each_problem_with_file_and_line(articles):
    done = hook("notes", "good.txt", "bad.txt", cwd=articles)
    assert done.returncode == 1
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert "bad.txt: marker [4] has no note" in lines
    assert "bad.txt:3: note 1: malformed URL: https:/news.example.org/budget" in lines
    assert "bad.txt:4: note 2 cites no URL, no printed work and no other note" in lines
    assert len(lines) == 3
    assert not any(line.startswith("good.txt") for line in lines)


def test_notes_hook_can_accept_explanatory_notes(articles):
    problems = check_notes(str(articles / "bad.txt"), allow_explanatory=True)
    assert not any("cites no URL" in p.message for p in problems)


def test_notes_hook_reports_an_unreadable_file_as_a_failure(articles):
    (articles / "empty.md").write_text("", encoding="utf-8")
    done = hook("notes", "empty.md", cwd=articles)
    assert done.returncode == 1
    assert done.stdout.startswith("empty.md: cannot read the article:")


@pytest.mark.slow
def test_links_hook_fails_on_dead_links_warns_on_unchecked_and_prints_no_progress(tmp_path):
    site = Site({"/ok": html_page("Fine", "All good."), "/wall": Page(status=403, body="no")})
    with site.running():
        article = (
            "Exports rose.[1] Imports fell.[2] Prices held.[3]\n\n"
            f"[1] \"Fine\", Loopback Times, {site.base}/ok, (Access Date: 27.06.2024).\n"
            f"[2] \"Gone\", Loopback Times, {site.base}/gone, (Access Date: 27.06.2024).\n"
            f"[3] \"Wall\", Loopback Times, {site.base}/wall, (Access Date: 27.06.2024).\n"
        )
        (tmp_path / "a.txt").write_text(article, encoding="utf-8")
        (tmp_path / "b.txt").write_text(article.replace("Exports", "Wages"), encoding="utf-8")
        done = hook("links", "--allow-private", "--timeout", "10", "a.txt", "b.txt",
                    cwd=tmp_path)
        # Each URL once, though two files cite it.
        gets = [path for method, path in site.requests if method == "GET"]
        assert gets.count("/gone") == 1
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == ["a.txt:4", "a.txt:5", "b.txt:4", "b.txt:5"]
    assert "note 2: broken:" in lines[0] and "/gone" in lines[0]
    assert "warning: note 3: blocked:" in lines[1]


def test_hooks_file_names_entries_the_package_installs():
    import tomllib

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["scripts"]
    assert {h["id"] for h in hooks} == {"citeaudit-notes", "citeaudit-links"}
    for h in hooks:
        assert h["language"] == "python"
        program, sub = h["entry"].split()
        assert scripts[program] == "citeaudit.ci.precommit:main"
        assert sub in ("notes", "links")
