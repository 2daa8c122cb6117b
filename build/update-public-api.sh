#!/usr/bin/env bash
# Rewrites src/*/PublicAPI.Unshipped.txt from the code: empties each listing, then lets PublicApiAnalyzers'
# RS0016 code fix list every public symbol again (dotnet format, about a minute per project). Review the diff:
# every added line is new public surface, every removed line is a removed or changed public API.
# PublicAPI.Shipped.txt is left alone (empty until a release).
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/Microsoft.ML.Synthetic src/Microsoft.ML.Synthetic.Evaluation; do
    printf '#nullable enable\n' > "$project/PublicAPI.Unshipped.txt"
    dotnet format analyzers "$project" --diagnostics RS0016 --severity warn
done
git --no-pager diff --stat -- 'src/*/PublicAPI.Unshipped.txt' || true
