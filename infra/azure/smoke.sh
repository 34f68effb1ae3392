#!/usr/bin/env bash
# Waits until <base-url>/health/ready answers 200 (database reachable, migrations applied); fails after 10 minutes.
#   bash infra/azure/smoke.sh https://app-....azurewebsites.net
set -euo pipefail
base="${1:?usage: smoke.sh <base-url>}"
for attempt in $(seq 1 60); do
  if curl --fail --silent --show-error --max-time 10 --output /dev/null "$base/health/ready"; then
    echo "== $base/health/ready: ready (attempt $attempt)"
    exit 0
  fi
  sleep 10
done
echo "!! $base/health/ready did not answer 200 in 10 minutes" >&2
exit 1
