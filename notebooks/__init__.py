"""Bilingual Jupyter notebooks, generated from one source each (issue 6).

Layout
------
``notebooks/sources/*.py``   one module per notebook: prose in both languages, shared code,
                             the reader-facing labels, and which snippets to embed.
``notebooks/generate.py``    writes ``notebooks/en/*.ipynb`` and ``notebooks/es/*.ipynb``
                             (outputs stripped) and checks they are up to date.
``notebooks/embed.py``       copies code out of ``snippets/`` (marked sections or named
                             definitions), so a notebook runs without the repository.
``notebooks/execute.py``     runs notebooks with nbclient (a fresh kernel each, or one
                             shared kernel for the site build) and caches the results.
``notebooks/page.py``        turns mkdocs-jupyter's HTML into a lean, accessible site page.
``notebooks/download.py``    the file a reader downloads or opens in JupyterLite: its name in
                             the page's language, a link back to the page, the licence line.

Regenerate after editing a source or a snippet: ``python -m notebooks.generate``.
"""
