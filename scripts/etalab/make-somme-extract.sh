#!/usr/bin/env bash
# Regenerates the offline Somme (département 80) extract of
# @etalab/decoupage-administratif into data/etalab/somme/ (or the folder given
# as first argument).
# Usage: scripts/etalab/make-somme-extract.sh [OUTPUT_DIR]
set -euo pipefail

PACKAGE="@etalab/decoupage-administratif"
VERSION="6.0.0"

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"
out_dir="${1:-$repo_root/data/etalab/somme}"
mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"

for tool in npm node tar; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool not found" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Fetching $PACKAGE@$VERSION ..."
(cd "$work" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null)
tarball="$(ls "$work"/*.tgz)"
tar -xzf "$tarball" -C "$work"

node "$script_dir/extract-somme.mjs" "$work/package" "$out_dir"
