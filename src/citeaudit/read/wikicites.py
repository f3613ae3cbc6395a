"""Citation templates of other languages' Wikipedias, read as English ``{{cite …}}`` ones.

A French article cites with ``{{Lien web|url=…|titre=…|consulté le=…}}``, a German one
with ``{{Internetquelle|url=…|titel=…|abruf=…}}``, a Spanish one with ``{{Cita web|…}}``:
the same citation as ``{{cite web}}`` under other names.  Read as an unknown template,
such a ref had no text, so the note was lost.  The templates named here are citations,
and their parameters are looked up by the CS1 name each stands for (``titre`` is
``title``, ``consulté le`` is ``access-date``, ``auteur2`` is ``author2``).  Only the
parameters a note's text or its URLs need are mapped; the others are left out of it, as
an unknown CS1 parameter is.
"""

from __future__ import annotations

import re

CITATIONS = frozenset({
    # fr
    "lien web", "lien brisé", "lien conférence", "article", "ouvrage", "chapitre",
    # de
    "internetquelle", "literatur",
    # es, it
    "cita web", "cita libro", "cita publicación", "cita noticia", "cita news",
    "cita pubblicazione",
    # pt, nl
    "citar web", "citar livro", "citar periódico", "citar jornal", "citeer web", "citeer boek",
    # tr, pl, sv
    "web kaynağı", "kitap kaynağı", "haber kaynağı", "dergi kaynağı", "akademik dergi kaynağı",
    "cytuj stronę", "cytuj książkę", "cytuj pismo", "webbref", "bokref", "tidningsref",
    "tidskriftsref",
})
"""The templates (names lower case, spaces single) that are citations, as ``cite …`` is."""

BOOKS = frozenset({
    "ouvrage", "chapitre", "literatur", "cita libro", "citar livro", "citeer boek",
    "kitap kaynağı", "cytuj książkę", "bokref",
})
"""Those that cite a book, whose title CS1 prints in italics (``cite book``)."""

_CS1 = {
    # the work's own link: "lire en ligne" (fr Ouvrage, Article), "online" (de Literatur)
    "lire en ligne": "url", "online": "url",
    "titre": "title", "titel": "title", "título": "title", "titolo": "title",
    "başlık": "title", "tytuł": "title",
    "titre chapitre": "chapter", "kapitel": "chapter", "capítulo": "chapter",
    "capitolo": "chapter", "bölüm": "chapter",
    "auteur": "author", "autor": "author", "autore": "author", "yazar": "author",
    "författare": "author",
    "nom": "last", "apellido": "last", "apellidos": "last", "cognome": "last",
    "último": "last", "achternaam": "last", "soyadı": "last", "nazwisko": "last",
    "efternamn": "last",
    "prénom": "first", "nombre": "first", "nome": "first", "primeiro": "first",
    "voornaam": "first", "ad": "first", "imię": "first", "förnamn": "first",
    "site": "website", "sitioweb": "website", "sito": "website",
    "werk": "work", "sammelwerk": "work", "obra": "work", "opera": "work", "iş": "work",
    "verk": "work",
    "périodique": "periodical", "periódico": "periodical", "publicación": "journal",
    "rivista": "journal", "dergi": "journal", "czasopismo": "journal", "gazete": "newspaper",
    "éditeur": "publisher", "hrsg": "publisher", "verlag": "publisher",
    "editorial": "publisher", "editore": "publisher", "editora": "publisher",
    "publicado": "publisher", "uitgever": "publisher", "yayıncı": "publisher",
    "wydawca": "publisher", "opublikowany": "publisher", "utgivare": "publisher",
    "lieu": "location", "ort": "location", "ubicación": "location", "città": "location",
    "local": "location", "plaats": "location", "yer": "location", "miejsce": "location",
    "datum": "date", "fecha": "date", "data": "date", "tarih": "date",
    "année": "year", "jahr": "year", "año": "year", "anno": "year", "ano": "year",
    "jaar": "year", "yıl": "year", "rok": "year", "år": "year",
    "consulté le": "access-date", "abruf": "access-date", "fechaacceso": "access-date",
    "accesso": "access-date", "acessodata": "access-date", "bezochtdatum": "access-date",
    "erişimtarihi": "access-date", "data dostępu": "access-date", "hämtdatum": "access-date",
    "archiv-url": "archive-url", "urlarchivo": "archive-url", "urlarchivio": "archive-url",
    "arquivourl": "archive-url", "archiefurl": "archive-url", "arşivurl": "archive-url",
    "archiwum": "archive-url", "arkivurl": "archive-url",
    "archiv-datum": "archive-date", "fechaarchivo": "archive-date",
    "dataarchivio": "archive-date", "arquivodata": "archive-date",
    "archiefdatum": "archive-date", "arşivtarihi": "archive-date",
    "zarchiwizowano": "archive-date", "arkivdatum": "archive-date",
    "band": "volume", "volumen": "volume", "numéro": "issue", "nummer": "issue",
    "número": "issue",
    "seiten": "pages", "páginas": "pages", "pagine": "pages", "pagina's": "pages",
    "sayfalar": "pages", "strony": "pages", "sidor": "pages",
    "seite": "page", "página": "page", "pagina": "page", "sayfa": "page", "sida": "page",
    "zitat": "quote", "cita": "quote", "citazione": "quote", "citação": "quote",
}
"""A local parameter name (lower case) by the CS1 name it stands for."""

_NUMBERED = re.compile(r"^(.*?\D)(\d{1,2})$")


def is_citation(name: str) -> bool:
    """Whether a template (its name lower case, spaces single) is a citation."""
    return name.startswith("cite ") or name == "citation" or name in CITATIONS


def cs1_name(name: str) -> str | None:
    """The CS1 name a local citation parameter (lower case) stands for, ``None`` if none:
    ``titre`` → ``title``, ``auteur2`` → ``author2``, ``nom1`` → ``last1``."""
    if name in _CS1:
        return _CS1[name]
    numbered = _NUMBERED.match(name)
    if numbered and numbered.group(1) in _CS1:
        return _CS1[numbered.group(1)] + numbered.group(2)
    return None
