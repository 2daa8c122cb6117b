#!/usr/bin/env bash
# Consumer check (run by .ci/run): does what README.md's "Use it from your project" section says, literally.
# Packs both libraries into a temporary folder under a fresh prerelease version (so the NuGet cache never serves
# a stale copy), creates a console app in a temporary folder outside the repository that references them through
# a nuget.config adding that folder to the machine's usual sources, puts the README's Program.cs in it and runs
# it: a Gaussian copula, a TVAE (5 epochs, 300 rows; on Debian 12 this needs the packages' TorchSharp fix) and an
# evaluation of each. Exit status 0 only when every step succeeded and the program returned 0.
# The README's blocks are found by their markers: <!-- consumer-check: setup|Program.cs|run -->.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# block NAME: the fenced code block that follows the README line "<!-- consumer-check: NAME ...-->".
block() {
    awk -v name="$1" '
        index($0, "<!-- consumer-check: " name) == 1 { found = 1; next }
        found == 1 && /^```/ { found = 2; next }
        found == 2 && /^```/ { exit }
        found == 2 { print }
    ' "$repo/README.md"
}
for name in setup Program.cs run; do
    [[ -n $(block "$name") ]] || { echo "consumer-check: README.md has no '<!-- consumer-check: $name' block" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/synthetic-consumer.XXXXXX")
case "$work/" in "$repo"/*) echo "consumer-check: temporary folder $work is inside the repository" >&2; exit 1 ;; esac
export FEED="$work/feed" APP="$work/MyApp" VERSION="0.1.0-ci.$(date -u +%Y%m%d%H%M%S).$$"
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
cleanup() {
    rm -rf "$work"
    local id
    for id in microsoft.ml.synthetic microsoft.ml.synthetic.evaluation; do
        rm -rf "${packages:?}/$id/$VERSION"
        rmdir --ignore-fail-on-non-empty "$packages/$id" 2>/dev/null || true
    done
}
trap cleanup EXIT

started=$SECONDS
echo "consumer-check: packages $VERSION in $FEED, app in $APP"
(cd "$repo" && bash -euo pipefail -c "$(block setup)")
block Program.cs > "$APP/Program.cs"
(cd "$APP" && bash -euo pipefail -c "$(block run)")
echo "consumer-check: passed in $((SECONDS - started)) s"
