"""Where the article comes from: a path, its text, or a URL fetched through the run's session."""

from __future__ import annotations

import requests

from citeaudit.errors import InputError, NetworkError, PolicyRefused, ReplayMiss


def is_url(source: object) -> bool:
    """Whether an audit source is a web address rather than a path or text."""
    return isinstance(source, str) and source.strip().lower().startswith(("http://", "https://"))


_URL_FORMATS = {
    "text/markdown": "markdown",
    "text/plain": "text",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/x-bibtex": "bibtex",
    "application/vnd.citationstyles.csl+json": "csljson",
}
"""How an article fetched by URL is read, by its media type (anything else: HTML)."""



def fetch_article(session: requests.Session, url: str, format: str | None) -> tuple[bytes, str]:
    """The bytes at ``url`` and the format to read them as (by media type if not given)."""
    try:
        response = session.get(url)
    except (requests.RequestException, PolicyRefused, ReplayMiss, NetworkError) as exc:
        raise InputError(f"could not fetch the article {url}: {exc}") from exc
    if response.status_code >= 400:
        raise InputError(f"could not fetch the article {url}: HTTP {response.status_code}")
    media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if format is None:
        format = _URL_FORMATS.get(media, "html")
    return response.content, format
