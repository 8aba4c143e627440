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
command -v lowriter >/dev/null 2>&1 || need+=(libreoffice-writer)
fc-list 2>/dev/null | grep -qi "Liberation Serif" || need+=(fonts-liberation)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ ${#need[@]} -gt 0 ]; then
    echo "Installing system packages the tests need: ${need[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The Word 通报's 公文 fonts (仿宋_GB2312, 黑体, ...) as Noto CJK SC where they are not installed:
# LibreOffice then renders the body as a serif and the headings as a sans, in simplified forms.
aliases="$(dirname "$0")/../deploy/fontconfig/65-gbt9704-fonts.conf"
if [ -d /etc/fonts/conf.d ] && ! cmp -s "$aliases" /etc/fonts/conf.d/65-gbt9704-fonts.conf; then
    echo "Installing the 公文 font aliases into /etc/fonts/conf.d" >&2
    $SUDO install -m 644 "$aliases" /etc/fonts/conf.d/65-gbt9704-fonts.conf
    fc-cache -f >/dev/null 2>&1 || true
fi
