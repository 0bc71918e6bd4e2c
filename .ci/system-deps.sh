#!/bin/sh
# What the test suite needs beyond Python: Chromium (tests/test_report.py renders report.html headless) and CJK
# fonts. Installs them with apt-get when run as root on Debian/Ubuntu; otherwise stops at once (exit 1) with the
# command to run, so `make test` fails before the suite rather than after it.
set -u

APT_PACKAGES="chromium fonts-noto-cjk"

have_chromium() {
    for name in chromium chromium-browser google-chrome google-chrome-stable; do
        command -v "$name" >/dev/null 2>&1 && return 0
    done
    return 1
}

have_cjk_fonts() {
    command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null)" ]
}

have_chromium && have_cjk_fonts && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "make test: installing $APT_PACKAGES with apt-get (the report test renders in headless Chromium)" >&2
    # wait for another apt/dpkg run rather than fail on its lock
    if apt-get -o DPkg::Lock::Timeout=600 update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq $APT_PACKAGES >/dev/null \
        && have_chromium; then
        exit 0
    fi
    echo "make test: apt-get could not install $APT_PACKAGES; install them and run make test again" >&2
    exit 1
fi

if ! have_chromium; then
    echo "make test needs Chromium and CJK fonts for the report test; run: sudo apt-get install $APT_PACKAGES" >&2
    exit 1
fi
echo "make test: no CJK font found (fc-list :lang=zh); report screenshots will show boxes." \
     "Install one with: sudo apt-get install fonts-noto-cjk" >&2
