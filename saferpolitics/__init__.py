"""Python behind the Safer Politics toolkit, in the order a build uses it.

- core: maintainers' problems, data files with their lines, their JSON Schemas.
- markdown_stage: stage 1, each feature's data and its Python-Markdown extension.
- post_build: stage 2, the explicit pipeline run on the written site.
- engine: the one place that knows MkDocs.
- maintenance: tools outside the build (the live link check).
"""
