"""The playbook as one self-contained HTML file that prints to PDF from any browser.

Rendered from the Markdown with markdown-it-py, raw HTML off (so anything typed
into aiops shows as text), with one inline stylesheet that has print rules: no
script, no remote resource, nothing to fetch.
"""

from __future__ import annotations

from html import escape

STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
  padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f0f0f0; }
pre { background: #f6f6f6; padding: .75rem; overflow-x: auto; white-space: pre-wrap; }
code { font-family: ui-monospace, monospace; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  table, pre { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def render_html(markdown_text: str, title: str) -> str:
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown_text)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{body}</body>\n</html>\n"
    )
