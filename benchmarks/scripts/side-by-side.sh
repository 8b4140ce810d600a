#!/usr/bin/env bash
# Side-by-side speed comparison on this machine: our JMH benchmarks vs the PyTorch reference scripts in
# ../shared/reference/tools, then the ratios (ours / PyTorch; < 1 means faster). Run from the repository root
# after `mvn -B -q install -DskipTests`.
#   needs: /usr/bin/python3 with torch (apt-get install -y python3-torch)
#   optional: SEED_LIBROSA=<dir with librosa 0.9.1 sources> to time the seed's whole speech pipeline too
#             (see ../shared/README.md for how to get librosa 0.9.1 and its Debian dependencies)
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED=${AFFECT4J_SHARED:-../shared}
TOOLS=$SHARED/reference/tools
OUT=${OUT_DIR:-benchmarks/target/side-by-side}
THREADS=${THREADS:-2}
mkdir -p "$OUT"
JAR=benchmarks/target/benchmarks.jar
[ -f "$JAR" ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 2; }

echo "== Affect4J (JMH, $(nproc) cores)"
java -jar "$JAR" 'SpeechBenchmarks' -wi 2 -i 5 -w 2 -r 3 -f 1 -rf json -rff "$OUT/jmh-speech.json" > "$OUT/jmh-speech.txt" 2>&1
java -jar "$JAR" 'VisionBenchmarks.emonet$' -p frames=1,8 -wi 1 -i 3 -w 5 -r 5 -f 1 -rf json -rff "$OUT/jmh-vision.json" > "$OUT/jmh-vision.txt" 2>&1
grep -E "^Benchmark|^SpeechBenchmarks|^VisionBenchmarks" "$OUT/jmh-speech.txt" "$OUT/jmh-vision.txt" | sed 's/^[^:]*://'

echo "== PyTorch reference ($THREADS threads)"
/usr/bin/python3 "$TOOLS/speech_ref.py" bench --ckpt "$SHARED/reference/speech/cnn_transf_parallel_model.pt" \
  --batches 1,32 --runs 30 --threads "$THREADS" | tee "$OUT/torch-speech.txt"
/usr/bin/python3 "$TOOLS/emonet_ref.py" bench --frames 1,8 --runs 5 --threads "$THREADS" | tee "$OUT/torch-emonet.txt"
if [ -n "${SEED_LIBROSA:-}" ]; then
  # the seed pipeline with $THREADS torch threads and with 1 (its batch-1 network is bimodal with 2 threads);
  # the ratio uses the faster of the two
  for t in "$THREADS" 1; do
    echo "-- seed pipeline, $t torch thread(s)"
    PYTHONPATH="$SEED_LIBROSA:$TOOLS" /usr/bin/python3 -W ignore benchmarks/scripts/seed_pipeline_bench.py \
      "$SHARED/data/ravdess-speech/Actor_01/03-01-05-01-01-01-01.wav" "$SHARED/reference/speech" "$t"
  done | tee "$OUT/seed-pipeline.txt"
fi

echo "== ratios (ours / PyTorch)"
/usr/bin/python3 - "$OUT" <<'PY'
import json, re, sys, os
out = sys.argv[1]
def jmh(name):
    res = {}
    for r in json.load(open(os.path.join(out, name))):
        key = r['benchmark'].split('.')[-1] + ''.join('[%s=%s]' % kv for kv in sorted(r.get('params', {}).items()))
        res[key] = r['primaryMetric']['score']  # ms/op
    return res
ours = jmh('jmh-speech.json'); ours.update(jmh('jmh-vision.json'))
torch = {}
for line in open(os.path.join(out, 'torch-speech.txt')):
    m = re.match(r'B=(\d+) median=([\d.]+)ms', line)
    if m: torch['speech_B' + m.group(1)] = float(m.group(2))
for line in open(os.path.join(out, 'torch-emonet.txt')):
    m = re.match(r'frames=(\d+) median=([\d.]+)ms', line)
    if m: torch['emonet_F' + m.group(1)] = float(m.group(2))
def show(label, a, b, target):
    if a is None or b is None: print(f'{label:45s} n/a'); return
    print(f'{label:45s} ours {a:9.1f} ms  torch {b:9.1f} ms  ratio {a/b:5.2f}  (target {target})')
for engine in ('EAGER', 'SAMEDIFF'):
    tag = ' [%s%s]' % (engine, ', default' if engine == 'EAGER' else ', reference graph')
    show('speech network, batch 1' + tag, ours.get('speechNetwork[batch=1][engine=%s]' % engine), torch.get('speech_B1'), '-')
    show('speech network, batch 32' + tag, ours.get('speechNetwork[batch=32][engine=%s]' % engine), torch.get('speech_B32'),
         '<= 0.5, i.e. >= 2x throughput')
    show('EmoNet, 1 frame' + tag, ours.get('emonet[engine=%s][frames=1]' % engine), torch.get('emonet_F1'), '<= 1')
    show('EmoNet, 8 frames' + tag, ours.get('emonet[engine=%s][frames=8]' % engine), torch.get('emonet_F8'), '<= 1')
seed = os.path.join(out, 'seed-pipeline.txt')
for engine in ('EAGER', 'SAMEDIFF'):
    e2e = ours.get('endToEndPredict[engine=%s]' % engine)
    if os.path.exists(seed):
        totals = [float(v) for v in re.findall(r'total median=([\d.]+)ms', open(seed).read())]
        show('end-to-end speech predict vs seed pipeline [%s]' % engine, e2e, min(totals) if totals else None, '<= 0.5')
    else:
        print(f'end-to-end speech predict [{engine}]: ours {e2e:.1f} ms (set SEED_LIBROSA to time the seed pipeline)')
PY
