#!/usr/bin/env bash
# Installs the Debian 12 packages that building, running and testing need, when missing, and
# generates the zh_CN.UTF-8 locale (a new machine has none, and gettext then shows English).
set -euo pipefail

packages=(
  meson ninja-build pkg-config gcc libc6-dev make
  libgtk-4-dev libsqlite3-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev libglib2.0-dev-bin
  gettext locales fonts-noto-cjk sqlite3 time
  desktop-file-utils appstream
  xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-pyatspi python3-gi gir1.2-atspi-2.0
  python3-openpyxl poppler-utils imagemagick libreoffice-calc-nogui
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing+=("$p") ;;
  esac
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends \
    "${missing[@]}"
fi

if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
  echo "Generating the zh_CN.UTF-8 locale"
  "${sudo_cmd[@]}" localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
fi
