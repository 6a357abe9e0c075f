#!/usr/bin/env python3
"""Builds examples/team/brand.pptx: the worked team example's own PowerPoint master, for `pptx_template`.

A 16:9 master with its own layouts ("Tidewater Title", "Tidewater Content", named in examples/team/qbr.yaml),
the team's theme colours (accent #0b7a75) and fonts (Georgia headings, Inter body), a logo at the bottom right,
an accent band on the left and a footer line. qbr copies all of it into every deck rendered with
--config examples/team/qbr.yaml --format pptx.

    pip install python-pptx        # brings Pillow, used for the logo
    python3 scripts/make-brand-pptx.py [OUT.pptx]
"""
import io
import re
import sys

from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

ACCENT = "0B7A75"
TEXT = "17202A"
MUTED = "5B6770"
WASH = "E8EFEE"

out = sys.argv[1] if len(sys.argv) > 1 else "examples/team/brand.pptx"
prs = Presentation()
old_width = prs.slide_width
prs.slide_width = Inches(13.333)
prs.slide_height = Inches(7.5)
scale = prs.slide_width / old_width

# The default template is 4:3: widen every placeholder of the master and its layouts to 16:9.
def widen(shapes):
    for shape in shapes:
        # Only a placeholder with a position of its own: the others inherit the (widened) master's.
        if shape._element.spPr.find(qn("a:xfrm")) is not None:
            shape.left = Emu(int(shape.left * scale))
            shape.width = Emu(int(shape.width * scale))

master = prs.slide_master
widen(master.placeholders)
for layout in master.slide_layouts:
    widen(layout.placeholders)

# The team's own layout names.
names = {"Title Slide": "Tidewater Title", "Title and Content": "Tidewater Content"}
for layout in master.slide_layouts:
    if layout.name in names:
        layout._element.cSld.set("name", names[layout.name])

# Theme colours and fonts.
theme = master.part.part_related_by(RT.THEME)
xml = theme.blob.decode("utf-8")
def set_color(xml, slot, hex_value):
    return re.sub(r"<a:%s>.*?</a:%s>" % (slot, slot), '<a:%s><a:srgbClr val="%s"/></a:%s>' % (slot, hex_value, slot), xml, count=1, flags=re.S)
for slot, value in [("dk1", TEXT), ("dk2", MUTED), ("lt2", WASH), ("accent1", ACCENT), ("accent2", "7FC4C0"), ("hlink", ACCENT)]:
    xml = set_color(xml, slot, value)
xml = re.sub(r'(<a:majorFont>\s*<a:latin typeface=")[^"]*"', r'\1Georgia"', xml, count=1)
xml = re.sub(r'(<a:minorFont>\s*<a:latin typeface=")[^"]*"', r'\1Inter"', xml, count=1)
xml = re.sub(r'<a:theme ([^>]*)name="[^"]*"', r'<a:theme \1name="Tidewater"', xml, count=1)
theme._blob = xml.encode("utf-8")

# A logo: the wave mark and the name, drawn as a PNG.
image = Image.new("RGBA", (480, 128), (255, 255, 255, 0))
draw = ImageDraw.Draw(image)
draw.rounded_rectangle((0, 0, 128, 128), radius=24, fill="#" + ACCENT)
draw.arc((24, 40, 104, 136), start=200, end=340, fill="white", width=12)
draw.text((148, 40), "Tidewater", fill="#" + TEXT, font_size=56)
logo = io.BytesIO()
image.save(logo, format="PNG")
logo.seek(0)

# python-pptx draws shapes on slides only: draw them on a scratch slide, then move them to the master (the
# picture's image relationship with it) and drop the scratch slide.
scratch = prs.slides.add_slide(master.slide_layouts[6])
picture = scratch.shapes.add_picture(logo, prs.slide_width - Inches(2.1), prs.slide_height - Inches(0.6), height=Inches(0.42))
band = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(0.18), prs.slide_height)
band.fill.solid()
band.fill.fore_color.rgb = RGBColor.from_string(ACCENT)
band.line.fill.background()
footer = scratch.shapes.add_textbox(Inches(0.6), prs.slide_height - Inches(0.45), Inches(8), Inches(0.35))
run = footer.text_frame.paragraphs[0].add_run()
run.text = "Tidewater Software · Customer Success"
run.font.size = Pt(11)
run.font.color.rgb = RGBColor.from_string(MUTED)

blip = picture._element.xpath(".//a:blip")[0]
image_part = scratch.part.related_part(blip.get(qn("r:embed")))
blip.set(qn("r:embed"), master.part.relate_to(image_part, RT.IMAGE))
tree = master.shapes._spTree
for shape in (band, picture, footer):
    tree.append(shape._element)
slide_ids = prs.slides._sldIdLst
scratch_id = slide_ids[-1]
prs.part.drop_rel(scratch_id.rId)
slide_ids.remove(scratch_id)

prs.save(out)
print("wrote", out)
