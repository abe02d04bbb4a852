"""Sums the TRX files of a dotnet test run; fails when a test failed, a Docker test did not execute, or none ran.

Docker tests are those of the namespaces below: in CI each of them must have passed.
Prints the slowest test classes (the sum of their tests' durations; a class fixture's start is not in it), the Docker
tests' wall time (first start to last end: the lanes overlap, so it is less than their sum) and the plain
closing line 'N passed, N failed, N skipped'.
"""
import datetime
import glob
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
DOCKER_NAMESPACES = ("Nat64Harness.Tests.Live.", "Nat64Harness.Tests.Conformance.")


def main(folder):
    files = glob.glob(f"{folder}/**/*.trx", recursive=True)
    if not files:
        print("ci: no TRX file: the test run did not start", file=sys.stderr)
        return 1
    outcomes, docker, seconds, span = {}, {}, {}, []
    for path in files:
        root = ET.parse(path).getroot()
        names = {d.get("id"): d.find("t:TestMethod", NS) for d in root.iterfind(".//t:UnitTest", NS)}
        for r in root.iterfind(".//t:UnitTestResult", NS):
            method = names.get(r.get("testId"))
            full = f"{method.get('className')}.{method.get('name')}" if method is not None else r.get("testName")
            outcome = r.get("outcome")
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            cls = full.rsplit(".", 1)[0]
            seconds[cls] = seconds.get(cls, 0.0) + duration(r.get("duration"))
            if full.startswith(DOCKER_NAMESPACES):
                docker[full] = outcome
                if r.get("startTime") and r.get("endTime"):
                    span += [datetime.datetime.fromisoformat(r.get("startTime")), datetime.datetime.fromisoformat(r.get("endTime"))]
    passed = outcomes.get("Passed", 0)
    failed = outcomes.get("Failed", 0) + outcomes.get("Error", 0) + outcomes.get("Timeout", 0) + outcomes.get("Aborted", 0)
    skipped = outcomes.get("NotExecuted", 0)
    docker_passed = sum(1 for o in docker.values() if o == "Passed")
    print("slowest test classes (seconds in their tests):")
    for cls, s in sorted(seconds.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {s:7.1f}  {cls}")
    print(f"Docker tests: {docker_passed} of {len(docker)} passed"
          + (f", {(max(span) - min(span)).total_seconds() / 60:.1f} min from the first start to the last end" if span else ""))
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    if not docker:
        print("ci: no Docker test ran", file=sys.stderr)
        return 1
    not_passed = [n for n, o in docker.items() if o != "Passed"]
    if not_passed:
        print("ci: Docker tests that did not pass: " + ", ".join(not_passed), file=sys.stderr)
        return 1
    return 1 if failed or skipped else 0


def duration(text):
    """TRX durations read hh:mm:ss.fffffff."""
    if not text:
        return 0.0
    h, m, s = text.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
