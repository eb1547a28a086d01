"""Sums the trx files of a CI run: one line per suite, the acceptance suite per backend, and the closing
line "N passed, N failed, N skipped". Usage: summarize.py [--extra-failures N] LABEL=FILE.trx ..."""
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
BACKEND = re.compile(r"\[(emulator|openstack)\]")


def count(path):
    """Outcome counts of one trx file, overall and for the Pester cases of each backend."""
    totals = {"Passed": 0, "Failed": 0, "NotExecuted": 0}
    backends = {}
    root = ET.parse(path).getroot()
    for result in root.iter(NS + "UnitTestResult"):
        outcome = result.get("outcome", "Failed")
        outcome = outcome if outcome in totals else ("NotExecuted" if outcome in ("Skipped", "Inconclusive") else "Failed")
        totals[outcome] += 1
        m = BACKEND.search(result.get("testName", ""))
        if m and "PesterSuiteTests" in result.get("testName", ""):
            b = backends.setdefault(m.group(1), {"Passed": 0, "Failed": 0, "NotExecuted": 0})
            b[outcome] += 1
    return totals, backends


def line(label, c):
    return f"  {label + ':':<44} {c['Passed']:5d} passed, {c['Failed']} failed, {c['NotExecuted']} skipped"


def main(argv):
    extra = 0
    if argv[:1] == ["--extra-failures"]:
        extra, argv = int(argv[1]), argv[2:]
    grand = {"Passed": 0, "Failed": extra, "NotExecuted": 0}
    per_backend = {}
    for arg in argv:
        label, path = arg.split("=", 1)
        try:
            totals, backends = count(path)
        except (OSError, ET.ParseError) as e:
            print(f"  {label}: no results ({e}); counted as one failure")
            grand["Failed"] += 1
            continue
        print(line(label, totals))
        for k in grand:
            grand[k] += totals[k]
        for name, c in backends.items():
            agg = per_backend.setdefault(name, {"Passed": 0, "Failed": 0, "NotExecuted": 0})
            for k in agg:
                agg[k] += c[k]
    for name in sorted(per_backend):
        print(line(f"acceptance suite (Pester) on {name}", per_backend[name]))
    if extra:
        print(f"  other failures (build, bring-up): {extra}")
    print(f"{grand['Passed']} passed, {grand['Failed']} failed, {grand['NotExecuted']} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
