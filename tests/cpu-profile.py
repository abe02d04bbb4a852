#!/usr/bin/env python3
"""Where a Docker suite's CPU goes: each harness image's containers, the host's processes, and the kernel.

    tests/cpu-profile.py -- dotnet test tests/Nat64Harness.Tests --no-build --filter Category=Docker
    tests/cpu-profile.py --seconds 900          (sample whatever runs, e.g. beside tests/soak.sh)

Samples every --interval seconds: each container's CPU from its cgroup (cgroup v1 cpuacct or v2 cpu.stat), grouped
by image; each host process outside the containers from /proc (the test host, dockerd, containerd and its shims);
and the machine's totals from /proc/stat (user, system, softirq, idle). A container or process is read at its last
sample, so the CPU of one that ends between two samples is short by at most one interval of it; the totals are
exact. Prints a table, and JSON with --json FILE. Reads only; changes nothing.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")
V1 = "/sys/fs/cgroup/cpuacct/docker"
V2 = ["/sys/fs/cgroup/system.slice", "/sys/fs/cgroup/docker"]


def container_usage():
    """{container id: CPU seconds} of every running container."""
    usage = {}
    if os.path.isdir(V1):
        for cid in os.listdir(V1):
            try:
                usage[cid] = int(open(os.path.join(V1, cid, "cpuacct.usage")).read()) / 1e9
            except (OSError, ValueError):
                pass
        return usage
    for root in V2:
        if not os.path.isdir(root):
            continue
        for name in os.listdir(root):
            cid = name[len("docker-"):-len(".scope")] if name.startswith("docker-") else name
            if len(cid) != 64:
                continue
            try:
                for line in open(os.path.join(root, name, "cpu.stat")):
                    if line.startswith("usage_usec "):
                        usage[cid] = int(line.split()[1]) / 1e6
            except OSError:
                pass
    return usage


def host_processes():
    """{(pid, start tick): (name, CPU seconds)} of every process outside a container."""
    procs = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            stat = open(f"/proc/{pid}/stat").read()
            if "docker" in open(f"/proc/{pid}/cgroup").read():
                continue
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        procs[(pid, fields[19])] = (name, (int(fields[11]) + int(fields[12])) / TICK)
    return procs


def totals():
    names = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"]
    values = list(map(int, open("/proc/stat").readline().split()[1:9]))
    return dict(zip(names, (v / TICK for v in values)))


def image_of(cid, cache):
    if cid not in cache:
        out = subprocess.run(["docker", "inspect", "-f", "{{.Config.Image}}", cid], capture_output=True, text=True).stdout.strip()
        cache[cid] = out.split(":")[0] if out else "(gone before it was named)"
    return cache[cid]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, help="sample this long instead of running a command")
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--json", help="also write the figures here")
    parser.add_argument("command", nargs="*", help="the command to run and profile (after --)")
    args = parser.parse_args()
    if not args.command and not args.seconds:
        parser.error("give a command after -- or --seconds")

    start_totals, start_procs, start_containers = totals(), host_processes(), container_usage()
    last_containers, last_procs, names = dict(start_containers), dict(start_procs), {}
    child = subprocess.Popen(args.command) if args.command else None
    t0 = time.monotonic()
    while True:
        now = container_usage()
        for cid in now:
            image_of(cid, names)
        last_containers.update(now)
        last_procs.update(host_processes())
        if child is not None and child.poll() is not None:
            break
        if child is None and time.monotonic() - t0 >= args.seconds:
            break
        time.sleep(args.interval)
    wall = time.monotonic() - t0
    end_totals = totals()

    by_image, containers = collections.Counter(), collections.Counter()
    for cid, used in last_containers.items():
        image = names.get(cid) or image_of(cid, names)
        by_image[image] += used - start_containers.get(cid, 0.0)
        containers[image] += 1
    by_process = collections.Counter()
    for key, (name, used) in last_procs.items():
        by_process[name] += used - start_procs.get(key, (name, 0.0))[1]
    spent = {k: end_totals[k] - start_totals[k] for k in end_totals}
    busy = sum(v for k, v in spent.items() if k not in ("idle", "iowait"))
    report = {
        "wall_seconds": round(wall, 1),
        "cpu_seconds": round(busy, 1),
        "cores_busy": round(busy / wall, 2),
        "cores": os.cpu_count(),
        "machine": {k: round(v, 1) for k, v in spent.items()},
        "containers_by_image": {k: {"cpu_seconds": round(v, 1), "containers": containers[k]} for k, v in by_image.most_common()},
        "host_processes": {k: round(v, 1) for k, v in by_process.most_common(12)},
        "exit_code": child.returncode if child is not None else None,
    }
    print(f"\n{wall:.0f} s wall, {busy:.0f} CPU-seconds ({busy / wall:.2f} of {os.cpu_count()} cores busy); "
          f"user {spent['user']:.0f} s, system {spent['system']:.0f} s, softirq {spent['softirq']:.0f} s")
    print(f"{'containers by image':<34} {'CPU s':>8} {'count':>6}")
    for image, used in by_image.most_common():
        print(f"{image:<34} {used:8.1f} {containers[image]:6d}")
    print(f"{'containers in all':<34} {sum(by_image.values()):8.1f} {sum(containers.values()):6d}")
    print(f"{'host processes':<34} {'CPU s':>8}")
    for name, used in by_process.most_common(12):
        print(f"{name:<34} {used:8.1f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1)
    return child.returncode if child is not None else 0


if __name__ == "__main__":
    sys.exit(main())
