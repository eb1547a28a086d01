"""Sums the results of a CI run: xunit's trx files, Pester's NUnit XML files and single checks, one line
each, then the closing line "N passed, N failed, N skipped".

Usage: summarize.py [--check LABEL=passed|failed ...] LABEL=FILE.trx|FILE.xml ...
A file that is missing or does not parse counts as one failure."""
import sys
import xml.etree.ElementTree as ET

TRX = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
KEYS = ("Passed", "Failed", "NotExecuted")


def count_trx(root):
    totals = dict.fromkeys(KEYS, 0)
    for result in root.iter(TRX + "UnitTestResult"):
        outcome = result.get("outcome", "Failed")
        if outcome not in totals:
            outcome = "NotExecuted" if outcome in ("Skipped", "Inconclusive", "NotRunnable") else "Failed"
        totals[outcome] += 1
    return totals


def count_nunit(root):
    """Pester's NUnitXml (NUnit 2.5): test-case results Success, Failure, Error, Ignored, Skipped, Inconclusive, NotRunnable."""
    totals = dict.fromkeys(KEYS, 0)
    for case in root.iter("test-case"):
        result = case.get("result", "Failure")
        if result == "Success":
            totals["Passed"] += 1
        elif result in ("Failure", "Error"):
            totals["Failed"] += 1
        else:
            totals["NotExecuted"] += 1
    # A block that failed outside any It (BeforeAll, a file that does not parse) has no failed test-case of its own.
    # Counted once, at the innermost failed suite that explains it.
    bad = ("Failure", "Error")
    for suite in root.iter("test-suite"):
        if suite.get("result") not in bad:
            continue
        inner = [n for n in suite.iter() if n is not suite and n.tag in ("test-case", "test-suite")]
        if not any(n.get("result") in bad for n in inner):
            totals["Failed"] += 1
    return totals


def count(path):
    root = ET.parse(path).getroot()
    return count_trx(root) if root.tag.startswith(TRX) else count_nunit(root)


def line(label, c):
    return f"  {label + ':':<48} {c['Passed']:5d} passed, {c['Failed']} failed, {c['NotExecuted']} skipped"


def main(argv):
    grand = dict.fromkeys(KEYS, 0)
    rows = []
    while argv[:1] == ["--check"]:
        label, outcome = argv[1].rsplit("=", 1)
        c = dict.fromkeys(KEYS, 0)
        c["Passed" if outcome == "passed" else "Failed"] = 1
        rows.append((label, c))
        argv = argv[2:]
    for arg in argv:
        label, path = arg.split("=", 1)
        try:
            rows.append((label, count(path)))
        except (OSError, ET.ParseError) as e:
            print(f"  {label}: no results ({e}); counted as one failure")
            grand["Failed"] += 1
    for label, c in rows:
        print(line(label, c))
        for k in grand:
            grand[k] += c[k]
    print(f"{grand['Passed']} passed, {grand['Failed']} failed, {grand['NotExecuted']} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
