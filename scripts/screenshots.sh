#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png (sign-in, registration, waiting page, settings, administration, user menu, phone
# width; English and Arabic) from the real app in headless Debian Chromium. Needs /usr/bin/chromium (scripts/test.sh
# installs it); downloads nothing. Usage: bash scripts/screenshots.sh
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export MESSAGING_SCREENSHOTS_DIR="$repo_root/docs/screenshots"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
mkdir -p "$MESSAGING_SCREENSHOTS_DIR"

dotnet build Messaging.Tests
dotnet test Messaging.Tests --no-build --filter "Category=Screenshots"
ls -1 "$MESSAGING_SCREENSHOTS_DIR"
