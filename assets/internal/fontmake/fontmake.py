#!/usr/bin/python3
"""Make the app's fonts from BIZ UD Gothic (assets/fonts).

Fyne v2.8.1 parses the theme's font again for each text style it meets
(regular and bold), and its parser (go-text) keeps every glyph's points in
memory: some 8 MB for each parse of the full BIZ UD Gothic. The fonts made
here keep every character of the original, and the variation sequences
(IVS) of names such as 﨑, but drop what a horizontal line in Fyne never
uses: the hinting, the vertical metrics and the glyphs that only vertical
writing or alternate forms (aalt, jp78, trad, ...) reach. The outlines
become CFF ones (the same shapes), which go-text reads only for a glyph it
draws: under 1 MB for each parse instead of 8. BIZ UD Gothic
has no 𠮷 (U+20BB7, the "tsuchi-yoshi" of family names): it is added from
Noto Sans CJK JP of the same weight (SIL OFL 1.1 too).

For each weight it writes two fonts:
  BIZUDGothic-WEIGHT.otf   all of it, for a Japanese UI: Latin too, so that
                           a line never mixes two fonts
  BIZUDGothicJ-WEIGHT.otf  without Latin letters, digits and Western
                           punctuation, for an English UI: Fyne takes those
                           from its own Latin face (Noto Sans), the next
                           one it tries for a character the theme's font
                           lacks, and Japanese from this one

Needs Debian's python3-fonttools (4.38) and fonts-noto-cjk. Run it on the
original fonts, which git keeps (commit 9499df2):

  git show 9499df2:assets/fonts/BIZUDGothic-Regular.ttf > /tmp/r.ttf
  git show 9499df2:assets/fonts/BIZUDGothic-Bold.ttf > /tmp/b.ttf
  /usr/bin/python3 assets/internal/fontmake/fontmake.py /tmp/r.ttf /tmp/b.ttf assets/fonts
"""
import os
import sys
import unicodedata

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTCollection, TTFont, newTable

# Noto Sans CJK's folder: fonts-noto-cjk's, or set NOTO_CJK_DIR to the
# files unpacked from its package (dpkg-deb -x), without installing them.
NOTO_DIR = os.environ.get("NOTO_CJK_DIR", "/usr/share/fonts/opentype/noto")
NOTO = {
    "Regular": NOTO_DIR + "/NotoSansCJK-Regular.ttc",
    "Bold": NOTO_DIR + "/NotoSansCJK-Bold.ttc",
}
# Characters of names that BIZ UD Gothic lacks, taken from Noto Sans CJK JP.
ADDED = [0x20BB7]  # 𠮷
# The layout features HarfBuzz applies to a horizontal Japanese line.
FEATURES = ["ccmp", "locl", "liga"]
# What the Japanese-only fonts leave to the Latin face: Basic Latin to
# Latin Extended-B, spacing modifiers and combining marks, and general
# punctuation (quotes, dashes, ellipsis) except the reference mark ※.
LATIN = [(0x0000, 0x036F), (0x2000, 0x203A), (0x203C, 0x206F)]


def noto_jp(weight):
    for f in TTCollection(NOTO[weight]).fonts:
        if f["name"].getDebugName(1).startswith("Noto Sans CJK JP"):
            return f
    raise SystemExit("no Noto Sans CJK JP in " + NOTO[weight])


def add_glyphs(font, weight):
    src = noto_jp(weight)
    scale = font["head"].unitsPerEm / src["head"].unitsPerEm
    src_glyphs = src.getGlyphSet()
    src_cmap = src.getBestCmap()
    order = font.getGlyphOrder()
    for cp in ADDED:
        name = "u%X" % cp
        pen = TTGlyphPen(None)
        src_glyphs[src_cmap[cp]].draw(Cu2QuPen(TransformPen(pen, (scale, 0, 0, scale, 0, 0)), max_err=1, reverse_direction=True))
        glyph = pen.glyph()
        glyph.recalcBounds(font["glyf"])
        order.append(name)
        font["glyf"].glyphs[name] = glyph
        advance = round(src["hmtx"][src_cmap[cp]][0] * scale)
        font["hmtx"].metrics[name] = (advance, glyph.xMin)
        if "vmtx" in font:
            font["vmtx"].metrics[name] = font["vmtx"].metrics[font.getBestCmap()[0x5409]]  # 吉's
        for table in font["cmap"].tables:
            if table.format == 12:
                table.cmap[cp] = name
    font.setGlyphOrder(order)
    font["glyf"].glyphOrder = order
    font["maxp"].numGlyphs = len(order)


def subset(font, unicodes):
    opts = Options()
    opts.layout_features = FEATURES
    opts.hinting = False
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.drop_tables += ["vhea", "vmtx", "DSIG", "meta"]
    s = Subsetter(opts)
    s.populate(unicodes=unicodes)
    s.subset(font)


def to_cff(font):
    """Turn font's TrueType outlines into CFF ones, the same shapes (a
    quadratic curve is a cubic one), which go-text reads glyph by glyph
    when it draws them: it parses every TrueType glyph up front."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    charstrings = {}
    for name in order:
        pen = T2CharStringPen(font["hmtx"][name][0], glyphs)
        glyphs[name].draw(pen)
        charstrings[name] = pen.getCharString()
    for tag in ("glyf", "loca", "fpgm", "prep", "cvt ", "gasp"):
        if tag in font:
            del font[tag]
    font.sfntVersion = "OTTO"
    fb = FontBuilder(font["head"].unitsPerEm, isTTF=False)
    fb.font = font
    fb.setupCFF(font["name"].getDebugName(6), {"FullName": font["name"].getDebugName(4)}, charstrings, {})
    font["maxp"] = newTable("maxp")
    font["maxp"].tableVersion = 0x5000
    font["maxp"].numGlyphs = len(order)


def latin_metrics(font):
    """Give font the line height of Fyne's Latin face (Noto Sans: ascent
    1.069 em, descent 0.293 em): Fyne sizes a line of text by the face of
    its space, which the Japanese-only fonts keep, and would clip the
    descenders of Latin letters to BIZ UD Gothic's shorter line."""
    upem = font["head"].unitsPerEm
    ascent, descent = round(1.069 * upem), round(0.293 * upem)
    hhea, os2 = font["hhea"], font["OS/2"]
    hhea.ascent, hhea.descent, hhea.lineGap = ascent, -descent, 0
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = ascent, -descent, 0
    os2.usWinAscent, os2.usWinDescent = ascent, descent


def latin(cp):
    """Whether the Japanese-only fonts leave cp to the Latin face. Spaces,
    controls and format characters stay: go-text never changes the face
    for them (it takes every font to have a space), so a space between two
    Japanese words is drawn in the Japanese face."""
    if unicodedata.category(chr(cp)) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
        return False
    return any(lo <= cp <= hi for lo, hi in LATIN)


def main(regular, bold, out):
    for weight, path in (("Regular", regular), ("Bold", bold)):
        font = TTFont(path)
        add_glyphs(font, weight)
        everything = sorted(font.getBestCmap())
        font.save(out + "/tmp.ttf")
        full = TTFont(out + "/tmp.ttf")
        subset(full, everything)
        to_cff(full)
        full.save("%s/BIZUDGothic-%s.otf" % (out, weight))
        japanese = TTFont(out + "/tmp.ttf")
        subset(japanese, [cp for cp in everything if not latin(cp)])
        to_cff(japanese)
        latin_metrics(japanese)
        japanese.save("%s/BIZUDGothicJ-%s.otf" % (out, weight))
    os.remove(out + "/tmp.ttf")


if __name__ == "__main__":
    main(*sys.argv[1:4])
