"""``citeaudit watch``: keep checking the citations of many articles over time.

``add`` / ``list`` / ``remove`` say what is watched, ``run`` re-checks it
(resuming a killed run), ``report`` says what changed.  ``run`` and ``report``
exit 1 when something newly broke (a link died, a page drifted), 0 otherwise,
2 on bad input (a database that does not exist: only ``add`` creates one),
3 when the run could not complete (another run holds the database) — usable
as is from cron and CI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from citeaudit.cli.common import (
    COMMAND_HELP,
    EXIT_STATUSES,
    ExitCode,
    add_common_options,
    add_network_options,
    http_config_from_args,
    non_negative_float,
    positive_int,
    run_status,
)
from citeaudit.cli.output import check_writable, emit
from citeaudit.cli.progress import Tracker, progress
from citeaudit.errors import InputError
from citeaudit.watch.clock import format_time
from citeaudit.watch.discover import is_url
from citeaudit.watch.schedule import DeadPolicy
from citeaudit.watch.store import RunInfo, WatchStore, default_db_path

DB_ENV = "CITEAUDIT_WATCH_DB"
"""Environment variable naming the database when ``--db`` is not given."""
REPORT_FORMATS = ("text", "json", "md", "html", "csv")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``citeaudit watch`` and its subcommands."""
    parser = sub.add_parser(
        "watch",
        help=COMMAND_HELP["watch"],
        description="Watch articles' citations over time in a SQLite or PostgreSQL database: "
        "add articles, "
        "sitemaps and feeds; run re-checks (from cron, a systemd timer or CI); report what "
        "newly died, recovered or drifted. A link is dead only after repeated failures spread "
        "over time (default 3 failures at least 3 days apart). See docs/watch.md.",
        epilog=EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument(
        "--db", metavar="PATH|URL",
        help=f"watch database: a SQLite file, or a postgresql:// URL for a shared one "
        f"(needs the postgres extra) (default: ${DB_ENV} or {default_db_path()})",
    )
    add_common_options(db, progress=False)
    cmds = parser.add_subparsers(dest="watch_command", metavar="ACTION", required=True)

    add = cmds.add_parser(
        "add", parents=[db], help="watch articles, or every article of a sitemap or feed",
        description="Watch ARTICLE files, article URLs, sitemaps (sitemap.xml, sitemap "
        "indexes, .xml.gz) and RSS/Atom feeds, which add every article they list.",
    )
    add.add_argument("targets", nargs="+", metavar="ARTICLE|URL|SITEMAP.xml|FEED")
    add_network_options(add)
    add.set_defaults(func=run_add)

    lst = cmds.add_parser("list", parents=[db], help="what is watched")
    lst.add_argument("--format", choices=("text", "json"), default="text")
    lst.set_defaults(func=run_list)

    rm = cmds.add_parser("remove", parents=[db], help="stop watching articles or sources")
    rm.add_argument("targets", nargs="+", metavar="ARTICLE|URL|SITEMAP|FEED")
    rm.set_defaults(func=run_remove)

    chk = cmds.add_parser(
        "run", parents=[db], help="re-check watched URLs (continues a killed run)",
        description="Re-read watched articles, then check each unique cited URL once, "
        "politely per host, committing each result as it is made. Exit 1 when a link "
        "newly died or a page drifted in this run.",
        epilog=EXIT_STATUSES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    chk.add_argument("--due-only", action="store_true",
                     help="check only URLs that are due (see --recheck-days, --spacing-days)")
    chk.add_argument("--save-missing", action="store_true",
                     help="ask the Internet Archive to capture each live URL the first time "
                     "it is seen")
    chk.add_argument("--failures", type=positive_int, default=DeadPolicy().failures,
                     metavar="N", help="spaced failures that make a link dead (default: 3)")
    chk.add_argument("--spacing-days", type=non_negative_float, default=3.0, metavar="D",
                     help="least days between two counted failures (default: 3)")
    chk.add_argument("--recheck-days", type=non_negative_float, default=7.0, metavar="D",
                     help="with --due-only, days a healthy URL rests (default: 7)")
    chk.add_argument("--no-claims", action="store_true",
                     help="do not verify claims (drift then means text change only)")
    chk.add_argument("--cluster", metavar="ADDRESS",
                     help="check the URLs on a Dask cluster (tcp://HOST:PORT of its scheduler, "
                     "or local:N to start N worker processes here), sharded by domain; needs "
                     "the cluster extra (see docs/scaling.md)")
    chk.add_argument("--cluster-timeout", type=non_negative_float, default=10.0, metavar="S",
                     help="seconds to wait for the cluster and its first worker (default: 10)")
    chk.add_argument("--format", choices=("text", "json"), default="text")
    chk.add_argument("-o", "--output", type=Path, metavar="FILE",
                     help="write the summary here instead of standard output")
    add_common_options(chk, debug=False)
    add_network_options(chk)
    chk.set_defaults(func=run_run)

    rep = cmds.add_parser(
        "report", parents=[db], help="what newly died, recovered, drifted, is still failing",
        description="Report changes since --since (default: the start of the latest run). "
        "Exit 1 when something newly broke (newly dead or drifted), 0 otherwise.",
        epilog=_report_csv_help() + "\n\n" + EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rep.add_argument("--since", type=_since, metavar="DATE",
                     help="ISO date or date-time (UTC unless an offset is given)")
    rep.add_argument("--format", choices=REPORT_FORMATS, default="text")
    rep.add_argument("-o", "--output", type=Path, metavar="FILE",
                     help="write the report here instead of standard output")
    rep.set_defaults(func=run_report)


# --- actions -------------------------------------------------------------------------------


def _store(args: argparse.Namespace, *, create: bool = False) -> WatchStore:
    """The watch database; only ``watch add`` may create it (a typo must not look healthy)."""
    location = args.db or os.environ.get(DB_ENV) or None
    return WatchStore(location, create=create)


def run_add(args: argparse.Namespace) -> int:
    """``watch add``."""
    from citeaudit.http import make_session
    from citeaudit.watch.run import add_targets

    config = http_config_from_args(args)
    with _store(args, create=True) as store:
        session = make_session(config)
        try:
            added = add_targets(store, args.targets, session)
        finally:
            session.close()
    for location, kind, new in added:
        print(f"{'added' if new else 'already watched'}: {kind} {location}")
    return ExitCode.OK


def run_list(args: argparse.Namespace) -> int:
    """``watch list``."""
    with _store(args) as store:
        targets = store.targets()
    if args.format == "json":
        print(json.dumps({"watching": [
            {"location": t.location, "kind": t.kind, "added_at": format_time(t.added_at),
             "title": t.title, "count": t.urls, "source": t.source, "error": t.error}
            for t in targets]}, indent=2, ensure_ascii=False))
        return ExitCode.OK
    for t in targets:
        what = "articles" if t.kind in ("sitemap", "feed") else "URLs"
        extra = f"  error: {t.error}" if t.error else ""
        print(f"{t.kind:8} {t.urls:5} {what:8} {t.location}{extra}")
    print(f"{len(targets)} watched")
    return ExitCode.OK


def run_remove(args: argparse.Namespace) -> int:
    """``watch remove``; unknown targets are an input error (after removing the known)."""
    missing: list[str] = []
    with _store(args) as store:
        for target in args.targets:
            location = target.strip() if is_url(target) else str(Path(target).resolve())
            if store.remove(location):
                print(f"removed: {location}")
            else:
                missing.append(target)
    if missing:
        raise InputError(f"not watched: {', '.join(missing)}")
    return ExitCode.OK


def run_run(args: argparse.Namespace) -> int:
    """``watch run``."""
    from citeaudit.watch.run import Runner, WatchOptions  # the audit stack: only for a run

    config = http_config_from_args(args)
    policy = DeadPolicy(
        failures=args.failures,
        spacing=dt.timedelta(days=args.spacing_days),
        recheck=dt.timedelta(days=args.recheck_days),
    )
    cluster = None
    if args.cluster is not None:
        from citeaudit.watch.cluster import ClusterTarget  # bad address: fail before any work

        cluster = ClusterTarget(args.cluster, connect_timeout=args.cluster_timeout)
    options = WatchOptions(policy=policy, due_only=args.due_only,
                           verify_claims=not args.no_claims, cluster=cluster)
    if args.output is not None:
        check_writable(args.output, what="the summary")
    with _store(args) as store:
        saver = _saver(config) if args.save_missing else None
        runner = Runner(store, config, options=options, saver=saver)
        from citeaudit import workers

        if cluster is None:  # a cluster's workers read the pages: no page workers here
            workers.executor()  # fork the page workers now, before the progress thread
        try:
            with progress(args.quiet) as tracker:
                summary = runner.run(**_callbacks(tracker))
        except KeyboardInterrupt as exc:
            run = store.unfinished_run()
            done = f" ({run.checked} of {run.planned} checked)" if run else ""
            print(f"citeaudit: interrupted{done}; `citeaudit watch run` continues the run",
                  file=sys.stderr)
            return run_status(findings=False, interrupted=exc)
    run = summary.run
    if args.format == "json":
        text = json.dumps({
            "run": run.id, "resumed": run.resumed, "finished": summary.finished,
            "planned": run.planned, "checked_total": run.checked,
            "checked_now": summary.checked, "events": summary.events,
            "read_errors": summary.article_errors,
        }, indent=2)
    else:
        events = ", ".join(f"{n} {k}" for k, n in sorted(summary.events.items())) or "no changes"
        how = "continued" if run.resumed else "run"
        text = (f"{how} #{run.id}: checked {summary.checked} URLs "
                f"({run.checked} of {run.planned} in this run); {events}")
        if summary.article_errors:
            text += (f"\n{summary.article_errors} articles or sources could not be read "
                     "(see `citeaudit watch list`)")
    written = emit(text, args.output, what="the summary")
    broke = summary.events.get("died", 0) + summary.events.get("drifted", 0)
    return run_status(findings=bool(broke), written=written)


def run_report(args: argparse.Namespace) -> int:
    """``watch report``."""
    from citeaudit.watch.report import build_report, render

    if args.output is not None:
        check_writable(args.output)
    with _store(args) as store:
        report = build_report(store, since=args.since)
    written = emit(render(report, args.format), args.output)
    return run_status(findings=bool(report.broke), written=written)


# --- helpers -------------------------------------------------------------------------------


def _report_csv_help() -> str:
    from citeaudit.watch.report import CSV_COLUMNS, SECTIONS

    return textwrap.fill(
        "--format csv writes one row per URL in each section it is in (section: "
        f"{', '.join(SECTIONS)}), with a header row: {', '.join(CSV_COLUMNS)}. cited_in "
        "and lost_claims join their items with '; '.", width=88)


def _saver(config: object) -> Callable[[str], object]:
    from citeaudit.archive import archive_session
    from citeaudit.archive.save import Credentials, SavePageNow
    from citeaudit.config import Config

    full = Config(http=config)  # type: ignore[arg-type]
    return SavePageNow(archive_session(full), full.http, credentials=Credentials.from_env()).save


def _callbacks(tracker: Tracker) -> dict[str, Callable[..., None]]:
    """``Runner.run``'s callbacks, feeding the progress display."""
    state = {"done": 0, "total": None}

    def start(run: RunInfo) -> None:
        state["done"], state["total"] = run.checked, run.planned
        tracker.update("links", run.checked, run.planned)

    def advance(_result: object) -> None:
        state["done"] += 1
        tracker.update("links", state["done"], state["total"])

    return {"on_start": start, "on_result": advance}


def _since(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date: {text!r}") from None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
