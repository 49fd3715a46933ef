"""Stage 1, the Markdown stage: the data files each feature reads and the Python-Markdown extensions that
turn them into page content.

Nothing here imports MkDocs: any engine that runs Python-Markdown extensions (MkDocs, ProperDocs,
Zensical) can use them."""
