"""The site: one generate() that build, check and the MkDocs hooks share; rendering, exports and the output folder.

- generate.py: settings and content in, the Timeline and its rendered pages out;
- render.py, export.py: the Markdown pages, timeline.json and claims.csv; packed.py: the pages held compressed;
- build.py: `build` (MkDocs, the atomic swap) and `check`;
- hooks.py: the MkDocs events (mkdocs.yml registers this file for plain `mkdocs build` and `mkdocs serve`);
- output.py: the output folder is ours or untouched; progress.py: the progress bar.
"""
