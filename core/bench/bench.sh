#!/usr/bin/env bash
# Throughput of the engine itself: stream reader -> stream writer (discard), the 5 columns of DataX's baseline
# (measured on this kind of machine: 10.45 M records/s for 1 channel), on the real plugins of the distribution, 1 and 2 streams, with a raw
# single-producer single-consumer queue passing the same records as the ceiling. Heap capped at 256 MB to show the
# channels bound memory.
#   mvn -B -q package -DskipTests && core/bench/bench.sh [records] [streams...]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIST="$(ls -d "$ROOT"/assembly/target/vectorsync-*/ | head -1)"
RECORDS="${1:-200000000}"
shift || true
exec java -Xmx256m -Xms256m -cp "$ROOT/core/bench/target/classes:$ROOT/core/bench/target/lib/*" \
  io.vectorsync.bench.ThroughputBench "$DIST/plugins" "$RECORDS" "${@:-1 2}"
