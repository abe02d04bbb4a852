#!/bin/sh
# Builds the VM's boot image from the packages installed in the build stage:
#   $2/vmlinux    the guest kernel, uncompressed (QEMU boots an ELF vmlinux through PVH: no BIOS, no
#                 decompression under TCG, ~3 s saved)
#   $2/initrd.gz  busybox, ip, jool, jool_siit, the virtio and both Jool modules (NAT64 and SIIT) with their
#                 dependencies, /init = $1
set -eu
init=$1; out=$2
kver=$(ls /lib/modules | grep -- '-amd64$' | sort -V | tail -n 1)
mkdir -p "$out"

# vmlinuz is a bzImage: find the compressed payload by its magic, decompress, keep the first result that is ELF.
extract_vmlinux() {
    img=$1; dst=$2
    for m in 'gzip \x1f\x8b\x08 gunzip' 'xz \xfd7zXZ\x00 unxz' 'zstd \x28\xb5\x2f\xfd unzstd' 'lzma \x5d\x00\x00\x00 unlzma'; do
        set -- $m
        for off in $(LC_ALL=C grep -aboP "$2" "$img" | cut -d: -f1); do
            tail -c +"$((off + 1))" "$img" | $3 -c > "$dst" 2>/dev/null || true
            if [ "$(head -c 4 "$dst" | od -An -c | tr -d ' ')" = '177ELF' ]; then
                echo "vmlinux: $1 payload at offset $off"; return 0
            fi
        done
    done
    echo "no ELF payload found in $img" >&2; return 1
}
extract_vmlinux "/boot/vmlinuz-$kver" "$out/vmlinux"

root=$(mktemp -d)
mkdir -p "$root/bin" "$root/sbin" "$root/proc" "$root/sys" "$root/dev" "$root/run" "$root/tmp" "$root/modules"
cp /bin/busybox "$root/bin/busybox"
for a in $("$root/bin/busybox" --list); do
    [ -e "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"
done

# Dynamic binaries with their libraries (ldd's resolved paths, loader included).
for b in "$(command -v ip)" "$(command -v jool)" "$(command -v jool_siit)"; do
    cp -L "$b" "$root/sbin/$(basename "$b")"
    for lib in $(ldd "$b" | grep -o '/[^ ]*'); do
        mkdir -p "$root$(dirname "$lib")"
        cp -L "$lib" "$root$lib"
    done
done

# Modules in load order; the ones built into the kernel print "builtin" and need nothing.
: > "$root/modules/order"
for m in virtio_pci virtio_net jool jool_siit; do modprobe -S "$kver" --show-depends "$m"; done | while read -r kind path _; do
    [ "$kind" = insmod ] || continue
    name=$(basename "$path"); name=${name%.xz}; name=${name%.zst}
    grep -qx "$name" "$root/modules/order" && continue
    case "$path" in
        *.xz) xz -dc "$path" > "$root/modules/$name" ;;
        *.zst) zstd -qdc "$path" > "$root/modules/$name" ;;
        *) cp "$path" "$root/modules/$name" ;;
    esac
    echo "$name" >> "$root/modules/order"
done
echo "modules:"; cat "$root/modules/order"
for k in jool.ko jool_siit.ko; do
    grep -qx "$k" "$root/modules/order" || { echo "$k not found for $kver" >&2; exit 1; }
done

cp "$init" "$root/init"; chmod 755 "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -9) > "$out/initrd.gz"
ls -l "$out"
