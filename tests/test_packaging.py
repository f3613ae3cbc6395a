"""The sdist and wheel ``python -m build`` makes, and their metadata, as PyPI would see it."""

from __future__ import annotations

import email
import importlib.util
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.support.children import die_with_parent

ROOT = Path(__file__).resolve().parent.parent
MISSING = [m for m in ("build", "twine", "hatchling") if importlib.util.find_spec(m) is None]

needs_build = pytest.mark.skipif(
    bool(MISSING), reason=f"not installed: {', '.join(MISSING)} (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    tree = tmp_path_factory.mktemp("tree") / "citeaudit"
    # Build from a copy so the build leaves nothing in the working tree.
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(
        ".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", "dist", "build"))
    # --no-isolation: the backend installed here, no download of a build environment.
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel",
                    "--outdir", str(out), str(tree)], check=True, capture_output=True,
                   timeout=600, preexec_fn=die_with_parent)
    return out


def _metadata(dist: Path) -> email.message.Message:
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        return email.message_from_bytes(zf.read(name))


@pytest.mark.slow
@needs_build
def test_twine_check_passes_for_the_sdist_and_the_wheel(dist):
    files = sorted(str(p) for p in dist.iterdir())
    assert sorted(Path(f).suffix for f in files) == [".gz", ".whl"]
    done = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *files],
                          capture_output=True, text=True, timeout=300, check=False,
                          preexec_fn=die_with_parent)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2


@pytest.mark.slow
@needs_build
def test_wheel_metadata_names_the_repository_licence_classifiers_and_readme(dist):
    meta = _metadata(dist)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["Name"] == "citeaudit" and meta["Version"] == project["version"]
    assert meta["License-Expression"] == "MIT"
    assert meta["Requires-Python"] == ">=3.11"
    assert meta["Description-Content-Type"] == "text/markdown"
    assert meta.get_payload().startswith("# citeaudit\n")
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL"))
    assert urls["Repository"] == "https://github.com/citeaudit/citeaudit"
    assert set(urls) >= {"Homepage", "Documentation", "Issues", "Changelog"}
    classifiers = meta.get_all("Classifier")
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert not any(c.startswith("License ::") for c in classifiers)  # the expression says it


@pytest.mark.slow
@needs_build
def test_wheel_holds_the_package_its_scripts_and_the_licence(dist):
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        entry_points = zf.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "citeaudit/report/sarif.py" in names and "citeaudit/fix/wikitext.py" in names
    assert "citeaudit/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "citeaudit = citeaudit.cli:main" in entry_points
    assert "citeaudit-hook = citeaudit.ci.precommit:main" in entry_points


def test_user_agent_names_the_repository_in_the_project_urls():
    from citeaudit.config import DEFAULT_USER_AGENT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert f"+{project['urls']['Repository']};" in DEFAULT_USER_AGENT
