"""``citeaudit notes`` and ``citeaudit audit`` take every reader's format, detected or named."""

from __future__ import annotations

import json

import pytest

from citeaudit.cli import main
from tests.support.site import Page, Site, html_page
from tests.test_read_docx import make_docx
from tests.test_read_pdf import make_pdf

PAGE = "The harbour handled 4.2 million containers in 2023, the port authority said."


def _sources(base: str) -> dict[str, tuple[str, bytes]]:
    """One small article per format, all citing ``{base}/harbour``: (file name, bytes)."""
    claim = "The harbour handled 4.2 million containers in 2023."
    return {
        "docx": ("harbour.docx", make_docx([f"{claim}{{fn:Port Authority, {base}/harbour.}}"])),
        "pdf": ("harbour.pdf", make_pdf([[
            (72, 720, 12, 0, claim), (380, 720, 7, 5, "1"),
            (72, 80, 9, 0, f"1 Port Authority, {base}/harbour."),
        ]])),
        "wikitext": ("Harbour.wiki", (
            f"'''Harbour''' facts. {claim}<ref>{{{{cite web |url={base}/harbour "
            "|title=Annual report |website=Port Authority |access-date=3 May 2024}}</ref>\n\n"
            "== References ==\n{{reflist}}\n").encode()),
        "rst": ("harbour.rst", (
            f"{claim} [1]_\n\n.. [1] Port Authority, `Annual report <{base}/harbour>`_.\n"
        ).encode()),
        "csljson": ("library.json", json.dumps([{
            "id": "port", "type": "webpage", "title": "Annual report", "URL": f"{base}/harbour",
            "accessed": {"date-parts": [[2024, 5, 3]]}}]).encode()),
        "bibtex": ("refs.bib", (
            f"@misc{{port,\n  title = {{Annual report}},\n  url = {{{base}/harbour}},\n"
            "  urldate = {2024-05-03}\n}\n").encode()),
    }


@pytest.fixture(scope="module")
def site():
    web = Site({"/harbour": html_page("Annual report", PAGE)})
    with web.running():
        pdf = _sources(web.base)["pdf"][1].decode("ascii")  # the writer's PDFs are ASCII
        web.pages["/paper.pdf"] = Page(body=pdf, headers=(("Content-Type", "application/pdf"),))
        yield web


@pytest.mark.parametrize("fmt", ["docx", "pdf", "wikitext", "rst", "csljson", "bibtex"])
def test_notes_reads_each_format_by_its_file(site, tmp_path, capsys, fmt):
    name, data = _sources(site.base)[fmt]
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["notes", str(path), "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["article"]["format"] == fmt
    assert [n["urls"] for n in shown["notes"]] == [[f"{site.base}/harbour"]]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "wikitext", "rst", "csljson", "bibtex"])
def test_input_format_names_the_format_of_a_file_without_a_telling_name(site, tmp_path, capsys,
                                                                         fmt):
    path = tmp_path / "export.dat"
    path.write_bytes(_sources(site.base)[fmt][1])
    assert main(["notes", str(path), "--input-format", fmt, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["article"]["format"] == fmt


@pytest.mark.parametrize("fmt", ["docx", "wikitext", "bibtex"])
def test_audit_checks_the_links_of_each_format(site, tmp_path, capsys, fmt):
    name, data = _sources(site.base)[fmt]
    path = tmp_path / name
    path.write_bytes(data)
    code = main(["audit", str(path), "--format", "json", "--archive", "none",
                 "--allow-private", "--fail-on", "none"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [link["outcome"] for note in report["notes"] for link in note["links"]] == ["ok"]


def test_audit_of_markers_without_notes_is_never_clean(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text("Ports grew in 2023.[1] Trade fell in 2022.[2]\n", encoding="utf-8")
    code = main(["audit", str(path), "--format", "json", "--archive", "none"])
    report = json.loads(capsys.readouterr().out)
    assert [f["kind"] for f in report["findings"]] == ["notes_not_found"]
    assert code == 1


def test_notes_prints_the_articles_warnings(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text("Ports grew in 2023.[1]\n", encoding="utf-8")
    assert main(["notes", str(path)]) == 0
    assert "warning: 1 note marker ([1]) but no notes found" in capsys.readouterr().out


def test_audit_of_a_pdf_url_reads_the_pdf(site, capsys):
    code = main(["audit", f"{site.base}/paper.pdf", "--format", "json", "--archive", "none",
                 "--allow-private", "--fail-on", "none"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [n["urls"] for n in report["notes"]] == [[f"{site.base}/harbour"]]
