#!/bin/sh
# run.sh: open `meshsim report` HTML files in headless Chromium and check
# that the SVG renders (the screenshot holds the picture's node colours),
# that every node's name is in the rendered page, and that the console
# shows no error; then, on a zoned 30-node plan, a 150-node one and a
# 1,000-node one, measure the rendered page (measure.js, review.py): no two
# labels overlap, the legend names every zone, the version is on the page,
# every suggested route is in the fix table. Skips, with a message, when
# Chromium is absent.
# Usage: sh tests/browser/run.sh MESHSIM
set -u
# The reports' stamp: a fixed date, as for the goldens.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
export SOURCE_DATE_EPOCH
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}

chrome=
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" >/dev/null 2>&1; then
		chrome=$c
		break
	fi
done
if [ -z "$chrome" ]; then
	echo "browser: skipped: Chromium not found (apt-get install chromium)"
	exit 0
fi

out=$(mktemp -d "${TMPDIR:-/tmp}/meshsim-browser.XXXXXX")
trap 'rm -rf "$out"' EXIT

# chrome MODE FILE.html PREFIX: --screenshot or --dump-dom; console
# messages go to PREFIX.log.
chrome() {
	timeout 120 "$chrome" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$out/profile.$$" --enable-logging=stderr --v=0 \
	    --window-size=1200,1600 "$1" "file://$2" >"$3.out" 2>"$3.log"
}

# Console errors: Chromium logs them as CONSOLE lines.
console_errors() {
	grep -E 'CONSOLE|Uncaught|ERR_FILE_NOT_FOUND|net::ERR' "$1" | head -5
}

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

# First, that the console check can see an error at all.
printf '<!DOCTYPE html><html><body><p>x</p><script>console.error("probe")' \
    >"$out/probe.html"
printf '</script></body></html>\n' >>"$out/probe.html"
chrome --dump-dom "$out/probe.html" "$out/probe"
if [ -n "$(console_errors "$out/probe.log")" ]; then
	ok
else
	bad "probe: a console.error() was not seen; the console check is blind"
fi

for plan in scenarios/figure1.json scenarios/islands.json \
    scenarios/ring.json scenarios/zones.json scenarios/warnings.json; do
	name=$(basename "$plan" .json)
	html="$out/$name.html"
	if ! "$bin" report -o "$html" "$plan" 2>"$out/$name.err"; then
		bad "$name: meshsim report failed: $(cat "$out/$name.err")"
		continue
	fi
	chrome --screenshot="$out/$name.png" "$html" "$out/$name.shot"
	if [ ! -s "$out/$name.png" ]; then
		bad "$name: no screenshot"
	elif ! "$PYTHON" - "$out/$name.png" <<'PY'
import struct, sys, zlib
# Decode the PNG (8-bit RGB or RGBA, no interlace) and look for the SVG's
# node fills: sky blue, orange, reddish purple (Okabe-Ito).
data = open(sys.argv[1], "rb").read()
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        bpp = {2: 3, 6: 4}[ctype]
        assert depth == 8
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
seen = set()
colours = set()
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            line[x] = (line[x] + pr) & 255
    for x in range(0, stride, bpp * 2):
        colours.add(bytes(line[x:x + 3]))
    prev = line
want = {bytes.fromhex("56b4e9"), bytes.fromhex("e69f00"),
        bytes.fromhex("cc79a7")}
if len(colours) < 3 or not (colours & want):
    sys.exit("blank, or no node drawn: %d colours" % len(colours))
PY
	then
		bad "$name: the screenshot shows no picture"
	else
		ok
	fi
	chrome --dump-dom "$html" "$out/$name.dom"
	# Every node labelled, or named among the labels left out.
	missing=$("$bin" export --format json "$plan" 2>/dev/null | "$PYTHON" -c '
import json, re, sys, html
dom = open(sys.argv[1]).read()
texts = set(html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", dom))
left = re.search(r"so (?:it is|they are) left out: ([^<]*)\.</p>", dom)
left = set(html.unescape(left.group(1)).split(", ")) if left else set()
print(" ".join(n["name"] for n in json.load(sys.stdin)["nodes"]
               if n["name"] not in texts and n["name"] not in left))' "$out/$name.dom.out")
	if [ ! -s "$out/$name.dom.out" ]; then
		bad "$name: Chromium gave no DOM"
	elif [ -n "$missing" ]; then
		bad "$name: not labelled in the rendered picture: $missing"
	else
		ok
	fi
	errs=$(cat "$out/$name.shot.log" "$out/$name.dom.log" |
	    console_errors /dev/stdin)
	if [ -n "$errs" ]; then
		bad "$name: console: $errs"
	else
		ok
	fi
done

# Control characters from the input (C1 in names, a host, a label and the
# plan's name; ESC and a newline in a diagnostic) are shown as the text
# reports show them: the page holds none, in its DOM or its title, and
# shows each escape (docs/diagnostics.md#control-characters).
plan=tests/plans/control-text.json
if ! "$bin" report -o "$out/control.html" "$plan" 2>"$out/control.err"; then
	bad "control: meshsim report failed: $(cat "$out/control.err")"
else
	chrome --dump-dom "$out/control.html" "$out/control.dom"
	if ! "$PYTHON" - "$out/control.dom.out" <<'PY'
import sys
dom = open(sys.argv[1], encoding="utf-8").read()
bad = sorted({"U+%04X" % ord(c) for c in dom
              if (ord(c) < 0x20 and c not in "\t\n\r") or
              0x7f <= ord(c) <= 0x9f})
if bad:
    sys.exit("control characters in the page: " + ", ".join(bad))
want = ["<title>meshsim report: ops\\u009b2J plan</title>",
        ">hub\\u0085a</text>", "10.0.0.1\\u009b31m:9932",
        ">z\\u009d1</text>", "note\\x1b[31m\\nred"]
missing = [w for w in want if w not in dom]
if missing:
    sys.exit("not shown: " + ", ".join(missing))
PY
	then
		bad "control: the page does not show the escapes"
	else
		ok
	fi
	errs=$(console_errors "$out/control.dom.log")
	if [ -n "$errs" ]; then
		bad "control: console: $errs"
	else
		ok
	fi
fi

# Measured in the rendered page: a zoned 30-node plan (3 zones), and
# plans of 150 nodes (the most drawn node by node) and 1,000 (condensed),
# generated with fixed seeds.
"$PYTHON" tools/gen_plan.py --shape geo-mesh --nodes 150 --seed 2 \
    -o "$out/geo150.json"
"$PYTHON" tools/gen_plan.py --shape geo-mesh --nodes 1000 --seed 1 \
    -o "$out/geo1000.json"
version=$("$bin" --version | sed 's/^meshsim //')
for plan in tests/browser/zoned30.json "$out/geo150.json" \
    "$out/geo1000.json"; do
	name=$(basename "$plan" .json)
	html="$out/$name.m.html"
	# suggest exits 1 when it has routes to suggest; the report's fix
	# is suggest --by the domains it draws.
	"$bin" suggest --by zone --format json "$plan" >"$out/$name.sug.json" \
	    2>"$out/$name.err"
	if [ $? -gt 1 ] ||
	    ! "$bin" report --by zone -o "$out/$name.r.html" "$plan" \
	    2>>"$out/$name.err"; then
		bad "$name: meshsim failed: $(cat "$out/$name.err")"
		continue
	fi
	# measure.js runs last in the page.
	sed '/^<\/body>$/,$d' "$out/$name.r.html" >"$html"
	{
		echo "<script>"
		cat tests/browser/measure.js
		echo "</script>"
		echo "</body></html>"
	} >>"$html"
	chrome --dump-dom "$html" "$out/$name.measure"
	if ! "$PYTHON" tests/browser/review.py "$out/$name.measure.out" \
	    "$plan" "$out/$name.sug.json" "$version" >"$out/$name.review" 2>&1; then
		bad "$name: $(cat "$out/$name.review")"
	else
		ok
	fi
	errs=$(console_errors "$out/$name.measure.log")
	if [ -n "$errs" ]; then
		bad "$name: console: $errs"
	else
		ok
	fi
done
echo "browser: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
