"""Stage 2, after the pages are written: the site's assets, the print page and PDF, the search index,
each page's finishing steps, the page policy last, then the offline file list.

Nothing here imports MkDocs."""
