#!/bin/sh
# Makes the fonts the PDF documents embed (internal/documents/fonts):
# DejaVu Sans regular and bold cut down to Latin, Greek, Cyrillic and the
# punctuation German documents use („“ – … § €), so that gofpdf parses a
# font of ~100 KB instead of ~750 KB for every document.
#
# The Bitstream Vera licence asks that a modified font carry a name without
# "Bitstream", "Vera" (and DejaVu asks the same for "DejaVu"): the subset is
# renamed "Tandem Sans". Needs fonttools (apt-get install python3-fonttools)
# and fonts-dejavu-core.
#
# Usage: scripts/subset-font.sh   (from the repository root)
set -eu
SRC=${DEJAVU_DIR:-/usr/share/fonts/truetype/dejavu}
OUT=internal/documents/fonts
PY=${PYTHON:-/usr/bin/python3}
UNICODES="U+0020-007E,U+00A0-024F,U+0259,U+02BB-02BC,U+02C6-02C7,U+02D8-02DD,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,U+2010-2027,U+2030-203A,U+2044,U+20AC,U+2116,U+2122,U+2190-2193,U+2212,U+2610-2612,U+2713-2714,U+FFFD"
for style in "" "-Bold"; do
	name=Regular
	[ "$style" = "-Bold" ] && name=Bold
	"$PY" -m fontTools.subset "$SRC/DejaVuSans$style.ttf" \
		--unicodes="$UNICODES" \
		--layout-features='' --no-hinting --desubroutinize \
		--name-IDs='*' --name-languages='*' --drop-tables+=FFTM,GDEF,GPOS,GSUB,kern \
		--output-file="$OUT/TandemSans-$name.ttf.tmp"
	"$PY" - "$OUT/TandemSans-$name.ttf.tmp" "$OUT/TandemSans-$name.ttf" "$name" <<'PYEOF'
import sys
from fontTools.ttLib import TTFont
src, dst, style = sys.argv[1], sys.argv[2], sys.argv[3]
f = TTFont(src, recalcTimestamp=False)
f["head"].modified = f["head"].created  # reproducible output
family = "Tandem Sans"
full = family if style == "Regular" else family + " " + style
ps = "TandemSans-" + style
for rec in f["name"].names:
    if rec.nameID == 1:
        rec.string = family
    elif rec.nameID == 2:
        rec.string = style
    elif rec.nameID == 3:
        rec.string = ps + " (subset of DejaVu Sans)"
    elif rec.nameID == 4:
        rec.string = full
    elif rec.nameID == 6:
        rec.string = ps
    elif rec.nameID in (16,):
        rec.string = family
f.save(dst, reorderTables=True)
PYEOF
	rm "$OUT/TandemSans-$name.ttf.tmp"
done
ls -l "$OUT"/*.ttf
