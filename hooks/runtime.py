"""MkDocs hook for the in-browser runtime (issue 14): a thin entry point, so the code can
move with the build plumbing. Everything lives in tools/runtime_site.py."""

from tools.runtime_site import (  # noqa: F401  (MkDocs looks the events up by name)
    on_files,
    on_page_content,
    on_page_markdown,
    on_post_build,
    on_post_page,
    on_post_template,
    on_pre_build,
)
