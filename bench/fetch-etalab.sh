#!/usr/bin/env bash
# Downloads the national files of @etalab/decoupage-administratif 6.0.0 (Licence Ouverte) into bench/.data/
# (gitignored): communes.json, epci.json, departements.json. Skips the download when they are already there.
# Usage: bench/fetch-etalab.sh [OUTPUT_DIR]
set -euo pipefail

PACKAGE="@etalab/decoupage-administratif"
VERSION="6.0.0"
FILES=(communes.json epci.json departements.json)

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out_dir="${1:-$bench_dir/.data}"
mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"

missing=0
for f in "${FILES[@]}"; do [[ -s "$out_dir/$f" ]] || missing=1; done
if [[ $missing -eq 0 && -f "$out_dir/VERSION" && "$(cat "$out_dir/VERSION")" == "$VERSION" ]]; then
  echo "Etalab $VERSION already in $out_dir"
  exit 0
fi

for tool in npm tar; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool not found" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Fetching $PACKAGE@$VERSION ..."
(cd "$work" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null)
tarball="$(ls "$work"/*.tgz)"
tar -xzf "$tarball" -C "$work"
for f in "${FILES[@]}"; do
  cp "$work/package/data/$f" "$out_dir/$f"
done
echo "$VERSION" > "$out_dir/VERSION"
ls -l "$out_dir"
