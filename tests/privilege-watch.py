#!/usr/bin/env python3
"""Least privilege, checked on every container and network the harness creates while the suite runs.

  privilege-watch.py record DIR      follow Docker's create events; inspect each new container and network into
                                     DIR/containers.jsonl and DIR/networks.jsonl (runs until killed)
  privilege-watch.py check DIR       judge what was recorded against containers/privileges.json; exit 1 on any
                                     violation, 2 when nothing of ours was recorded (the watch saw nothing)
  privilege-watch.py selftest        the negative: a clean container and network pass, and each kind of excess
                                     (privileged, host namespaces, a capability, device, sysctl or bind mount
                                     beyond the contract, an unknown image, a network not internal or outside the
                                     plan) is named; no Docker needed

A container of ours carries the label nat64harness.run; its image name is in nat64harness.image. Each must be
unprivileged, share no namespace with the host (network, PID, IPC, UTS, user; the cgroup namespace is Docker's own
default), and hold only the capabilities,
devices, sysctls and bind mounts its contract lists (containers/privileges.json, taken from the contracts'
tables). Each network of ours must be internal, a bridge, with every subnet inside the address plan
(100.64.0.0/10, 2001:db8::/32). Containers without the label (a classic builder's RUN steps) are counted, not judged;
so are those a test breaks on purpose to show its own audit catching them (label nat64harness.negative, listed).
"""
import ipaddress
import json
import os
import re
import signal
import subprocess
import sys

RUN_LABEL = "nat64harness.run"
# A test that creates a broken network or container on purpose, to show its own audit catching it, marks it so.
NEGATIVE_LABEL = "nat64harness.negative"
IMAGE_LABEL = "nat64harness.image"
PLAN = [ipaddress.ip_network("100.64.0.0/10"), ipaddress.ip_network("2001:db8::/32")]
HERE = os.path.dirname(os.path.abspath(__file__))
POLICY = os.path.join(HERE, "..", "containers", "privileges.json")


def inspect(kind, ident):
    cmd = ["docker", "network", "inspect", ident] if kind == "network" else ["docker", "inspect", "--type", "container", ident]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        return None
    return json.loads(out.stdout)[0]


def record(folder):
    os.makedirs(folder, exist_ok=True)
    events = subprocess.Popen(
        ["docker", "events", "--format", "{{json .}}", "--filter", "event=create",
         "--filter", "type=container", "--filter", "type=network"],
        stdout=subprocess.PIPE, text=True)
    def stop(*_):
        events.terminate()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    files = {"container": open(os.path.join(folder, "containers.jsonl"), "a"),
             "network": open(os.path.join(folder, "networks.jsonl"), "a")}
    for line in events.stdout:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        kind = event.get("Type")
        ident = event.get("Actor", {}).get("ID") or event.get("id")
        if kind not in files or not ident:
            continue
        found = inspect(kind, ident)
        entry = found if found is not None else {"Id": ident, "gone": True, "Labels": event.get("Actor", {}).get("Attributes", {})}
        files[kind].write(json.dumps(entry) + "\n")
        files[kind].flush()


def labels_of(entry):
    return (entry.get("Config") or {}).get("Labels") or entry.get("Labels") or {}


def judge_container(entry, policy):
    """Every rule the container breaks, in words."""
    labels = labels_of(entry)
    name = (entry.get("Name") or entry.get("Id", "?")).lstrip("/")
    image = labels.get(IMAGE_LABEL, "")
    if entry.get("gone"):
        return [f"{name}: removed before it could be inspected: its privileges are unknown"]
    allowed = policy.get(image)
    if allowed is None:
        return [f"{name}: image '{image}' has no entry in containers/privileges.json"]
    host = entry.get("HostConfig") or {}
    bad = []
    if host.get("Privileged"):
        bad.append("privileged")
    network = host.get("NetworkMode") or ""
    if network == "host" or not (network in ("default", "bridge", "none") or network.startswith("container:") or network.startswith("nat64h-")):
        bad.append(f"network mode '{network}'")
    # The cgroup namespace is left out: "host" is Docker 20.10's own default on a cgroup v1 host, not a grant.
    for key in ("PidMode", "IpcMode", "UTSMode", "UsernsMode"):
        if (host.get(key) or "") == "host":
            bad.append(f"{key} host")
    extra = sorted(set(host.get("CapAdd") or []) - set(allowed.get("capabilities", [])))
    if extra:
        bad.append(f"capabilities {extra} beyond its contract's {allowed.get('capabilities', [])}")
    devices = sorted({d.get("PathOnHost", "") for d in host.get("Devices") or []} - set(allowed.get("devices", [])))
    if devices:
        bad.append(f"devices {devices} beyond its contract's {allowed.get('devices', [])}")
    sysctls = sorted(set((host.get("Sysctls") or {}).keys()) - set(allowed.get("sysctls", [])))
    if sysctls:
        bad.append(f"sysctls {sysctls} beyond its contract's")
    for bind in host.get("Binds") or []:
        if not any(re.fullmatch(p, bind) for p in allowed.get("binds", [])):
            bad.append(f"bind mount '{bind}' its contract does not list")
    if host.get("Mounts"):
        bad.append(f"mounts {[m.get('Source') for m in host['Mounts']]}")
    for opt in host.get("SecurityOpt") or []:
        if "unconfined" in opt:
            bad.append(f"security option '{opt}'")
    return [f"{name} ({image}): {b}" for b in bad]


def judge_network(entry):
    name = entry.get("Name", entry.get("Id", "?"))
    if entry.get("gone"):
        return [f"network {name}: removed before it could be inspected"]
    bad = []
    if not entry.get("Internal"):
        bad.append("not internal: Docker would route it to the host's uplink")
    if entry.get("Driver") != "bridge":
        bad.append(f"driver {entry.get('Driver')}")
    for config in (entry.get("IPAM") or {}).get("Config") or []:
        subnet = ipaddress.ip_network(config.get("Subnet"), strict=False)
        if not any(subnet.version == p.version and subnet.subnet_of(p) for p in PLAN):
            bad.append(f"subnet {subnet} outside the address plan (100.64.0.0/10, 2001:db8::/32)")
    return [f"network {name}: {b}" for b in bad]


def read(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def check(folder, policy_path=POLICY):
    with open(policy_path) as f:
        policy = json.load(f)["images"]
    containers = read(os.path.join(folder, "containers.jsonl"))
    networks = read(os.path.join(folder, "networks.jsonl"))
    negatives = [x for x in containers + networks if NEGATIVE_LABEL in labels_of(x)]
    ours = [c for c in containers if RUN_LABEL in labels_of(c) and NEGATIVE_LABEL not in labels_of(c)]
    our_networks = [n for n in networks if RUN_LABEL in labels_of(n) and NEGATIVE_LABEL not in labels_of(n)]
    others = len([c for c in containers if RUN_LABEL not in labels_of(c)])
    violations = [v for c in ours for v in judge_container(c, policy)] + [v for n in our_networks for v in judge_network(n)]
    images = sorted({labels_of(c).get(IMAGE_LABEL, "?") for c in ours})
    print(f"privilege-watch: {len(ours)} container(s) of ours ({', '.join(images)}), {len(our_networks)} network(s); "
          f"{others} other container(s) not judged (image builds' steps); {len(negatives)} deliberate negative(s) left to their tests"
          + "".join(f"\n  negative: {labels_of(x).get(NEGATIVE_LABEL)}" for x in negatives))
    for v in violations:
        print(f"privilege-watch: {v}", file=sys.stderr)
    if violations:
        print(f"privilege-watch: {len(violations)} violation(s) of least privilege", file=sys.stderr)
        return 1
    if not ours:
        print("privilege-watch: nothing of ours was recorded: the watch saw no container (was it started?)", file=sys.stderr)
        return 2
    print("privilege-watch: every container and network within its contract")
    return 0


def selftest():
    with open(POLICY) as f:
        policy = json.load(f)["images"]

    def container(**host):
        base = {"Privileged": False, "NetworkMode": "default", "CapAdd": ["NET_ADMIN"], "Devices": [{"PathOnHost": "/dev/net/tun"}],
                "Sysctls": {"net.ipv6.conf.default.disable_ipv6": "0"}}
        base.update(host)
        return {"Name": "/t", "Config": {"Labels": {RUN_LABEL: "selftest", IMAGE_LABEL: "wireguard"}}, "HostConfig": base}

    def network(**fields):
        base = {"Name": "n", "Internal": True, "Driver": "bridge", "IPAM": {"Config": [{"Subnet": "100.64.9.0/24"}, {"Subnet": "2001:db8:9::/64"}]}}
        base.update(fields)
        return base

    cases = [
        ("clean container", judge_container(container(), policy), None),
        ("privileged", judge_container(container(Privileged=True), policy), "privileged"),
        ("host network", judge_container(container(NetworkMode="host"), policy), "network mode 'host'"),
        ("host PID", judge_container(container(PidMode="host"), policy), "PidMode host"),
        ("extra capability", judge_container(container(CapAdd=["NET_ADMIN", "SYS_ADMIN"]), policy), "capabilities ['SYS_ADMIN']"),
        ("extra device", judge_container(container(Devices=[{"PathOnHost": "/dev/kvm"}]), policy), "devices ['/dev/kvm']"),
        ("extra sysctl", judge_container(container(Sysctls={"net.ipv4.ip_forward": "1"}), policy), "sysctls ['net.ipv4.ip_forward']"),
        ("bind mount", judge_container(container(Binds=["/:/host"]), policy), "bind mount '/:/host'"),
        ("unknown image", judge_container({"Name": "/u", "Config": {"Labels": {RUN_LABEL: "s", IMAGE_LABEL: "mystery"}}, "HostConfig": {}}, policy), "no entry"),
        ("clean network", judge_network(network()), None),
        ("network not internal", judge_network(network(Internal=False)), "not internal"),
        ("subnet outside the plan", judge_network(network(IPAM={"Config": [{"Subnet": "172.17.0.0/16"}]})), "outside the address plan"),
    ]
    failed = 0
    for name, found, expected in cases:
        ok = (not found) if expected is None else any(expected in v for v in found)
        failed += 0 if ok else 1
        print(f"privilege-watch selftest: {name}: {'ok' if ok else 'WRONG'} {found}")
    return 1 if failed else 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "record":
        record(argv[2])
        return 0
    if len(argv) >= 2 and argv[1] == "selftest":
        return selftest()
    if len(argv) >= 3 and argv[1] == "check":
        return check(argv[2], argv[3] if len(argv) > 3 else POLICY)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
