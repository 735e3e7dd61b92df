"""Sums the TRX files under a directory and prints the line CI reads: `tests: N passed, N failed` (skipped ones on the line before)."""
import glob
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
if skipped:
    print(f"skipped: {skipped} (each names its reason in the TRX)")
print(f"tests: {passed} passed, {failed} failed")
if passed == 0:
    print("no test was executed", file=sys.stderr)
    sys.exit(1)
