#!/usr/bin/env bash
# A long fuzz run of the fuzz tests (tests/suite/fuzz) on one core: ROUNDS
# rounds of CASES cases per target (three targets, and CASES/100 for the
# fourth, which runs the ingest command), each round with fresh random inputs. Prints each round's executions and failures; the log is
# target/fuzz.log.
#   scripts/fuzz.sh                      # 7 rounds × 50,000 cases × 3 targets
#   ROUNDS=1 CASES=1000 CORE=0 scripts/fuzz.sh
set -u
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-7}
cases=${CASES:-50000}
core=${CORE:-1}
log=target/fuzz.log
# Build once and run a copy, so edits during a long run do not change it.
exe=$(cargo test --test suite --no-run 2>&1 | sed -n 's/.*Executable .*(\(.*\))$/\1/p' | tail -1)
[ -x "$exe" ] || { echo "could not build the fuzz tests" >&2; exit 1; }
cp "$exe" target/fuzz-run
: > "$log"
for round in $(seq 1 "$rounds"); do
    echo "round $round: $(date -u +%H:%M:%S)" | tee -a "$log"
    PROPTEST_CASES=$cases taskset -c "$core" target/fuzz-run fuzz:: -q --nocapture \
        --test-threads 1 >> "$log" 2>&1
    echo "round $round: exit $?" | tee -a "$log"
done
total=$(grep -o '[0-9]* executions' "$log" | awk '{s += $1} END {print s + 0}')
failures=$(grep -c '^fuzz [a-z]*: Test failed' "$log")
echo "total: $total executions, $failures failure(s) (details in $log)"
