"""A PDF or Word file under docs/ is published as it is: a maintainer review found nothing said
when one carried its author's name, comments or tracked changes, which anyone who downloads it
can read (saferpolitics/core/file_metadata.py)."""

from __future__ import annotations

import io
import re
import zipfile

import pikepdf
import pytest

from saferpolitics.core.file_metadata import PDF_HINT, WORD_HINT
from saferpolitics.core.served_files import served_file_problems

SITE_AUTHOR = "Centre for Digital Politics, Media and Democracy, University of Liverpool"


def word_file(core: str = "", app: str = "", comments: int = 0, document: str = "<w:p/>") -> bytes:
    """A .docx as Word saves one, with only the parts these checks read."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/">{core}</cp:coreProperties>',
        )
        archive.writestr("docProps/app.xml", f"<Properties>{app}</Properties>")
        archive.writestr("word/document.xml", f"<w:document {w}><w:body>{document}</w:body></w:document>")
        if comments:
            notes = '<w:comment w:id="0" w:author="Jo Bloggs"><w:p/></w:comment>' * comments
            archive.writestr("word/comments.xml", f"<w:comments {w}>{notes}</w:comments>")
    return out.getvalue()


def pdf_file(author: str | None = None, comment: bool = False, xmp_creator: str | None = None) -> bytes:
    document = pikepdf.new()
    document.add_blank_page()
    if author is not None:
        document.docinfo["/Author"] = author
    if xmp_creator is not None:
        with document.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:creator"] = [xmp_creator]
    if comment:
        note = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[0, 0, 10, 10], T="Jo Bloggs", Contents="Check"
        )
        document.pages[0].Annots = document.make_indirect(pikepdf.Array([note]))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def problems(name: str, data: bytes) -> list:
    return served_file_problems(f"docs/downloads/{name}", lambda: data, SITE_AUTHOR)


def test_a_word_file_with_names_comments_and_tracked_changes_is_named_with_all_of_them():
    data = word_file(
        core="<dc:creator>Jo Bloggs</dc:creator><cp:lastModifiedBy>Sam  Smith</cp:lastModifiedBy>",
        app="<Manager>Alex Jones</Manager><Company>Party HQ</Company>",
        comments=2,
        document='<w:ins w:id="1" w:author="Jo Bloggs"><w:r/></w:ins>',
    )
    [problem] = problems("form.docx", data)
    assert problem.file == "docs/downloads/form.docx" and problem.line is None
    assert problem.message == (
        "this file carries who wrote it and their notes, which anyone who downloads it can read: "
        "Author: 'Jo Bloggs'; Last saved by: 'Sam Smith'; Manager: 'Alex Jones'; 2 comments; "
        "tracked changes not yet accepted"
    )
    assert problem.hint == WORD_HINT and "Inspect Document" in problem.hint and "Reset Properties" in problem.hint


def test_a_word_file_with_no_name_or_the_sites_own_passes():
    assert problems("form.docx", word_file(core="<dc:creator></dc:creator><cp:lastModifiedBy/>")) == []
    assert problems("form.docx", word_file(core=f"<dc:creator>{SITE_AUTHOR}</dc:creator>")) == []


def test_a_word_file_python_docx_writes_is_read_as_word_saves_it():
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.core_properties.author = "Jo Bloggs"
    out = io.BytesIO()
    document.save(out)
    [problem] = problems("form.docx", out.getvalue())
    assert "Author: 'Jo Bloggs'" in problem.message


def test_a_pdf_with_an_author_or_a_comment_is_named():
    [problem] = problems("leaflet.pdf", pdf_file(author="Jo Bloggs", comment=True))
    assert problem.message.endswith("Author: 'Jo Bloggs'; 1 comment"), problem.message
    assert problem.hint == PDF_HINT and "qpdf --linearize" in problem.hint
    [problem] = problems("leaflet.pdf", pdf_file(xmp_creator="Sam Smith"))
    assert problem.message.endswith("Author: 'Sam Smith'"), problem.message


def test_a_pdf_with_no_name_or_the_sites_own_passes():
    assert problems("leaflet.pdf", pdf_file()) == []
    assert problems("leaflet.pdf", pdf_file(author=SITE_AUTHOR)) == []


def test_a_name_removed_by_adding_a_revision_is_still_found():
    """`exiftool -all=` on a PDF adds a revision without the Info, and the old one stays in the file."""
    data = pdf_file(author="Jo Bloggs")
    size = re.search(rb"/Size (\d+)", data)[1]
    root = re.search(rb"/Root (\d+ 0 R)", data)[1]
    previous = re.findall(rb"startxref\s+(\d+)", data)[-1]
    xref = len(data)
    update = b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size " + size + b" /Root " + root + b" /Prev " + previous
    data += update + b" >>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n"
    assert "/Author" not in pikepdf.open(io.BytesIO(data)).docinfo  # a reader's program shows no author
    [problem] = problems("leaflet.pdf", data)
    assert "Author: 'Jo Bloggs'" in problem.message


def test_a_file_that_cannot_be_read_is_said_so_not_a_traceback():
    [problem] = problems("form.docx", b"not a zip")
    assert "cannot be opened" in problem.message
    [problem] = problems("leaflet.pdf", b"%PDF-1.4 not really")
    assert "cannot be read" in problem.message
