#!/usr/bin/env bash
# The Debian packages the test suite drives, installed when missing, so `make test` sets itself
# up on a fresh machine (CI's .ci/run calls `make test` and gets the same). Never a downloaded
# browser build or binary: only Debian's packages.
#   chromium, fonts-noto-cjk   the browser tests (Playwright drives Debian's Chromium; CJK glyphs)
#   libreoffice-impress        opening the PowerPoint briefing the way a user would (→ PDF)
#   poppler-utils              pdftotext / pdftoppm on that PDF
#   nginx                      the proxy of `make serve REPLICAS=N`
#   postgresql                 a throwaway cluster for the state store's PostgreSQL tests
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-impress)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)

if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi
echo "Installing system packages the tests need: ${need[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
