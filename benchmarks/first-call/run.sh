#!/usr/bin/env bash
# First calls in fresh JVMs, before and after the first-call settings (BENCHMARKS.md, "First call"):
#   1. a library user's program (FirstCall.java, 30 calls): default JVM flags against the kernels
#      compiled early (README, "The first call"): the first call and the steady ones;
#   2. the tool: ./geomloss loss on two 1,000-point 3D clouds, with the old launcher's flags
#      (no AOT cache) against ./geomloss as it is, and ./geomloss with the early-compilation flags.
# Each line gives wall and CPU (user + sys) time; repeat it and note the load (/proc/loadavg).
#   benchmarks/first-call/run.sh [repeats]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
repeats="${1:-3}"
java="$(ls -d /usr/lib/jvm/*25*/bin/java | head -n 1)"
jar=examples/target/geomloss.jar
[[ -f "$jar" ]] || mvn -B -ntp -q package -DskipTests
work=benchmarks/first-call/target
mkdir -p "$work"
"$(dirname "$java")/javac" -d "$work" -cp "$jar" benchmarks/first-call/FirstCall.java
kernels='org.geomloss.kernels.vector.*::*'
jit=(-XX:CompileCommand=quiet "-XX:CompileCommand=BackgroundCompilation,$kernels,false")
early=("-XX:CompileCommand=CompileThresholdScaling,$kernels,0.05")
python3 - "$work" <<'PY'
import random, struct, sys
def save(path, shift):  # a (1000, 3) little-endian float32 .npy file, normal points
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1000, 3), }"
    header += ' ' * (117 - len(header)) + '\n'  # 10 + 118 bytes: aligned on 64
    values = [random.gauss(shift, 1.0) for _ in range(3000)]
    with open(path, 'wb') as f:
        f.write(b'\x93NUMPY\x01\x00' + struct.pack('<H', 118) + header.encode('latin1'))
        f.write(struct.pack('<3000f', *values))
random.seed(1)
save(sys.argv[1] + '/x.npy', 0.0)
save(sys.argv[1] + '/y.npy', 0.5)
PY
timed() { /usr/bin/time -f "  wall %e s, cpu %U + %S s" "$@" 2>&1 | grep -v '^WARNING: Using incubator'; }
for ((r = 1; r <= repeats; r++)); do
  echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "library, default flags:"
  timed "$java" --add-modules jdk.incubator.vector -cp "$work:$jar" FirstCall 1000 30
  echo "library, the kernels compiled early (thresholds at 5%) and in the foreground:"
  timed "$java" --add-modules jdk.incubator.vector "${jit[@]}" "${early[@]}" -cp "$work:$jar" \
    FirstCall 1000 30
  echo "tool, old launcher flags:"
  timed "$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -Djava.awt.headless=true -jar "$jar" loss "$work/x.npy" "$work/y.npy" --grad-x "$work/g.npy"
  echo "tool, ./geomloss:"
  timed ./geomloss loss "$work/x.npy" "$work/y.npy" --grad-x "$work/g.npy"
  echo "tool, ./geomloss with the kernels compiled early:"
  GEOMLOSS_JAVA_OPTS="${jit[*]} ${early[*]}" timed ./geomloss loss "$work/x.npy" "$work/y.npy" \
    --grad-x "$work/g.npy"
done
