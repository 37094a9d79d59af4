#!/bin/sh
# Install Budgetkring for you alone, so that it is in your application menu:
#
#     sh install.sh               (from the unpacked download, or: make install-desktop)
#     sh install.sh --uninstall   (removes the program; your data stay)
#
# Everything goes under your own home folder; no administrator rights are needed:
#   ~/.local/lib/budgetkring/                                the program (this folder, copied)
#   ~/.local/bin/budgetkring                                 a link to it, for the command line
#   ~/.local/share/applications/nl.budgetkring.budgetkring.desktop      the menu entry
#   ~/.local/share/metainfo/nl.budgetkring.budgetkring.metainfo.xml     for software centres
#   ~/.local/share/icons/hicolor/*/apps/nl.budgetkring.budgetkring.*    the icon
# (~/.local/share is $XDG_DATA_HOME when that is set.) Your data live elsewhere
# (~/.local/share/Budgetkring) and are never touched by this script. Messages are in Dutch.
set -eu

APP_ID=nl.budgetkring.budgetkring
MARK=.installed-by-budgetkring

say() { printf '%s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 2; }

[ -n "${HOME:-}" ] && [ "$HOME" != / ] && [ -d "$HOME" ] || fail "HOME is geen map van jezelf."
HOME=$(cd "$HOME" && pwd -P)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
case "$DATA" in /*) ;; *) DATA=$HOME/.local/share ;; esac # the XDG rule: relative is ignored
if [ -d "$DATA" ]; then DATA=$(cd "$DATA" && pwd -P); fi
LIB=$HOME/.local/lib/budgetkring
BIN=$HOME/.local/bin
case "$DATA/" in
*/../* | */./*) fail "XDG_DATA_HOME ($DATA) is geen gewone map. Er is niets gedaan." ;;
"$HOME"/*) ;;
*) fail "XDG_DATA_HOME ($DATA) ligt buiten je eigen map. Er is niets gedaan." ;;
esac
case "$LIB$DATA" in
*'"'* | *'`'* | *'$'* | *'\'*) fail "de naam van je eigen map heeft tekens die niet in een menu passen. Er is niets gedaan." ;;
esac

SIZES="16 32 48 64 128 256"

remove_installed() {
    if [ -e "$LIB" ] && [ ! -f "$LIB/$MARK" ]; then
        fail "$LIB is niet door dit script gemaakt. Er is niets gedaan."
    fi
    rm -f "$DATA/applications/$APP_ID.desktop" "$DATA/metainfo/$APP_ID.metainfo.xml"
    rm -f "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
    for size in $SIZES; do
        rm -f "$DATA/icons/hicolor/${size}x$size/apps/$APP_ID.png"
    done
    if [ -L "$BIN/budgetkring" ] && [ "$(readlink "$BIN/budgetkring")" = "$LIB/budgetkring" ]; then
        rm -f "$BIN/budgetkring"
    fi
    rm -rf "$LIB"
}

if [ "${1:-}" = --uninstall ]; then
    remove_installed
    say "Budgetkring is van je computer gehaald. Je gegevens staan nog in $DATA/Budgetkring."
    exit 0
fi
[ $# -eq 0 ] || fail "gebruik: sh install.sh [--uninstall]"

HERE=$(cd "$(dirname "$0")" && pwd -P)
[ -x "$HERE/budgetkring" ] && [ -d "$HERE/_internal" ] ||
    fail "start de install.sh die in de uitgepakte map van Budgetkring staat (naast 'budgetkring')."
ICONS=$HERE/_internal/resources/icons
if [ -e "$BIN/budgetkring" ] || [ -L "$BIN/budgetkring" ]; then
    [ -L "$BIN/budgetkring" ] && [ "$(readlink "$BIN/budgetkring")" = "$LIB/budgetkring" ] ||
        fail "$BIN/budgetkring bestaat al en is niet van Budgetkring. Er is niets gedaan."
fi

if [ "$HERE" != "$LIB" ]; then
    remove_installed
    mkdir -p "$LIB"
    : >"$LIB/$MARK" # marks the folder as ours before anything else goes in
    cp -R "$HERE/." "$LIB/"
fi
mkdir -p "$BIN" "$DATA/applications" "$DATA/metainfo" "$DATA/icons/hicolor/scalable/apps"
ln -sf "$LIB/budgetkring" "$BIN/budgetkring"
sed "s|^Exec=.*|Exec=\"$LIB/budgetkring\"|" "$HERE/$APP_ID.desktop" >"$DATA/applications/$APP_ID.desktop"
cp "$HERE/$APP_ID.metainfo.xml" "$DATA/metainfo/$APP_ID.metainfo.xml"
cp "$ICONS/budgetkring.svg" "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in $SIZES; do
    mkdir -p "$DATA/icons/hicolor/${size}x$size/apps"
    cp "$ICONS/budgetkring-$size.png" "$DATA/icons/hicolor/${size}x$size/apps/$APP_ID.png"
done
# No menu or icon caches are made: desktops read ~/.local/share as it is (a cache there would
# hide icons that other apps install later).
say "Budgetkring staat nu op je computer. Start het vanuit het menu, of typ: budgetkring"
