#!/usr/bin/env bash
# Runs every test against real PostgreSQL and Redis (started on loopback by services.sh) and ends
# with the totals line CI reads: "N passed, N failed, N skipped". Extra arguments go to dotnet test.
# Before that line it prints line and branch coverage per slice (coverlet; it costs about a sixth more
# CPU time); MINDGUARD_COVERAGE=0 turns it off.
set -euo pipefail
cd "$(dirname "$0")/.."

export MINDGUARD_PG_FAST=1
# shellcheck source=scripts/services.sh
source scripts/services.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rm -rf TestResults
status=0
coverage=()
if [ "${MINDGUARD_COVERAGE:-1}" != 0 ]; then
  coverage=(--collect "XPlat Code Coverage" --settings scripts/coverage.runsettings)
fi
dotnet test Mindguard.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory TestResults \
  ${coverage[@]+"${coverage[@]}"} "$@" || status=$?

trx="$(find TestResults -name results.trx 2>/dev/null | head -1)"
if [ -z "$trx" ]; then
  echo "error: no test results (TestResults/**/results.trx); the build or the test host failed" >&2
  echo "0 passed, 0 failed, 0 skipped"
  exit 1
fi

# <Counters> under-reports skipped tests with xunit.v3, so count each UnitTestResult's outcome.
count() { { grep -o "<UnitTestResult [^>]*outcome=\"$1\"" "$trx" || true; } | wc -l | tr -d ' '; }
passed=$(count Passed)
failed=$(( $(count Failed) + $(count Error) + $(count Timeout) + $(count Aborted) ))
skipped=$(count NotExecuted)

if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "error: no test ran" >&2
  status=1
fi
[ "$failed" -gt 0 ] && status=1

# Coverage informs; it never changes the outcome, and the totals line stays last.
cobertura="$(find TestResults -name coverage.cobertura.xml 2>/dev/null | head -1)"
if [ -n "$cobertura" ]; then
  scripts/coverage-summary.sh "$cobertura" || echo "warning: could not summarise $cobertura" >&2
elif [ "${#coverage[@]}" -gt 0 ]; then
  echo "warning: no coverage file under TestResults" >&2
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
