#!/usr/bin/env bash
# Renders images/icon.png (the Marketplace icon, which must be a PNG) from images/icon.svg, so the
# PNG is never edited by hand. Needs rsvg-convert: `sudo apt-get install librsvg2-bin` on Debian and
# Ubuntu, `brew install librsvg` on macOS.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v rsvg-convert >/dev/null; then
  echo "rsvg-convert is missing: install librsvg2-bin (apt) or librsvg (brew), then run this again." >&2
  exit 1
fi
rsvg-convert --width 128 --height 128 images/icon.svg --output images/icon.png
echo "images/icon.png rendered from images/icon.svg"
