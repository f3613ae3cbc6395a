"""Watch runs driven through weeks of a loopback web with a clock the tests control."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import time
from concurrent.futures.process import BrokenProcessPool

from citeaudit.watch import Event, LinkState, add_targets, build_report
from tests.test_watch_web import news_page, time_web_fixture, watch_fixture, write_article  # noqa: F401

HARBOUR = news_page(
    "Council approves the new harbour budget",
    "The city council approved a budget of 4.2 million euros for the harbour on Tuesday, "
    "after a debate that lasted most of the afternoon.",
    "The mayor said the works would start in the spring and take two years. Opposition "
    "members asked for an independent audit of the costs before any contract is signed.",
    "Fishermen's associations welcomed the decision but warned that the quay must stay open "
    "during the works, since most boats have nowhere else to land their catch.",
)
STRIKE = news_page(
    "Dock workers strike over pay",
    "Dock workers walked out on Monday over pay, halting traffic at the port for a day.",
    "Union leaders said talks with the port authority would resume next week, and that a "
    "longer strike was possible if no offer was made.",
)


def harbour_article(watch, tmp_path, name="harbour.txt"):
    web = watch.web
    harbour, strike = web.url("/2024/harbour-budget"), web.url("/story/strike", "wire.test")
    web.set(harbour, HARBOUR)
    web.set(strike, STRIKE)
    path = write_article(tmp_path, name, [
        ("The city council approved a budget of 4.2 million euros for the harbour",
         "Council approves the new harbour budget", harbour),
        ("Dock workers walked out on Monday over pay", "Dock workers strike over pay", strike),
    ])
    add_targets(watch.store, [str(path)])
    return harbour, strike


def test_a_truly_gone_link_is_dead_on_the_third_spaced_failure_and_not_before(watch, tmp_path):
    harbour, _ = harbour_article(watch, tmp_path)
    assert watch.run().events == {}
    watch.web.drop(harbour)
    states, deaths = [], []
    for _day in range(7):  # daily runs for a week
        watch.clock.advance(days=1)
        deaths.append(watch.run().events.get("died", 0))
        states.append(watch.store.url_state(harbour).state)
    # Failures count on days 1, 4 and 7: dead on the seventh, never earlier.
    assert states[:6] == [LinkState.FAILING] * 6
    assert states[6] is LinkState.DEAD
    assert deaths == [0, 0, 0, 0, 0, 0, 1]
    report = build_report(watch.store)
    assert [c.url for c in report.newly_dead] == [harbour]
    assert report.newly_dead[0].failures == 3 and report.broke


def test_a_flapping_link_never_reaches_dead(watch, tmp_path):
    _, strike = harbour_article(watch, tmp_path)
    for day in range(1, 22):  # three weeks; the site is down two days out of three
        watch.clock.advance(days=1)
        if day % 3:
            watch.web.set(strike, "<html><body>Service unavailable</body></html>", status=503)
        else:
            watch.web.set(strike, STRIKE)
        summary = watch.run()
        assert "died" not in summary.events
        assert watch.store.url_state(strike).state is not LinkState.DEAD
    everything = build_report(watch.store, since=watch.clock.now() - dt.timedelta(days=30))
    assert everything.newly_dead == ()


def test_a_dead_link_that_comes_back_is_reported_recovered(watch, tmp_path):
    harbour, _ = harbour_article(watch, tmp_path)
    watch.run()
    watch.web.drop(harbour)
    for _ in range(3):
        watch.clock.advance(days=3)
        watch.run()
    assert watch.store.url_state(harbour).state is LinkState.DEAD
    watch.clock.advance(days=3)
    watch.web.set(harbour, HARBOUR)
    assert watch.run().events == {"recovered": 1}
    report = build_report(watch.store)
    assert [c.url for c in report.recovered] == [harbour]
    assert not report.broke


def test_a_rewritten_page_is_reported_as_drifted(watch, tmp_path):
    _, strike = harbour_article(watch, tmp_path)
    watch.run()
    watch.clock.advance(days=7)
    watch.web.set(strike, news_page(
        "Ferry timetable for the winter",
        "Ferries to the islands will run twice a day from November until March.",
        "Tickets can be bought at the harbour office or online, and prices stay the same.",
    ))
    assert watch.run().events == {"drifted": 1}
    report = build_report(watch.store)
    assert [c.url for c in report.drifted] == [strike]
    assert report.drifted[0].similarity < 0.6
    assert report.broke


def test_a_page_whose_figure_changed_is_drifted_because_the_claim_lost_its_support(
    watch, tmp_path
):
    harbour, _ = harbour_article(watch, tmp_path)
    watch.run()
    watch.clock.advance(days=7)
    # One figure differs; most of the text is the same, so only the claim check sees it.
    watch.web.set(harbour, HARBOUR.replace("4.2 million", "1.7 million"))
    assert watch.run().events == {"drifted": 1}
    change = build_report(watch.store).drifted[0]
    assert change.url == harbour
    assert change.similarity > 0.6
    assert [(c.claim_id, c.before, c.after) for c in change.lost_claims] == [
        ("c1", "supported", "contradicted")
    ]


def test_an_unchanged_page_or_a_cosmetic_change_is_not_drift(watch, tmp_path):
    harbour, _ = harbour_article(watch, tmp_path)
    watch.run()
    watch.clock.advance(days=7)
    assert watch.run().events == {}
    watch.web.set(harbour, HARBOUR.replace("</article>", "<p>Updated at 10:42.</p></article>"))
    watch.clock.advance(days=7)
    assert watch.run().events == {}


def test_a_url_cited_by_many_articles_is_checked_once_per_run(watch, tmp_path):
    harbour, strike = harbour_article(watch, tmp_path)
    second = write_article(tmp_path, "second.txt", [
        ("The council approved the harbour budget", "Harbour budget", harbour)])
    add_targets(watch.store, [str(second)])
    summary = watch.run()
    assert summary.checked == 2
    assert watch.web.count(harbour) == 1 and watch.web.count(strike) == 1
    watch.web.drop(harbour)
    for _ in range(3):
        watch.clock.advance(days=3)
        watch.run()
    by_article = build_report(watch.store).by_article()
    assert set(by_article) == {str(tmp_path / "harbour.txt"), str(second)}


def test_an_interrupted_run_resumes_without_losing_or_duplicating_results(watch, tmp_path):
    urls = [watch.web.url(f"/2026/story-{i}", "wire.test") for i in range(12)]
    for i, url in enumerate(urls):
        watch.web.set(url, news_page(f"Story {i}", f"Story number {i} happened on day {i}."))
    path = write_article(tmp_path, "many.txt",
                         [(f"Story {i} happened", f"Story {i}", u) for i, u in enumerate(urls)])
    add_targets(watch.store, [str(path)])
    seen = []

    def stop_after_five(result):
        seen.append(result.url)
        if len(seen) == 5:
            raise KeyboardInterrupt

    # Groups of two: the fifth report comes after its group (the fifth, maybe the sixth)
    # was committed, or on its own if the group waited its fifth of a second.
    runner = watch.runner(batch=4, commit_group=2)
    try:
        runner.run(on_result=stop_after_five)
    except KeyboardInterrupt:
        pass
    finally:
        runner._session.close()
    run = watch.store.unfinished_run()
    assert run is not None and run.checked in (5, 6) and run.planned == 12
    summary = watch.run(batch=4)
    assert summary.run.id == run.id and summary.run.resumed and summary.finished
    assert summary.checked == 12 - run.checked
    rows = watch.store.query("SELECT url_id, count(*) FROM checks GROUP BY url_id")
    assert len(rows) == 12 and all(n == 1 for _, n in rows)
    # Results committed before the interrupt were not fetched again.
    assert all(watch.web.count(u) == 1 for u in seen[:5])


def test_due_only_checks_only_what_is_due(watch, tmp_path):
    harbour, _ = harbour_article(watch, tmp_path)
    watch.run(due_only=True)
    watch.web.drop(harbour)
    watch.clock.advance(days=1)
    assert watch.run(due_only=True).run.planned == 0  # both healthy and checked yesterday
    watch.clock.advance(days=6)
    summary = watch.run(due_only=True)
    assert summary.run.planned == 2
    watch.clock.advance(days=1)
    assert watch.run(due_only=True).run.planned == 0  # failing: next count in 3 days
    watch.clock.advance(days=2)
    assert watch.run(due_only=True).run.planned == 1


def test_an_edited_article_is_re_read_and_its_new_notes_watched(watch, tmp_path):
    harbour_article(watch, tmp_path)
    watch.run()
    extra = watch.web.url("/2026/quay", "blog.test")
    watch.web.set(extra, news_page("The quay stays open", "The quay will stay open."))
    path = tmp_path / "harbour.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(
        "[1] “", f"[3] “The quay stays open”, Blog, {extra}, (Access Date: 01.07.2024).\n\n[1] “"
    ).replace("over pay [2].", "over pay [2]. The quay will stay open [3]."), encoding="utf-8")
    watch.clock.advance(days=1)
    assert watch.run().checked == 3
    assert watch.web.count(extra) == 1


def test_save_missing_asks_for_a_capture_once_when_a_live_url_is_first_seen(watch, tmp_path):
    harbour, strike = harbour_article(watch, tmp_path)
    watch.web.drop(strike)
    asked = []
    runner = watch.runner()
    runner.saver = lambda url: asked.append(url) or type("R", (), {"outcome": "saved"})()
    runner.run()
    watch.clock.advance(days=1)
    runner.run()
    runner._session.close()
    assert asked == [harbour]  # the dead one is not worth capturing; nothing twice
    saved = watch.store.query("SELECT url, saved FROM urls WHERE saved IS NOT NULL")
    assert [tuple(r) for r in saved] == [(harbour, "saved")]


def test_events_enum_matches_what_reports_show():
    assert {e.value for e in Event} == {"died", "recovered", "drifted"}


def _checks_in(store, run_id):
    return {row[0] for row in store.query(
        "SELECT u.url FROM checks c JOIN urls u ON u.id = c.url_id WHERE c.run_id = ?", (run_id,))}


def test_a_lone_result_is_committed_without_waiting_for_its_group_to_fill(watch, tmp_path):
    from citeaudit.links import LinkResult, Outcome

    harbour, strike = harbour_article(watch, tmp_path)
    runner = watch.runner(commit_group=1000)

    def check(due):
        items = list(due)
        run_id = watch.store.unfinished_run().id
        for n, item in enumerate(items):
            if n:
                # The first result's group is far from full: only its wait commits it.
                deadline = time.monotonic() + 30
                while items[0].url not in _checks_in(watch.store, run_id):
                    assert time.monotonic() < deadline, "the lone result was never committed"
                    time.sleep(0.02)
            yield item, LinkResult(item.url, Outcome.OK, status=200)

    try:
        summary = runner.run(check=check)
    finally:
        runner._session.close()
    assert summary.finished and summary.checked == 2
    assert _checks_in(watch.store, summary.run.id) == {harbour, strike}


def test_each_result_is_reported_only_once_it_is_committed(watch, tmp_path):
    harbour_article(watch, tmp_path)
    reported = []

    def on_result(result):
        run_id = watch.store.unfinished_run().id
        reported.append((result.url, result.url in _checks_in(watch.store, run_id)))

    runner = watch.runner(commit_group=1000)
    try:
        summary = runner.run(on_result=on_result)
    finally:
        runner._session.close()
    assert summary.checked == 2 and len(reported) == 2
    assert all(committed for _, committed in reported)


class _BrokenPool(concurrent.futures.ThreadPoolExecutor):
    """A process pool whose workers died: every hand-off raises, as ProcessPoolExecutor's does."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        raise BrokenProcessPool("a worker died")


def test_a_pool_that_broke_before_the_first_page_is_replaced_and_every_page_is_read(
    watch, tmp_path, monkeypatch
):
    from citeaudit import workers

    broken, real, real_discard = _BrokenPool(1), workers.executor, workers.discard
    discarded: list[object] = []

    def discard(pool):  # type: ignore[no-untyped-def]
        discarded.append(pool)
        real_discard(pool)

    # The broken pool is handed out until the run discards it, as workers.executor would.
    monkeypatch.setattr(
        workers, "executor", lambda count=None: real(count) if discarded else broken
    )
    monkeypatch.setattr(workers, "discard", discard)
    harbour, strike = harbour_article(watch, tmp_path)
    run = watch.run()
    assert run.checked == 2 and run.events == {}
    assert discarded == [broken]
    # Each page went to the replacement pool: its fingerprint was recorded.
    for url in (harbour, strike):
        rows = watch.store.query("SELECT fingerprint FROM urls WHERE url = ?", (url,))
        assert rows[0][0] is not None
