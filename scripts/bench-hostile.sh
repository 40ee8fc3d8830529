#!/usr/bin/env bash
# Wall time and peak memory (/usr/bin/time -v) of kiosk-admin on hostile input, side by side with another
# kiosk-admin (e.g. one built from an older commit): a questionnaire with 16 000 bad items (validate), a
# spreadsheet whose one 64 KiB shared string fills 200 000 cells, and a 100 MiB zip-bomb part (import-sheet).
# Every run is capped at 60 s and 4 GiB so an unbounded build cannot take the machine down.
# Usage: scripts/bench-hostile.sh [BUILD_DIR] [OTHER_KIOSK_ADMIN]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
other="${2:-}"
admin="$build/kiosk/admin/kiosk-admin"
[ -x "$admin" ] || { echo "bench-hostile: build first ($admin is missing)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench-hostile: /usr/bin/time is missing (Debian package time)" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

python3 - "$root/tests/fixtures/minimal.json" "$tmp" <<'PY'
import json, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
doc = json.load(open(src, encoding="utf-8"))
items = doc["areas"][0]["competencies"][0]["items"]
bad = dict(items[0]); bad.pop("dimension")
for i in range(16000):
    b = dict(bad); b["id"] = "bad-%d" % i; items.append(b)
open(out + "/errors16k.json", "w", encoding="utf-8").write(json.dumps(doc, ensure_ascii=False, indent=1))

def xlsx(path, sheet, strings):
    ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % R)
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s"><sheets><sheet name="items" sheetId="1" r:id="rId1"/></sheets></workbook>' % R)
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/></Relationships>' % (R, R))
        z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s</sst>' % strings)
        z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % sheet)

def col(c):
    s = ""; c += 1
    while c: c, r = divmod(c - 1, 26); s = chr(65 + r) + s
    return s
rows = "".join('<row r="%d">%s</row>' % (r, "".join('<c r="%s%d" t="s"><v>0</v></c>' % (col(c), r) for c in range(100))) for r in range(1, 2001))
xlsx(out + "/shared-bomb.xlsx", rows, "<si><t>%s</t></si>" % ("x" * 65536))
xlsx(out + "/zip-bomb.xlsx", "", "<si><t>%s</t></si>" % ("x" * (100 << 20)))
PY

measure() {
  local label="$1" bin="$2" tag="$3"
  shift 3
  local log="$tmp/time.log" rc=0
  ( ulimit -v $((4 << 20)); timeout 60 /usr/bin/time -v "$bin" "$@" >/dev/null 2>"$log" ) || rc=$?
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log")
  printf '%-22s %-8s exit %-3s wall %-9s peak %s MiB\n' "$label" "$tag" "$rc" "${wall:-timeout}" "${rss:-?}"
}

for f in errors16k.json shared-bomb.xlsx zip-bomb.xlsx; do
  ls -l "$tmp/$f" | awk '{printf "%-22s %d bytes\n", $9, $5}' | sed "s|$tmp/||"
done
for name in errors16k.json; do
  measure "validate 16k errors" "$admin" new validate "$tmp/$name"
  [ -n "$other" ] && measure "validate 16k errors" "$other" other validate "$tmp/$name"
done
for name in shared-bomb.xlsx zip-bomb.xlsx; do
  measure "import $name" "$admin" new import-sheet "$tmp/$name" --out "$tmp/out.json"
  [ -n "$other" ] && measure "import $name" "$other" other import-sheet "$tmp/$name" --out "$tmp/out.json"
done
