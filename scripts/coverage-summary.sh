#!/usr/bin/env bash
# Prints line and branch coverage per slice (Features/<Slice>), for Infrastructure and for the rest
# (Program.cs, migrations), from a Cobertura file written by coverlet. Usage: coverage-summary.sh FILE
# Plain awk (mawk on Debian), so CI needs nothing but the .NET SDK and coreutils.
set -euo pipefail
file="${1:?usage: coverage-summary.sh coverage.cobertura.xml}"

awk '
  # A line is listed under its method and again under its class (and sometimes under two classes, for
  # a lambda or a state machine): count each file:line once, with the most hits and branches covered.
  /<class / {
    match($0, /filename="[^"]*"/)
    file = substr($0, RSTART + 10, RLENGTH - 11)
  }
  /<line / {
    match($0, /number="[0-9]+"/); n = substr($0, RSTART + 8, RLENGTH - 9)
    match($0, /hits="[0-9]+"/); h = substr($0, RSTART + 6, RLENGTH - 7) + 0
    key = file SUBSEP n
    if (!(key in hits)) { hits[key] = h; slice[key] = slice_of(file) } else if (h > hits[key]) hits[key] = h
    if (match($0, /condition-coverage="[^"]*\([0-9]+\/[0-9]+\)"/)) {
      c = substr($0, RSTART, RLENGTH); sub(/.*\(/, "", c); sub(/\).*/, "", c)
      split(c, bt, "/")
      if (bt[2] + 0 > total[key] + 0) total[key] = bt[2] + 0
      if (bt[1] + 0 > covered[key] + 0) covered[key] = bt[1] + 0
    }
  }
  function slice_of(f,   parts) {
    if (f ~ /^Features\//) { split(f, parts, "/"); return "Features/" parts[2] }
    if (f ~ /^Infrastructure\//) return "Infrastructure"
    return "~other"
  }
  function pct(a, b) { return b == 0 ? "     -" : sprintf("%5.1f%%", 100 * a / b) }
  END {
    for (key in hits) {
      s = slice[key]
      lines[s]++; all_lines++
      if (hits[key] > 0) { lines_hit[s]++; all_hit++ }
      br[s] += total[key]; br_hit[s] += covered[key]
      all_br += total[key]; all_br_hit += covered[key]
    }
    for (s in lines) {
      name = s == "~other" ? "other (Program, migrations)" : s
      printf "  %-28s %s %6d/%-6d  %s %6d/%d\n", name, pct(lines_hit[s], lines[s]), lines_hit[s], lines[s], pct(br_hit[s], br[s]), br_hit[s], br[s] | "sort"
    }
    close("sort")
    printf "  %-28s %s %6d/%-6d  %s %6d/%d\n", "total", pct(all_hit, all_lines), all_hit, all_lines, pct(all_br_hit, all_br), all_br_hit, all_br
  }
' "$file" > /tmp/mindguard-coverage.$$ || { rm -f /tmp/mindguard-coverage.$$; exit 1; }

# Features/ sorts before Infrastructure, and "other" after it.
printf "Coverage  %-20s %-19s %s\n" "" "lines" "branches"
cat /tmp/mindguard-coverage.$$
rm -f /tmp/mindguard-coverage.$$
