#!/usr/bin/env bash
# Fills fuzz/corpus/TARGET/ with seeds from the repository's own data: job files, the bulk
# files of the forms fixture and of the hostile corpus, the reference READMEs, descriptions.
set -euo pipefail
cd "$(dirname "$0")"
repo=..
# seed TARGET FILE...: copies each file under the name of its hash, as libFuzzer names inputs.
seed() {
  local target=$1; shift
  mkdir -p "corpus/$target"
  for f in "$@"; do
    [ -f "$f" ] && cp "$f" "corpus/$target/$(sha1sum < "$f" | cut -c1-40)"
  done
  true
}
seed front_matter $repo/content/jobs/*.md $repo/tests/fixtures/forms/content/jobs/*.md $repo/tests/hostile/cases/*/content/jobs/*.md $repo/tests/hostile/cases/*/content/companies/*.md
for fmt in json jsonl csv yaml toml; do
  seed "bulk_$fmt" $repo/tests/fixtures/forms/content/*."$fmt" $repo/tests/hostile/cases/*/content/*."$fmt"
done
seed import_readme $repo/tests/fixtures/reference/*.md
seed markdown $repo/content/jobs/*.md $repo/tests/hostile/cases/*/content/jobs/*.md
# Inputs larger than libFuzzer's -max_len are only truncated; keep the seeds small.
find corpus -type f -size +64k -delete
