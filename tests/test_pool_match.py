"""Matching an article's sentences against a pool: the right page found, clear verdicts only."""

from __future__ import annotations

import pytest

from citeaudit.audit import audit
from citeaudit.config import Config
from citeaudit.pool import PoolPage, SourceKind, Stance
from citeaudit.pool.figures import counted_conflict
from citeaudit.pool.index import PoolIndex
from citeaudit.report import FindingKind
from tests.support.site import html_page

TOWNS = ["Arden", "Belmor", "Calder", "Dunmere", "Elstow", "Farley", "Garrow", "Halden",
         "Inver", "Jessop"]
WORKS = ["a new library", "a swimming pool", "a bus depot", "a tram line", "a school"]

STATED = "The Brenica council approved 240 new bicycles for the harbour district in March 2024."
"""What the one supporting page of the big pool says; the article states it uncited."""


def _distractors() -> list[tuple[str, str]]:
    """49 pages on councils and spending, none stating the sentence."""
    pages = []
    for i, town in enumerate(TOWNS):
        for j, work in enumerate(WORKS):
            if len(pages) == 49:
                break
            pages.append((f"{town} plans {work}",
                          f"The {town} council approved {work} for the harbour district in "
                          f"{2015 + j}. Building is to cost {3 + i}.{j} million euros, "
                          f"the mayor of {town} said."))
    return pages


@pytest.fixture
def big_pool(tmp_path):
    folder = tmp_path / "pool"
    folder.mkdir()
    for n, (title, text) in enumerate(_distractors()):
        (folder / f"{n:02d}.html").write_text(html_page(title, text).body, "utf-8")
    (folder / "37b.html").write_text(html_page(
        "Brenica buys bicycles", STATED,
        "The bicycles will be lent free of charge to residents.").body, "utf-8")
    assert len(list(folder.iterdir())) == 50
    return folder


def _config() -> Config:
    return Config(archives=())


def test_the_one_supporting_page_of_fifty_is_found_and_replaces_uncited_claim(big_pool):
    article = ("Cycling grows in the region.\n\n"
               "Brenica's council approved 240 new bicycles for the harbour district in "
               "March 2024.\n")
    report = audit(article, _config(), sources=[big_pool])
    assert len(report.pool.pages) == 50
    found = report.findings_of(FindingKind.SUPPORTED_BY_SOURCE)
    assert [f.url for f in found] == [str(big_pool / "37b.html")]
    assert "240 new bicycles" in found[0].reason
    assert found[0].fix == f"cite this page: {big_pool / '37b.html'}"
    assert report.findings_of(FindingKind.UNCITED_CLAIM) == []


def test_a_sentence_no_pool_page_supports_stays_uncited_claim(big_pool):
    article = "The Arden council approved 75 new benches for the market square in June 2021.\n"
    report = audit(article, _config(), sources=[big_pool])
    assert [f.kind for f in report.findings] == [FindingKind.UNCITED_CLAIM]
    assert report.pool.matches == ()


def test_a_pool_page_counting_the_same_thing_differently_contradicts_the_sentence(tmp_path):
    page = tmp_path / "ammunition.html"
    page.write_text(html_page(
        "Ammunition shipments",
        "The United States said Russia would use any troops sent to Ukraine as reserves.",
        "North Korea has supplied more than 11,000 containers of ammunition to Russia since "
        "autumn 2023, US officials said.").body, "utf-8")
    article = ("Since August 2023, North Korea has sent more than 13,000 containers of "
               "artillery, missiles, and other conventional weapons to Russia.\n")
    report = audit(article, _config(), sources=[page])
    found = report.findings_of(FindingKind.CONTRADICTED_BY_SOURCE)
    assert len(found) == 1
    assert found[0].url == str(page)
    assert found[0].reason.startswith(
        "the claim says 13,000 containers but the page says 11,000 containers")
    assert "more than 11,000 containers of ammunition" in found[0].reason
    matches = report.pool.for_claim(found[0].claim)
    assert [m.stance for m in matches] == [Stance.CONTRADICTS]
    # Contradicted is not supported: the sentence is still uncited.
    assert len(report.findings_of(FindingKind.UNCITED_CLAIM)) == 1


CLAIM = "Since 2023, North Korea has sent more than 13,000 containers of shells to Russia."


@pytest.mark.parametrize("page, why", [
    ("North Korea has supplied 13,000 containers of ammunition to Russia. Iran sent "
     "11,000 containers to Russia.", "the page states the claim's figure elsewhere"),
    ("Iran has supplied more than 11,000 containers of ammunition to Russia.",
     "the page's sentence is about someone else"),
    ("North Korea sent 11,000 containers by rail and 2,000 containers by sea to Russia.",
     "two figures for the noun: each may count a part"),
    ("North Korea has supplied more than 11,000 shells to Russia.", "another counted noun"),
])
def test_a_figure_is_contradicted_only_by_an_unambiguous_count_of_the_same_thing(page, why):
    assert counted_conflict(CLAIM, page) is None, why


def test_retrieval_never_offers_a_page_sharing_no_words_with_the_sentence():
    pages = (PoolPage("a", "a", SourceKind.FILE, STATED),
             PoolPage("b", "b", SourceKind.FILE, "Wine exports grew by 12 percent in 2023."))
    index = PoolIndex(pages)
    assert [h.page for h in index.search("Brenica approved 240 bicycles.")] == [0]
    assert index.search("The orchestra toured Vienna and Prague.") == []


def test_progress_counts_the_pool_pages_judged(big_pool):
    events = []
    audit("Brenica's council approved 240 new bicycles for the harbour district in March "
          "2024.\n", _config(), sources=[big_pool], progress=events.append)
    pool = [(e.done, e.total) for e in events if e.stage == "sources"]
    assert pool and pool[-1][0] == pool[-1][1] == len(pool)
    assert 1 <= pool[-1][1] <= 3  # only the best-retrieved pages are judged


def test_the_configured_verifier_judges_only_the_best_retrieved_pages(big_pool, monkeypatch,
                                                                      tmp_path):
    from citeaudit.verify.llm_settings import LlmSettings
    from tests.support.llm_server import running

    llm = LlmSettings(cache=tmp_path / "answers")  # never the user's own answer cache
    with running(api_key="sk-pool") as srv:
        monkeypatch.setenv("CITEAUDIT_LLM_BASE_URL", srv.url)
        monkeypatch.setenv("CITEAUDIT_LLM_API_KEY", "sk-pool")
        report = audit("Brenica's council approved 240 new bicycles for the harbour district "
                       "in March 2024.\n", Config(archives=(), verifier="llm:loopback-judge",
                                                 llm=llm),
                       sources=[big_pool])
        calls = srv.chat_calls
    assert 1 <= calls <= 3  # of 50 pages, only the top-ranked few are judged
    found = report.findings_of(FindingKind.SUPPORTED_BY_SOURCE)
    assert [f.url for f in found] == [str(big_pool / "37b.html")]
    assert report.pool.for_claim("u1")[0].reason.startswith("loopback-judge")
