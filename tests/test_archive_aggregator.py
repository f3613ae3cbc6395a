"""Memento aggregators: Time Travel's JSON API and a MemGator, one request per URL."""

from __future__ import annotations

import datetime as dt

import responses

from citeaudit.archive import parse_spec, parse_specs
from citeaudit.archive.aggregator import AggregatedMementos, TimeTravelArchive, archive_of
from citeaudit.archive.registry import build_backend
from tests.support.pywb_archive import TEST_HTTP

ACCESS = dt.date(2024, 6, 28)
URL = "https://news.example/story"
TT = "http://timetravel.mementoweb.org/api/json/"
AT_ARCHIVE_TODAY = "https://archive.ph/20240620101512/https://news.example/story"
AT_WAYBACK_BEFORE = "https://web.archive.org/web/20240601000000/https://news.example/story"
AT_UKWA_AFTER = ("https://www.webarchive.org.uk/wayback/archive/20240705000000/"
                 "https://news.example/story")


def memento(url: str, status: int = 200, when: str = "Thu, 20 Jun 2024 10:15:12 GMT") -> None:
    responses.head(url, status=status, headers={"Memento-Datetime": when})


@responses.activate
def test_time_travel_names_mementos_of_several_archives_and_each_keeps_its_own_name(
    archive_session,
):
    responses.get(TT + "20240628235959/" + URL, json={
        "original_uri": URL,
        "mementos": {
            "closest": {"datetime": "2024-06-20T10:15:12Z", "uri": [AT_ARCHIVE_TODAY]},
            "prev": {"datetime": "2024-06-01T00:00:00Z", "uri": [AT_WAYBACK_BEFORE]},
            "next": {"datetime": "2024-07-05T00:00:00Z", "uri": [AT_UKWA_AFTER]},
        },
    })
    memento(AT_ARCHIVE_TODAY, 302)  # a memento of a redirect: never a page
    memento(AT_WAYBACK_BEFORE, 200, "Sat, 01 Jun 2024 00:00:00 GMT")
    backend = TimeTravelArchive(archive_session, TEST_HTTP)

    [best] = backend.snapshots(URL, ACCESS)

    assert best.archive == "wayback" and best.url == AT_WAYBACK_BEFORE
    assert best.raw_url == "https://web.archive.org/web/20240601000000id_/https://news.example/story"
    get_calls = [c for c in responses.calls if c.request.method == "GET"]
    assert len(get_calls) == 1  # one request for every archive Time Travel knows


@responses.activate
def test_time_travel_404_means_no_archive_holds_a_memento(archive_session):
    responses.get(TT + "20240628235959/" + URL, status=404)
    assert TimeTravelArchive(archive_session, TEST_HTTP).snapshots(URL, ACCESS) == []


@responses.activate
def test_a_memgator_timemap_merges_archives_and_mementos_keep_their_archive(archive_session):
    spec = parse_spec("memgator=http://memgator.example:1208")
    timemap = (f'<{URL}>; rel="original",\n'
               f'<{AT_ARCHIVE_TODAY}>; rel="memento"; datetime="Thu, 20 Jun 2024 10:15:12 GMT",\n'
               f'<{AT_UKWA_AFTER}>; rel="memento"; datetime="Fri, 05 Jul 2024 00:00:00 GMT"\n')
    responses.get(spec.timemap_prefix + URL, body=timemap, content_type="application/link-format")
    memento(AT_ARCHIVE_TODAY)
    backend = build_backend(spec, archive_session, TEST_HTTP)

    [best] = backend.snapshots(URL, ACCESS)

    assert isinstance(backend, AggregatedMementos)
    assert best.archive == "archive.today" and best.raw_url is None  # no id_ at archive.today
    assert spec.timegate_prefix == "http://memgator.example:1208/timegate/"


def test_aggregators_are_chosen_by_name_beside_the_archives_already_supported():
    specs = parse_specs(["wayback", "timetravel", "memgator=http://127.0.0.1:1208/", "ukwa"])
    assert [s.kind for s in specs] == ["wayback", "timetravel", "memgator", "memento"]
    assert archive_of("https://archive.is/abcde") == "archive.today"
    assert archive_of("https://arquivo.pt/wayback/20200101000000/x") == "arquivo.pt"
