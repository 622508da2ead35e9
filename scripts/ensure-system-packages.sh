#!/usr/bin/env bash
# System packages the tests use: Chromium for e2e, SoftHSM2 + OpenSC for a real PKCS#11 token,
# poppler-utils (pdfsig) and xmlsec1 as independent verifiers, qpdf to make xref-stream and
# linearized test PDFs, fonts for Vietnamese text and Times New Roman's metric twin, and the
# PostgreSQL server programs the hub's tests start (initdb, pg_ctl; Debian 12's postgresql-15 also
# holds the contrib extensions such as unaccent, and its package makes the unprivileged `postgres`
# account the tests run the server as when they run as root), and Tesseract with its Vietnamese model,
# the OCR engine `npm run bench -- ocr` measures against the bundled tesseract.js. On Debian as root they are
# installed; elsewhere we say what to install and stop, because a test that silently lacks its
# verifier proves nothing.
set -euo pipefail

packages=(chromium softhsm2 opensc poppler-utils qpdf xmlsec1 openssl fonts-dejavu-core fonts-liberation2 postgresql tesseract-ocr tesseract-ocr-vie)

if ! command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for tool in chromium softhsm2-util pkcs11-tool pdfsig qpdf xmlsec1 openssl tesseract; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  { [ -n "${VANTHU_PG_BIN:-}" ] || command -v pg_config >/dev/null 2>&1; } || missing+=("PostgreSQL server (pg_config, initdb, pg_ctl)")
  if [ ${#missing[@]} -gt 0 ]; then
    echo "This is not a Debian-like system, so the test command cannot install its tools. Missing: ${missing[*]}." >&2
    echo "Install Chromium (or set VANTHU_CHROMIUM to its path), SoftHSM2, OpenSC, poppler-utils, xmlsec1, OpenSSL, the DejaVu and Liberation fonts, Tesseract with Vietnamese (tesseract-ocr-vie) and the PostgreSQL 15+ server (or set VANTHU_PG_BIN to its bin folder), then run npm test again." >&2
    exit 1
  fi
  exit 0
fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages for the tests: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
