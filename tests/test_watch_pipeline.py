"""The watch run as a continuous pipeline: no batch barrier, one probe cache per run, a seam."""

from __future__ import annotations

import threading

from citeaudit.links import LinkResult, Outcome
from citeaudit.watch import add_targets
from citeaudit.watch.run import DueUrl, due_urls
from tests.test_watch_web import news_page, time_web_fixture, watch_fixture, write_article  # noqa: F401


def _stories(watch, tmp_path, count, folder="/news/"):
    web = watch.web
    urls = []
    for i in range(count):
        url = web.url(f"{folder}story-{i}")
        web.set(url, news_page(f"Story {i}", f"The harbour council met for the {i}th time."))
        urls.append(url)
    path = write_article(tmp_path, "stories.txt", [
        (f"The harbour council met for the {i}th time", f"Story {i}", url)
        for i, url in enumerate(urls)
    ])
    add_targets(watch.store, [str(path)])
    return urls


def test_a_slow_url_holds_up_only_itself_not_the_urls_read_after_it(watch, tmp_path):
    urls = _stories(watch, tmp_path, 6)
    release = threading.Event()
    watch.web.set(urls[0], news_page("Story 0", "Slow to answer."), hold=release)
    committed: list[str] = []

    def on_result(result: LinkResult) -> None:
        committed.append(result.url)
        if len(committed) == len(urls) - 1:
            release.set()  # every other URL is in: only now may the slow one answer

    runner = watch.runner(batch=1)  # one URL read from the store at a time
    try:
        summary = runner.run(on_result=on_result)
    finally:
        release.set()
        runner._session.close()
    # With a barrier per batch the slow first URL would have held up all the others.
    assert committed[-1] == urls[0]
    assert sorted(committed) == sorted(urls)
    assert summary.finished and summary.checked == len(urls)


def test_one_soft_404_probe_per_site_folder_for_the_whole_run(watch, tmp_path):
    urls = _stories(watch, tmp_path, 5)
    summary = watch.run(batch=1)
    assert summary.checked == len(urls)
    probes = [key for key in watch.web.hits if "/news/citeaudit-" in key]
    assert len(probes) == 1
    assert watch.web.hits[probes[0]] == 1


def test_due_urls_yield_every_planned_url_once_and_skip_committed_ones(watch, tmp_path):
    urls = _stories(watch, tmp_path, 5)
    run = watch.store.start_run(due_only=False, policy=watch.options.policy)
    due = list(due_urls(watch.store, run.id, page=2))
    assert sorted(d.url for d in due) == sorted(urls)
    assert all(d.first for d in due)
    # A run killed after two results resumes with the other three.
    _run_with(watch, _stopping_after(2))
    again = watch.store.unfinished_run()
    assert again is not None and again.checked == 2
    left = list(due_urls(watch.store, again.id, page=2))
    assert len(left) == 3 and not {d.url for d in left} & set(_checked(watch))


def test_a_checker_from_elsewhere_has_its_results_committed_once_each(watch, tmp_path):
    urls = _stories(watch, tmp_path, 4)
    seen: list[DueUrl] = []

    def twice(due):
        for item in due:
            seen.append(item)
            result = LinkResult(item.url, Outcome.BROKEN, status=404, reason="gone")
            yield item, result
            yield item, result  # a re-run shard hands the same result back again

    summary = _run_with(watch, twice)
    assert summary.finished and summary.checked == len(urls) == len(seen)
    assert sorted(_checked(watch)) == sorted(urls)


def _stopping_after(limit):
    """A checker that gives up after ``limit`` results, as a killed one would."""

    def check(due):
        for n, item in enumerate(due):
            if n == limit:
                return
            yield item, LinkResult(item.url, Outcome.BROKEN, status=404, reason="gone")

    return check


def _run_with(watch, check):
    runner = watch.runner()
    try:
        return runner.run(check=check)
    finally:
        runner._session.close()


def _checked(watch):
    return [r[0] for r in watch.store.query(
        "SELECT u.url FROM checks c JOIN urls u ON u.id = c.url_id")]
