#!/usr/bin/env bash
# Checks the translation files (resx) and explains every problem in plain words. A translator can run it alone:
#   bash scripts/check-resx.sh            all languages
#   bash scripts/check-resx.sh ar         only Arabic
# It compares each English file (Name.resx) with its translations (Name.<language>.resx) in Messaging.Web/Resources
# and Messaging.Core/Resources and reports: keys missing from either side, empty values, placeholders ({0}, {1}…) that
# differ, and translations identical to English unless the English comment contains [identical].
# Needs only python3 (no build). Exit code 0 when everything is fine, 1 otherwise. See docs/translating.md.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 - "${1:-}" <<'PY'
import glob, os, re, sys
import xml.etree.ElementTree as ET

only = sys.argv[1]
placeholder = re.compile(r"\{(\d+)(?:[,:][^}]*)?\}")
problems = 0

def read(path):
    entries = {}
    for data in ET.parse(path).getroot().findall("data"):
        if data.get("type") or data.get("mimetype"):
            continue
        value = data.findtext("value") or ""
        comment = data.findtext("comment") or ""
        entries[data.get("name")] = (value, comment)
    return entries

def report(path, key, text):
    global problems
    problems += 1
    print(f"  {os.path.basename(path)}: \"{key}\": {text}")

for folder in ("Messaging.Web/Resources", "Messaging.Core/Resources"):
    for english_path in sorted(glob.glob(f"{folder}/*.resx")):
        name = os.path.basename(english_path)
        if name.count(".") != 1:
            continue
        english = read(english_path)
        for key, (value, comment) in english.items():
            if not value.strip():
                report(english_path, key, "the English text is empty.")
            if not comment.strip():
                report(english_path, key, "has no comment for translators (say where the text appears and what {0}… stand for).")
        stem = name[:-len(".resx")]
        for path in sorted(glob.glob(f"{folder}/{stem}.*.resx")):
            language = os.path.basename(path)[len(stem) + 1:-len(".resx")]
            if only and language != only:
                continue
            translated = read(path)
            for key in english.keys() - translated.keys():
                report(path, key, f"is missing: add it with the {language} translation of \"{english[key][0]}\".")
            for key in translated.keys() - english.keys():
                report(path, key, "is not in the English file: remove it, or ask a developer whether it was renamed.")
            for key in english.keys() & translated.keys():
                source, comment = english[key]
                value = translated[key][0]
                if not value.strip():
                    report(path, key, "is empty: translate it.")
                    continue
                wanted = sorted(set(placeholder.findall(source)))
                found = sorted(set(placeholder.findall(value)))
                if wanted != found:
                    show = lambda items: ", ".join("{" + i + "}" for i in items) or "none"
                    report(path, key, f"has placeholders {show(found)} but the English text has {show(wanted)}; keep each {{n}} (its position in the sentence may change).")
                if value.strip() == source.strip() and "[identical]" not in comment:
                    report(path, key, f"is still the English text \"{source}\": translate it, or ask a developer to mark it [identical] in the English comment if it must stay as is.")

if problems:
    print(f"{problems} problem(s) found.")
    sys.exit(1)
print("All translation files are complete.")
PY
