#!/usr/bin/env bash
# The fault drills, which are automated tests (CI runs them too); this runs only them, verbosely.
#   Redis restarted mid-check-in (data kept / lost)  — Mindguard.Tests/Features/Checkin/RedisRestartTests.cs
#   PostgreSQL away for 10 s under load             — Mindguard.Tests/Infrastructure/Telegram/PostgresOutageDrillTests.cs
#   PostgreSQL or Redis cut briefly                 — Mindguard.Tests/Infrastructure/Telegram/StorageOutageTests.cs
#   webhook fuzz run                                — Mindguard.Tests/Infrastructure/Telegram/WebhookFuzzTests.cs
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/services.sh
source scripts/services.sh
dotnet test Mindguard.Tests -c Release --nologo \
  --filter "FullyQualifiedName~RedisRestartTests|FullyQualifiedName~PostgresOutageDrillTests|FullyQualifiedName~StorageOutageTests|FullyQualifiedName~WebhookFuzzTests" \
  --logger "console;verbosity=normal"
