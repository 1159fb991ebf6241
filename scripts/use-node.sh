# Puts Node 24 LTS (the Node line Electron 40+ embeds) first on PATH for this shell.
#
#   source scripts/use-node.sh
#
# Uses the machine's node when it is already 24 or newer. Otherwise it takes the real
# Node binary and headers that the npm registry serves as the package node-linux-<arch>
# (the only download these build machines allow), unpacks it once under .tools/ (git
# ignores it), and points native-addon builds (better-sqlite3) at its headers, so
# node-gyp never tries to download them. Used by .ci/run; see docs/toolchain.md.

MCV_NODE_VERSION="${MCV_NODE_VERSION:-24.22.3}"

mcv_use_node() {
  local root have_major arch dir tarball globalconfig
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  have_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$have_major" -ge 24 ] && [ -z "${MCV_FORCE_NODE_PACKAGE:-}" ]; then
    echo "use-node: the machine's Node $(node -v) is 24 or newer; using it"
    return 0
  fi
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "use-node: no Node package for $(uname -m) in the npm registry; install Node 24 by hand" >&2; return 1 ;;
  esac
  dir="$root/.tools/node-linux-$arch-$MCV_NODE_VERSION"
  # npm finds its global npmrc next to the node it runs on; keep the machine's (its
  # registry, proxy and CA settings) once npm runs on the unpacked node.
  globalconfig="$(npm config get globalconfig 2>/dev/null || true)"
  if [ ! -x "$dir/package/bin/node" ]; then
    echo "use-node: fetching node-linux-$arch@$MCV_NODE_VERSION from the npm registry (about 50 MB) into .tools/"
    rm -rf "$dir" && mkdir -p "$dir" || return 1
    # npm pack checks the tarball against the registry's integrity hash.
    tarball="$(cd "$dir" && npm pack --silent "node-linux-$arch@$MCV_NODE_VERSION")" || {
      echo "use-node: npm pack node-linux-$arch@$MCV_NODE_VERSION failed" >&2
      return 1
    }
    tar -xzf "$dir/$tarball" -C "$dir" && rm -f "$dir/$tarball" || return 1
    "$dir/package/bin/node" -v >/dev/null || { echo "use-node: the unpacked node does not run" >&2; return 1; }
  fi
  export PATH="$dir/package/bin:$PATH"
  if [ -n "$globalconfig" ] && [ -f "$globalconfig" ] && [ -z "${npm_config_globalconfig:-}" ]; then
    export npm_config_globalconfig="$globalconfig"
  fi
  # node-gyp builds against these headers instead of downloading them.
  export npm_config_nodedir="$dir/package"
  hash -r 2>/dev/null || true
  echo "use-node: using Node $(node -v) from $dir/package"
}

mcv_use_node
