#!/usr/bin/env bash
# Debian packages the book and the tests need: TeX Live (XeLaTeX, latexmk, BibTeX, biber, CJK support),
# fonts for accented and CJK names, poppler's pdftotext, qpdf (checks the PDF), pandoc (reads the generated .bib
# with citeproc), Chromium for the browser tests, and the validators of the tests: EPUBCheck and a Java runtime
# (which also runs the Nu Html Checker). Installs only what is missing, and only
# where it can (root with apt-get); otherwise it says what to install and leaves the rest to the user.
set -euo pipefail

PACKAGES=(
  latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended texlive-xetex
  texlive-bibtex-extra biber texlive-lang-chinese fonts-noto-cjk fonts-freefont-otf tex-gyre poppler-utils qpdf
  pandoc chromium epubcheck default-jre-headless
)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "note: missing Debian packages (install them to build the PDF): ${missing[*]}" >&2
fi
