"""Sharding a run's URLs by registrable domain (no cluster needed)."""

from __future__ import annotations

import pytest

pytest.importorskip("tldextract", reason="sharding needs the cluster extra (tldextract)")

from citeaudit.watch.shard import host_of, registrable_domain, shard_rows


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("news.example.co.uk", "example.co.uk"),
        ("www.example.com", "example.com"),
        ("example.com", "example.com"),
        ("a.b.c.example.org", "example.org"),
        ("user.github.io", "github.io"),  # the ICANN list only: one operator, one shard
        ("news.test", "news.test"),  # an unlisted suffix: the last label is the suffix
        ("a.news.test", "news.test"),
        ("localhost", "localhost"),
        ("127.0.0.2", "127.0.0.2"),
        ("[::1]", "::1"),
    ],
)
def test_a_host_belongs_to_its_registrable_domain(host, domain):
    assert registrable_domain(host) == domain


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("http://News.Example.com:8080/a?b#c", "news.example.com"),
        ("https://user:pw@example.com/x", "example.com"),
        ("http://[::1]:80/", "[::1]"),
        ("http://example.com./", "example.com"),
        ("http://example.com?q=1", "example.com"),
    ],
)
def test_host_of_drops_user_port_and_case(url, host):
    assert host_of(url) == host


def _rows(urls):
    return [(i, url, True) for i, url in enumerate(urls, 1)]


def test_every_host_of_a_domain_lands_in_the_same_shard_and_every_row_in_one_shard():
    urls = [f"http://{sub}.site{n}.example/{k}" for n in range(12) for sub in ("www", "m", "cdn")
            for k in range(n + 1)]
    shards = shard_rows(_rows(urls), 4)
    assert len(shards) == 4
    holder: dict[str, int] = {}
    for shard in shards:
        for _, url, _ in shard.rows:
            domain = registrable_domain(host_of(url))
            assert holder.setdefault(domain, shard.index) == shard.index
    assert sorted(r for s in shards for r in s.rows) == sorted(_rows(urls))


def test_shards_are_balanced_to_within_the_largest_domain():
    sizes = [40, 30, 20, 10, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
    urls = [f"http://d{d}.example/{k}" for d, n in enumerate(sizes) for k in range(n)]
    loads = sorted(len(s.rows) for s in shard_rows(_rows(urls), 3))
    assert sum(loads) == sum(sizes)
    assert loads[-1] - loads[0] <= max(sizes)
    assert loads == [51, 52, 52]


def test_fewer_domains_than_shards_gives_one_shard_per_domain_and_the_same_split_each_time():
    urls = [f"http://www.a.example/{k}" for k in range(5)] + ["http://b.example/"]
    first, second = shard_rows(_rows(urls), 8), shard_rows(_rows(urls), 8)
    assert [s.domains for s in first] == [("a.example",), ("b.example",)]
    assert first == second
    assert shard_rows([], 4) == []


def test_local_n_beyond_the_limit_is_refused_before_any_process_starts():
    from citeaudit.watch.cluster import MAX_LOCAL_WORKERS, ClusterTarget, ClusterUnreachable

    with pytest.raises(ClusterUnreachable, match=f"at most {MAX_LOCAL_WORKERS}"):
        ClusterTarget(f"local:{MAX_LOCAL_WORKERS + 1}")
    assert ClusterTarget(f"local:{MAX_LOCAL_WORKERS}").local_workers == MAX_LOCAL_WORKERS
