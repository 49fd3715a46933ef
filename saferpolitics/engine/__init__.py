"""The one place that knows MkDocs: the plugin that runs both stages, and MkDocs' own warnings re-worded."""
