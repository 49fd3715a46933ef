"""Who wrote a PDF or Word file the site serves as it is: the names and notes it carries inside.

A download someone hands a maintainer (a form, a leaflet) keeps its author's name, the name of
whoever saved it last, their comments and their tracked changes. Anyone who downloads it can read
them in the file's properties. For a service whose readers and writers are targets of abuse, that
is a leak, so each is a problem to fix before the file is published.

- A Word file (.docx) is a zip: docProps/core.xml holds dc:creator and cp:lastModifiedBy,
  docProps/app.xml a Manager; word/comments.xml the comments; w:ins and w:del in the text are
  changes not yet accepted.
- A PDF keeps an Author in its document information and dc:creator in its XMP metadata, and
  comments as annotations (sticky notes, highlights). Removing them by adding a revision (as
  `exiftool -all=` does) leaves the old values in the file, so every object in it is read, not
  only the current ones. pikepdf (a runtime dependency: it compacts the toolkit's PDF) reads it,
  imported only when there is such a file.

A name equal to the site's author (site_author in mkdocs.yml, an organisation) is not a person's.
The files the build makes are not read here: they are written after this check.
"""

from __future__ import annotations

import io
import re
import zipfile

from saferpolitics.core.problems import Problem

WORD_HINT = (
    "remove them in the program that saved it, then save it again: in Word, File > Info > Check for Issues > "
    "Inspect Document, then Remove All beside the comments and revisions and beside the document properties and "
    "personal information; in LibreOffice, accept or reject every tracked change (Edit > Track Changes > Manage), "
    "delete the comments, and under File > Properties > General click Reset Properties and untick Apply user data"
)
PDF_HINT = (
    "remove them where the PDF was made (see the hint for a Word file in CONTRIBUTING.md, Add a downloadable "
    "file) and export it again; or run `exiftool -all:all= file.pdf` and then `qpdf --linearize --replace-input "
    "file.pdf` (exiftool alone keeps the old values in the file)"
)

# Elements of docProps/*.xml that name a person, by their name without the namespace.
_WORD_PEOPLE = {"creator": "Author", "lastModifiedBy": "Last saved by", "Manager": "Manager"}
_XML_TEXT = re.compile(rb"<(?:\w+:)?(creator|lastModifiedBy|Manager)\b[^>]*>([^<]*)<", re.S)
# A change Word tracks and nobody has accepted: an insertion or a deletion, each with its author.
_TRACKED_CHANGE = re.compile(rb"<w:(?:ins|del)\b")
_COMMENT = re.compile(rb"<w:comment\b")
# Annotations that are a reader's notes on the page, not links or form fields.
_PDF_COMMENTS = frozenset(
    {"/Text", "/FreeText", "/Highlight", "/Underline", "/StrikeOut", "/Squiggly", "/Caret", "/Ink", "/Stamp"}
)
_XMP_CREATOR = re.compile(rb"<(dc:creator|pdf:Author)\b[^>]*>(.*?)</\1>", re.S)
_XMP_VALUE = re.compile(rb"<rdf:li\b[^>]*>([^<]*)</rdf:li>|^([^<]+)$", re.S)


def _named(value: str, organisation: str) -> bool:
    value = " ".join(value.split())
    return bool(value) and value.casefold() != " ".join(organisation.split()).casefold()


def word_metadata_problems(path: str, data: bytes, organisation: str = "") -> list[Problem]:
    """The names, comments and tracked changes a .docx file carries."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return [
            Problem(path, None, "this Word file cannot be opened: it is not a .docx file", "save it again as .docx")
        ]
    names = set(archive.namelist())

    def read(name: str) -> bytes:
        return archive.read(name) if name in names else b""

    found = []
    for properties in ("docProps/core.xml", "docProps/app.xml"):
        for element, value in _XML_TEXT.findall(read(properties)):
            text = value.decode("utf-8", "replace")
            if _named(text, organisation):
                found.append(f"{_WORD_PEOPLE[element.decode()]}: '{' '.join(text.split())}'")
    comments = len(_COMMENT.findall(read("word/comments.xml")))
    if comments:
        found.append(f"{comments} comment{'s' if comments > 1 else ''}")
    if any(_TRACKED_CHANGE.search(read(name)) for name in names if re.fullmatch(r"word/[\w-]+\.xml", name)):
        found.append("tracked changes not yet accepted")
    return [_problem(path, found, WORD_HINT)] if found else []


def pdf_metadata_problems(path: str, data: bytes, organisation: str = "") -> list[Problem]:
    """The author names (current or left behind by an earlier revision) and comments a PDF carries."""
    import pikepdf  # only a site with a PDF of its own under docs/ pays for the import

    try:
        document = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, pikepdf.PasswordError) as error:
        return [
            Problem(path, None, f"this PDF cannot be read ({error})", "export it again from the program that made it")
        ]
    authors = []
    with document:
        for thing in document.objects:
            if not isinstance(thing, (pikepdf.Dictionary, pikepdf.Stream)):
                continue
            author = thing.get("/Author")
            if author is not None and _named(str(author), organisation):
                authors.append(str(author))
            if isinstance(thing, pikepdf.Stream) and thing.get("/Subtype") == "/XML":
                authors += [name for name in _xmp_creators(thing) if _named(name, organisation)]
        comments = sum(
            str(note.get("/Subtype")) in _PDF_COMMENTS
            for page in document.pages
            for note in page.obj.get("/Annots", [])
            if isinstance(note, pikepdf.Dictionary)
        )
    found = [f"Author: '{name}'" for name in dict.fromkeys(" ".join(a.split()) for a in authors)]
    if comments:
        found.append(f"{comments} comment{'s' if comments > 1 else ''}")
    return [_problem(path, found, PDF_HINT)] if found else []


def _xmp_creators(stream) -> list[str]:
    """The names in an XMP metadata stream's dc:creator and pdf:Author."""
    try:
        xml = stream.read_bytes()
    except Exception:  # a stream pikepdf cannot decode holds nothing it can read either
        return []
    names = []
    for _element, inner in _XMP_CREATOR.findall(xml):
        for item, plain in _XMP_VALUE.findall(inner.strip()):
            names.append((item or plain).decode("utf-8", "replace"))
    return names


def _problem(path: str, found: list[str], hint: str) -> Problem:
    return Problem(
        path,
        None,
        f"this file carries who wrote it and their notes, which anyone who downloads it can read: {'; '.join(found)}",
        hint,
    )


def document_metadata_problems(path: str, suffix: str, data: bytes, organisation: str = "") -> list[Problem]:
    """The names and notes in a .pdf or .docx file (suffix in lower case); nothing for another kind."""
    if suffix == ".docx":
        return word_metadata_problems(path, data, organisation)
    if suffix == ".pdf":
        return pdf_metadata_problems(path, data, organisation)
    return []
