#!/usr/bin/env bash
# Times the same optimal-transport problems in POT and in GeomLoss for Java (through ./geomloss on
# the same .npy clouds) and writes benchmarks/peers/RESULTS.md and time_vs_n.png.
#   benchmarks/peers/run.sh                      # default sizes 100,200,500,1000
#   benchmarks/peers/run.sh --sizes 100,300      # any sizes; see --help
# Needs Debian's POT and numpy (matplotlib for the plot), on the system python:
#   apt-get install -y python3-pot python3-numpy python3-matplotlib
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
python=/usr/bin/python3
if ! "$python" -c 'import ot, numpy' 2>/dev/null; then
  echo "run.sh: error: $python cannot import ot and numpy; install them with" \
       "apt-get install -y python3-pot python3-numpy python3-matplotlib" >&2
  exit 3
fi
if [[ ! -f examples/target/geomloss.jar ]]; then
  echo "run.sh: building examples/target/geomloss.jar" >&2
  mvn -B -ntp -q package -DskipTests
fi
exec "$python" benchmarks/peers/peers.py "$@"
