#!/usr/bin/env bash
# What `npm test` runs: everything that tests the project, on a fresh machine of this kind.
#   1. build dist/ (the CLI and the notebooks use the built library) and, alongside, typecheck everything tsx will run
#      and set up Jupyter (scripts/setup-jupyter.sh)
#   2. unit, reference and CLI end-to-end tests (Node's test runner, TypeScript through tsx)
#   3. the notebooks, executed headless with the tslab kernel and exported to site/ (sets up Jupyter if missing)
#   4. the browser test of every exported page and report (headless Chromium; those that do not need the
#      exported pages run alongside step 3)
#   5. the disclosure scan over everything exported
#   6. the check that nothing was left in the run's temporary folder
# Any failure fails the whole command; nothing is skipped silently.
set -euo pipefail
cd "$(dirname "$0")/.."
log_dir=$(mktemp -d)
# Each step's wall time is listed at the end (bash's SECONDS), so that a run says where its minutes went.
phase_times=() phase_name="" phase_start=$SECONDS
end_phase() { [ -z "$phase_name" ] || phase_times+=("$(printf '%4d s  %s' $((SECONDS - phase_start)) "$phase_name")"); phase_name=""; }
step() { end_phase; phase_name=$*; phase_start=$SECONDS; printf '\n=== %s ===\n' "$*"; }
# Node's test runner: a dot per test on the terminal with the failing tests (name, assertion, stack) listed at
# the end, and the full TAP in $log_dir/*.tap, from which the final line is counted.
reporters() { printf '%s\n' --test-reporter=dot --test-reporter-destination=stdout --test-reporter=tap "--test-reporter-destination=$log_dir/$1.tap"; }
summary() {
  local pass fail
  pass=$(cat "$log_dir"/*.tap 2>/dev/null | awk '/^# pass [0-9]+$/ { s += $3 } END { print s + 0 }')
  fail=$(cat "$log_dir"/*.tap 2>/dev/null | awk '/^# fail [0-9]+$/ { s += $3 } END { print s + 0 }')
  printf '\nall tests: %s passed, %s failed\n' "${pass:-0}" "${fail:-0}"
}
# Every test, notebook and CLI run started from here makes its temporary folders under one folder of this run
# (TMPDIR, which os.tmpdir() and mktemp follow), removed when the run ends whatever its result: before the tests
# removed what they made, the suite left about 2,000 of them (≈ 200 MB) a run, which had piled up to 14 GB in /tmp
# here. Each test now removes its own (tests/helpers/temp-dirs.ts), which matters most when single files run outside
# this script (nothing else removes their leaks), and a run that leaves anything in that folder fails, naming it (the
# last step). VSW_KEEP_TEST_TMP=1 keeps the folder for a look. Kept across runs, outside it (their places are computed
# here, before TMPDIR changes): the shared official-import cache (same default place as the library's), tsx's
# compile cache (linked into the run's folder, the one entry allowed there), the per-file timings the shards are
# balanced on and the notebooks' timings.
outer_tmp=${TMPDIR:-/tmp}
export VSW_CACHE_DIR=${VSW_CACHE_DIR:-$outer_tmp/vsw-cache-$(id -u)}
export VSW_NOTEBOOK_TIMES=${VSW_NOTEBOOK_TIMES:-$outer_tmp/vsw-notebook-times-$(id -u).tsv}
times_file=${VSW_TEST_TIMES:-$outer_tmp/vsw-test-times-$(id -u).tsv}
# The run's folder is in memory (/dev/shm, a tmpfs) when the machine has one with room for it (VSW_TEST_TMP_PARENT to
# choose another place): the tests write and remove thousands of files, and every package write fsyncs its files and
# folder, which on this machine's disk (ext4) waited ≈ 4 ms each (15 s of the two shards' wall in a profiled run).
# Round 21, six write-heavy test files in one process, 5 interleaved runs each at load 9-10: CPU 4.17 -> 3.72 s,
# wall 17.2 -> 14.3 s (medians). The run's folder held at most ≈ 290 MB at once (df sampled every 0.5 s over a unit
# step); a tmpfs with less than RUN_TMP_MIN_FREE_KB free (a container's 64 MB /dev/shm) is not used. fsync does nothing
# there, which no test can see: a kill test's SIGKILL leaves the page cache as it is. The caches above stay on disk.
RUN_TMP_MIN_FREE_KB=$((2 * 1024 * 1024))
run_parent=${VSW_TEST_TMP_PARENT:-$outer_tmp}
if [ -z "${VSW_TEST_TMP_PARENT:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] \
  && [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')" -ge "$RUN_TMP_MIN_FREE_KB" ]; then
  run_parent=/dev/shm
fi
run_tmp=$(mktemp -d "$run_parent/vsw-test-run-XXXXXX")
# traversable but not listable by others (mktemp makes it 700): the permission tests drop root to `nobody` to meet
# their locked files, and `nobody` must reach the test's own folder (mkdtemp-named) inside this one
chmod 711 "$run_tmp"
# tsx keeps its cache of compiled files in <TMPDIR>/tsx-<uid>: that one stays shared, or every run compiles afresh
mkdir -p "$outer_tmp/tsx-$(id -u)" && ln -s "$outer_tmp/tsx-$(id -u)" "$run_tmp/tsx-$(id -u)"
export TMPDIR=$run_tmp
finish() {
  local code=$?
  end_phase
  printf '\nwall time by step (%d s in all):\n' "$SECONDS"
  printf '%s\n' "${phase_times[@]}"
  summary
  if [ "${VSW_KEEP_TEST_TMP:-}" = 1 ]; then echo "temporary files kept in $run_tmp"; else rm -rf "$run_tmp"; fi
  # the logs (TAP, build, typecheck) are kept to read when the run failed; a run that passed removes them too
  if [ "$code" -eq 0 ] && [ "${VSW_KEEP_TEST_TMP:-}" != 1 ]; then rm -rf "$log_dir"; else echo "logs kept in $log_dir"; fi
  exit "$code"
}
trap finish EXIT

step "build, and typecheck (lib, tests, bench, scripts: tsx runs the tests without checking types)"
# Side by side (each tsc is one thread; ~20 s each here), and incremental: the build info is kept in dist/, so a
# run after a small change re-checks only what it affects (~7 s instead of ~20 s), and `rm -rf dist` starts afresh.
mkdir -p dist
# The build's info is trusted only when dist/ is what it describes: nothing wrote dist/ after it (a plain `npm run
# build`, a hand edit) and no output of lib/ is missing; otherwise it is removed and the build starts afresh.
build_info=dist/.build.tsbuildinfo
if [ -f "$build_info" ]; then
  if [ -n "$(find dist -newer "$build_info" ! -name '*.tsbuildinfo' -print -quit)" ] \
    || [ -n "$(cd lib && find . -name '*.ts' ! -name '*.d.ts' | sed 's/\.ts$/.js/' | while read -r f; do [ -f "../dist/$f" ] || { echo "$f"; break; }; done)" ]; then
    rm -f "$build_info"
  fi
fi
npm run --silent build -- --incremental --tsBuildInfoFile "$build_info" > "$log_dir/build.log" 2>&1 &
build_pid=$!
# An incremental check can report an error that a check from scratch does not (seen after a large merge: a type
# inferred through an unchanged file kept from a stale build info): on failure it checks once more from scratch, and
# only that answer counts.
typecheck_info=dist/.typecheck.tsbuildinfo
typecheck() { npm run --silent typecheck -- --incremental --tsBuildInfoFile "$typecheck_info"; }
{ typecheck > "$log_dir/typecheck-incremental.log" 2>&1 && cp "$log_dir/typecheck-incremental.log" "$log_dir/typecheck.log"; } \
  || { rm -f "$typecheck_info"; typecheck > "$log_dir/typecheck.log" 2>&1; } &
typecheck_pid=$!
# Jupyter and the tslab kernel (tests/notebook and the notebooks need them) are set up meanwhile: mostly waiting on
# Python and npx, and on a fresh clone it installs the kernelspec, which then need not happen inside a test.
bash scripts/setup-jupyter.sh > "$log_dir/setup-jupyter.log" 2>&1 &
jupyter_pid=$!
build_status=0 typecheck_status=0 jupyter_status=0
wait "$build_pid" || build_status=$?
wait "$typecheck_pid" || typecheck_status=$?
wait "$jupyter_pid" || jupyter_status=$?
cat "$log_dir/build.log" "$log_dir/typecheck.log"
[ "$build_status" -eq 0 ] || { echo "build failed" >&2; exit "$build_status"; }
[ "$typecheck_status" -eq 0 ] || { echo "typecheck failed" >&2; exit "$typecheck_status"; }
[ "$jupyter_status" -eq 0 ] || { cat "$log_dir/setup-jupyter.log" >&2; echo "setting up Jupyter failed" >&2; exit "$jupyter_status"; }
export VSW_DIST_BUILT=1 VSW_JUPYTER_READY=1  # run-notebooks.sh need not build dist/ or set up Jupyter again

step "unit, reference and end-to-end tests"
mapfile -t files < <(find tests -name '*.test.ts' -not -path 'tests/browser/*' | sort)
if [ "${#files[@]}" -eq 0 ]; then echo "no test files found under tests/" >&2; exit 1; fi
# One Node process per shard (scripts/run-tests-in-process.ts) instead of Node's one process per file: starting
# Node + tsx for each of ~120 files cost more than two minutes here, and Node 20 runs those files one at a time on
# a 2-core machine. One shard per core (VSW_TEST_PROCESSES to change), balanced on each file's time in the last
# run (kept in $times_file; by file size the first time). Each shard prints its dots and failing tests when done.
shards=${VSW_TEST_PROCESSES:-$(nproc 2>/dev/null || echo 2)}
# The fuzz suites bound their own process's memory (process.memoryUsage): they keep a process per file.
own_process_files=()
shared_files=()
for f in "${files[@]}"; do
  if [[ "$f" == tests/fuzz/* ]]; then own_process_files+=("$f"); else shared_files+=("$f"); fi
done
mapfile -t assignment < <(python3 scripts/shard-tests.py "$shards" "$times_file" "${shared_files[@]}")
echo "${#shared_files[@]} test files in $shards processes, ${#own_process_files[@]} in a process each"
pids=()
if [ "${#own_process_files[@]}" -gt 0 ]; then
  mapfile -t unit_reporters < <(reporters "unit-own")
  node --import tsx --test "${unit_reporters[@]}" "${own_process_files[@]}" > "$log_dir/unit-own.log" 2>&1 &
  pids+=("$!:own")
fi
for k in $(seq 0 $((shards - 1))); do
  mapfile -t shard < <(printf '%s\n' "${assignment[@]}" | awk -v k="$k" -F'\t' '$1 == k { print $2 }')
  [ "${#shard[@]}" -gt 0 ] || continue
  mapfile -t unit_reporters < <(reporters "unit-$k")
  node --import tsx "${unit_reporters[@]}" scripts/run-tests-in-process.ts "${shard[@]}" > "$log_dir/unit-$k.log" 2>&1 &
  pids+=("$!:$k")
done
# The browser tests that do not open the exported pages (early_tests; the ones that read site/ name VSW_SITE_DIR and
# wait for the notebooks to export it) start as soon as the first shard is done: the shards never end together, and
# until the last one does a core would be idle. They go on beside the notebooks (Chromium spends most of each test
# loading plotly, ≈ 2–3 s a page here, and the notebook kernels leave a core idle at times).
site_tests=()
early_tests=()
if compgen -G "notebooks/[0-9][0-9]-*.ipynb" > /dev/null; then
  for f in tests/browser/*.test.ts; do
    [ -e "$f" ] || continue
    if grep -q VSW_SITE_DIR "$f"; then site_tests+=("$f"); else early_tests+=("$f"); fi
  done
fi
early_pid=""
start_early_browser_tests() {
  [ -z "$early_pid" ] && [ "${#early_tests[@]}" -gt 0 ] || return 0
  mapfile -t early_reporters < <(reporters browser-early)
  node --import tsx --test "${early_reporters[@]}" "${early_tests[@]}" > "$log_dir/browser-early.log" 2>&1 &
  early_pid=$!
}
# the runner's test-file processes first (each stops what it started, e.g. a Jupyter server), then the runner
stop_early_browser_tests() { [ -z "$early_pid" ] || { pkill -TERM -P "$early_pid" 2>/dev/null; kill "$early_pid" 2>/dev/null; wait "$early_pid" 2>/dev/null || true; }; }
status=0
declare -A shard_of=()
for entry in "${pids[@]}"; do shard_of[${entry%%:*}]=${entry##*:}; done
while [ "${#shard_of[@]}" -gt 0 ]; do
  done_pid=""
  shard_status=0
  wait -n -p done_pid "${!shard_of[@]}" || shard_status=$?
  [ -n "$done_pid" ] || { echo "lost track of the unit test processes" >&2; status=1; break; }
  [ "$shard_status" -eq 0 ] || status=1
  printf -- '--- shard %s ---\n' "${shard_of[$done_pid]}"
  cat "$log_dir/unit-${shard_of[$done_pid]}.log"
  # a shard (not the fuzz files' own processes, done long before) has finished and all is well so far
  [ "${shard_of[$done_pid]}" = own ] || [ "$status" -ne 0 ] || start_early_browser_tests
  unset "shard_of[$done_pid]"
done
python3 scripts/shard-tests.py --record "$times_file" "$log_dir"/unit-*.tap || true
[ "$status" -eq 0 ] || { stop_early_browser_tests; echo "unit tests failed" >&2; exit "$status"; }

if compgen -G "notebooks/[0-9][0-9]-*.ipynb" > /dev/null; then
  start_early_browser_tests  # if no shard started them (a single shard)
  step "notebooks (headless, tslab kernel)$([ -n "$early_pid" ] && echo ", with the browser tests that do not need site/ alongside")"
  if ! bash scripts/run-notebooks.sh; then
    stop_early_browser_tests
    echo "notebooks failed" >&2
    exit 1
  fi
  step "browser rendering of exported pages and reports"
  status=0
  if [ "${#site_tests[@]}" -gt 0 ]; then
    mapfile -t browser_reporters < <(reporters browser)
    # these files run side by side (Node 20 runs one at a time on 2 cores), and render.test.ts loads a page per
    # core at once (a tab per core, each reused from page to page: tests/browser/pages.ts): Chromium runs each
    # page's plotly on one core, so one page at a time left the other idle
    node --import tsx --test --test-concurrency="$(nproc 2>/dev/null || echo 2)" "${browser_reporters[@]}" "${site_tests[@]}" 2>&1 | tee "$log_dir/browser.log"
    status=${PIPESTATUS[0]}
  fi
  if [ -n "$early_pid" ]; then
    early_status=0
    wait "$early_pid" || early_status=$?
    cat "$log_dir/browser-early.log"
    [ "$early_status" -eq 0 ] || status=$early_status
  fi
  [ "$status" -eq 0 ] || { echo "browser tests failed" >&2; exit "$status"; }
fi

if [ -f lib/cli/commands/check-disclosure.ts ]; then
  step "disclosure scan of everything exported"
  targets=()
  for d in site out test-artifacts; do [ -d "$d" ] && targets+=("$d"); done
  if [ "${#targets[@]}" -gt 0 ]; then node bin/vital-signs.js check-disclosure "${targets[@]}"; fi
fi

step "nothing left in TMPDIR by the tests, notebooks and commands"
# Only after everything has ended: Chromium's and the kernels' own temporary folders exist while they run. A run that
# failed earlier has exited before this (a test killed half-way may leave its folders; the failure is reported).
left=$(find "$run_tmp" -mindepth 1 -maxdepth 1 ! -name "tsx-$(id -u)" -printf '%f\n' | sort)
if [ -n "$left" ]; then
  echo "left behind in TMPDIR ($run_tmp) by this run; each test must remove what it makes (tests/helpers/temp-dirs.ts)," >&2
  echo "the prefix names the test (grep -rn PREFIX tests); VSW_KEEP_TEST_TMP=1 keeps them for a look:" >&2
  sed 's/^/  /' <<< "$left" >&2
  exit 1
fi
echo "nothing left"
