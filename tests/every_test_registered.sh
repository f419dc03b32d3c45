#!/usr/bin/env bash
# Every Catch2 test case must be a ctest test of its own. A test name with ';' or an unbalanced bracket makes
# catch_discover_tests merge several test cases into one ctest entry, whose filter then matches none of them:
# they would silently stop running. Usage: every_test_registered.sh BUILD_DIR
set -euo pipefail
build=$1
in_catch=0
for binary in "$build"/tests/*/test_*; do
  [[ -f $binary && -x $binary ]] || continue
  # Catch2 v2 exits with the number of tests it listed, so its status is not an error here.
  names=$("$binary" --list-test-names-only || true)
  in_catch=$((in_catch + $(grep -c . <<<"$names")))
done
# The ctest tests that are not shell checks (this one, tests/tools/*.sh) are Catch2 test cases.
registered=$(ctest --test-dir "$build" -N | grep -E '^ *Test +#[0-9]+: ' | grep -cvE 'Test +#[0-9]+: (suite|tools): ')
if ((in_catch != registered)); then
  echo "Catch2 has $in_catch test cases but ctest registered $registered: look for ';' or '[' ']' in test names"
  exit 1
fi
echo "all $in_catch Catch2 test cases are registered with ctest"
