#!/usr/bin/env bash
# Regenerates the conversation screens in docs/screenshots (English and Arabic, desktop and phone) from the browser tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export MESSAGING_SCREENSHOTS="$root/docs/screenshots"
dotnet build "$root/Messaging.Tests" -v q
dotnet test "$root/Messaging.Tests" --no-build --filter "FullyQualifiedName~Messaging.Tests.Conversations.ChatLayoutTests"
