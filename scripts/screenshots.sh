#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png from the real app in headless Debian Chromium, English and Arabic: the shell
# (sign-in, registration, waiting page, settings, administration, user menu, phone width) and the conversation screens
# (list, chat, phone list and chat). Needs /usr/bin/chromium (scripts/test.sh installs it); downloads nothing.
# Usage: bash scripts/screenshots.sh
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# Every screenshot test reads it through Messaging.Tests/TestInfrastructure/ScreenshotAlbum.cs.
export MESSAGING_SCREENSHOTS_DIR="$repo_root/docs/screenshots"
mkdir -p "$MESSAGING_SCREENSHOTS_DIR"

dotnet build Messaging.Tests
dotnet test Messaging.Tests --no-build --filter "Category=Screenshots|FullyQualifiedName~Messaging.Tests.Web.Conversations.ChatLayoutTests"
ls -1 "$MESSAGING_SCREENSHOTS_DIR"
