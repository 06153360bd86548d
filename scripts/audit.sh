#!/usr/bin/env bash
# `npm audit --omit=dev` with high/critical findings failing the build. Where the registry offers
# no audit endpoint (these machines' registry answers 405), say so and pass: there is nothing to
# check against, and failing every build for it would hide real failures.
set -uo pipefail
out=$(npm audit --omit=dev --audit-level=high 2>&1)
rc=$?
printf '%s\n' "$out" | tail -20
if grep -qE "audit endpoint returned an error|405 Method Not Allowed|ENOAUDIT" <<<"$out"; then
  echo "audit: the registry has no audit endpoint here; not checked"
  exit 0
fi
exit $rc
