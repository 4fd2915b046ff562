#!/usr/bin/env bash
# A local stand-in for python:3.11-slim where no image registry is reachable: Debian bookworm
# (Python 3.11) from Debian's own package mirror by debootstrap, imported as kb-base:bookworm.
# Needs root, debootstrap and a Docker engine; about a minute. Then:
#   docker build --build-arg BASE_IMAGE=kb-base:bookworm -t kb .
set -euo pipefail
tag="${1:-kb-base:bookworm}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
if docker image inspect "$tag" >/dev/null 2>&1; then
	echo "$tag exists"
	exit 0
fi
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase --include=python3,python3-pip,python3-venv,ca-certificates \
	bookworm "$root" "$mirror"
# python:3.11-slim's names, and pip may install into the system Python as it does there
# (Debian marks its Python as externally managed; the image is the environment).
ln -sf python3 "$root/usr/bin/python"
ln -sf pip3 "$root/usr/bin/pip"
rm -f "$root"/usr/lib/python3*/EXTERNALLY-MANAGED
# The base trusts what this host trusts: where egress goes through an inspecting proxy, its
# CA (in /usr/local/share/ca-certificates) is what lets pip reach PyPI during the build.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
	cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
	chroot "$root" update-ca-certificates >/dev/null
fi
printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n' >"$root/etc/pip.conf"
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | docker import - "$tag"
echo "built $tag"
