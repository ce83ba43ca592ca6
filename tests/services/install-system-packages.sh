#!/usr/bin/env bash
# System packages the tests need, from Debian. Idempotent: installs only what is missing.
#   chromium           the browser the e2e suite drives (never downloaded by Playwright)
#   xvfb               a display for headful runs and screenshots of real windows
#   fonts-noto-core    Persian glyphs for Chromium's fallback fonts (the UI bundles Vazirmatn)
#   libnotify-bin      notify-send, used by node-notifier on Linux
#   x11-utils          xwininfo: the notification test looks for the daemon's window on the display
set -euo pipefail
PACKAGES=(chromium xvfb x11-utils fonts-noto-core libnotify-bin dbus notification-daemon kamailio kamailio-websocket-modules kamailio-tls-modules sip-tester baresip-core postgresql openssl)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
echo "system packages: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
