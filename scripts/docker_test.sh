#!/usr/bin/env bash
# The image as an operator runs it: build it (on a local base where registries are out of
# reach, see scripts/docker_base.sh), start it on a named volume, then check health,
# readiness, a key, an English and a Chinese suggestion, and a clean stop. `make docker-test`.
set -euo pipefail
cd "$(dirname "$0")/.."
base="${BASE_IMAGE:-python:3.11-slim}"
if ! docker image inspect "$base" >/dev/null 2>&1 && ! docker pull "$base" >/dev/null 2>&1; then
	base=kb-base:bookworm
	scripts/docker_base.sh "$base"
fi
name="kb-docker-test-$$"
volume="$name-data"
port="${PORT:-18000}"
cleanup() {
	docker rm -f "$name" >/dev/null 2>&1 || true
	docker volume rm "$volume" >/dev/null 2>&1 || true
}
trap cleanup EXIT
docker build --quiet --build-arg BASE_IMAGE="$base" -t kb:test . >/dev/null
docker run -d --name "$name" -p "127.0.0.1:$port:8000" -v "$volume:/data" \
	-e KB_SITE_URL=https://help.example.com kb:test >/dev/null
url="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
	curl -fsS "$url/readyz" >/dev/null 2>&1 && break
	sleep 0.5
done
curl -fsS "$url/healthz" >/dev/null || { docker logs "$name"; echo "not healthy"; exit 1; }
curl -fsS "$url/readyz" | grep -q '"ready"' || { docker logs "$name"; echo "not ready"; exit 1; }
echo "healthy and ready"
key="$(docker exec "$name" kb keys create docker-test 2>/dev/null | tail -1)"
suggest() {
	curl -fsS -X POST "$url/v1/suggest" -H "Authorization: Bearer $key" \
		-H "Content-Type: application/json" --data "$1"
}
english="$(suggest '{"text": "My USDT transfer has been pending for three hours"}')"
echo "$english" | grep -q '"id":"transaction-pending"' || { echo "English: $english"; exit 1; }
echo "$english" | grep -q 'https://help.example.com/' || { echo "links: $english"; exit 1; }
echo "English suggestion: transaction-pending"
chinese="$(suggest '{"text": "我的卡支付被拒了，怎么回事"}')"
echo "$chinese" | grep -q '"language":"zh"' || { echo "Chinese: $chinese"; exit 1; }
first="$(echo "$chinese" | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"][0]["id"])')"
echo "Chinese suggestion: $first"
test "$(docker exec "$name" id -u)" = 10001
# Caches live on the volume, jieba's dictionary included, so the next container reuses them.
docker exec "$name" sh -c 'ls /data/cache' | grep -q '^jieba' || { echo "no jieba cache on /data"; exit 1; }
start=$(date +%s.%N)
docker stop "$name" >/dev/null
echo "stopped in $(python3 -c "print(round($(date +%s.%N) - $start, 1))") s"
echo "docker-test passed"
