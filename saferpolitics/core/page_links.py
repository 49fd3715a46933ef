"""A link from a data file to a page of this site: a Markdown path relative to docs/, with an
optional section ("police-advisors.md#operation-bridger"). One pattern for every data file that
links to pages (checklist items' `link`, first steps' [words](target)), so a link one accepts the
other accepts too."""

from __future__ import annotations

import re

PAGE_LINK = re.compile(r"(?P<path>[A-Za-z0-9_./-]+\.md)(?:#(?P<anchor>[A-Za-z0-9_-]+))?")
