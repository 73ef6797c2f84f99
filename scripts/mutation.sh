#!/usr/bin/env bash
# Mutation testing (Stryker.NET, a local dotnet tool: .config/dotnet-tools.json) over the pure cores:
# the metric engine and thresholds, the alert rules and early signal, the daily set and the anonymity
# (publishing and reading) rules, with the pure tests that target them (scripts/stryker-config.json).
# The tests run from Mindguard.Tests/Mutation, the same test files under xunit v2: Stryker cannot see
# a mutant killed through xunit.v3 (stryker-net#3117). No database or Redis is needed. About 8 minutes
# on a loaded 2-core machine, niced, by hand, not in CI. Reports (HTML, JSON): StrykerOutput/reports/.
# Extra arguments go to Stryker, e.g. --concurrency 1, or --mutate '**/Features/Alerts/Rules/*.cs'.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
cd Mindguard.Tests/Mutation
exec nice -n 10 dotnet stryker --config-file ../../scripts/stryker-config.json --output ../../StrykerOutput "$@"
