"""Build jumelage/core/static/core/icons.svg, the platform's SVG sprite, from Lucide.

The icons come from the npm package lucide-static (ISC licence, shipped beside the
sprite as icons-LICENSE.txt). Nothing is fetched at run time: the sprite is committed.
To add an icon, add its Lucide name to ICONS and run, from the repository root:

    npm pack lucide-static@0.468.0 && tar xzf lucide-static-0.468.0.tgz
    .venv/bin/python scripts/build_icons.py package/

(the package is not kept in the repository; only the sprite and its licence are).
"""

import re
import shutil
import sys
from pathlib import Path

VERSION = "0.468.0"
ICONS = [
    "bell", "book-open", "calendar", "check", "chevron-down", "file-text", "folder",
    "globe", "house", "image", "inbox", "info", "languages", "layout-dashboard",
    "log-in", "log-out", "mail", "menu", "message-circle", "pencil", "plus", "school", "search",
    "settings", "shield-check", "trash-2", "user", "user-plus", "users", "x",
]  # fmt: skip
OUT = Path(__file__).resolve().parent.parent / "jumelage/core/static/core"


def symbol(package: Path, name: str) -> str:
    svg = (package / "icons" / f"{name}.svg").read_text()
    body = svg[svg.index(">", svg.index("<svg")) + 1 : svg.rindex("</svg>")]
    body = re.sub(r"\s+", " ", body).strip()
    return f'<symbol id="{name}" viewBox="0 0 24 24">{body}</symbol>'


def main(package: Path) -> None:
    found = (package / "package.json").read_text()
    if f'"version": "{VERSION}"' not in found:
        sys.exit(f"expected lucide-static {VERSION} in {package}")
    symbols = "\n".join(symbol(package, name) for name in ICONS)
    (OUT / "icons.svg").write_text(
        f"<!-- Lucide {VERSION} (lucide-static on npm), ISC licence: icons-LICENSE.txt -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg" fill="none" stroke="currentColor" '
        'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">\n'
        f"{symbols}\n</svg>\n"
    )
    shutil.copy(package / "LICENSE", OUT / "icons-LICENSE.txt")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "package"))
