#!/bin/sh
# Publishes the VPN self-contained into bin-publish/, copies ../base into base/ (this image's context is its own
# folder) and builds its image.
# Usage: BASE_IMAGE=nat64harness/base:bookworm ./build-image.sh [tag] [extra docker build args...]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tag=${1:-nat64harness/perapp-vpn:dev}
[ $# -gt 0 ] && shift
rm -rf "$here/bin-publish" "$here/base"
cp -r "$here/../base" "$here/base"
dotnet publish "$here/Nat64Harness.PerAppVpn.csproj" -c Release -r linux-x64 --self-contained -o "$here/bin-publish" --nologo -v quiet
docker build --network host --build-arg "BASE_IMAGE=${BASE_IMAGE:-debian:bookworm-slim}" -t "$tag" "$@" "$here"
