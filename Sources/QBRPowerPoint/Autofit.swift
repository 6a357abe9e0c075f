import Foundation

/// How much text fits in a box, estimated the way a reader sees it: average character widths, wrapped lines,
/// line height 1.2 × the font size. PowerPoint shrinks an overflowing text box itself only when it opens and edits
/// it; LibreOffice and python-pptx read the `<a:normAutofit fontScale=… lnSpcReduction=…/>` the file carries,
/// so qbr computes those figures here.
enum Autofit {
    /// Space before each paragraph, in points (the text writer sets the same).
    static let spacingBefore = 6.0
    /// Inner margins of a text box: 0.1 in left and right, 0.05 in top and bottom (DrawingML's defaults).
    static let insetX = 91_440
    static let insetY = 45_720
    /// Indentation per list level and for the bullet.
    static let indentPerLevel = 285_750
    /// The smallest scale qbr shrinks text to; below it the text would not be readable on a screen.
    static let smallestScale = 0.4

    /// The width of `text` in ems: wide (East Asian, emoji) characters count as one em, others as an average
    /// Latin character (0.5 em, a little more for capitals).
    static func ems(_ text: String) -> Double {
        var total = 0.0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                0x1F300...0x1FAFF, 0x2600...0x27BF:
                total += 1.0
            case 0x41...0x5A, 0x30...0x39: total += 0.6
            case 0x300...0x36F, 0x200B...0x200F: continue
            default: total += 0.5
            }
        }
        return total
    }

    /// Lines `text` takes at `size` points in `width` EMU (at least one).
    static func lines(_ text: String, size: Double, width: Int) -> Int {
        let available = max(Double(width) / Double(Box.point), size)
        return text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { total, line in
            // Word wrapping leaves the end of most lines short: 8% more than the bare ratio.
            total + max(1, Int((ems(String(line)) * size * 1.08 / available).rounded(.up)))
        }
    }

    /// Height in EMU of `paragraphs` at `size` points × `scale`, line spacing reduced by `reduction`, in a box
    /// `width` EMU wide (insets included).
    static func height(
        _ paragraphs: [TextParagraph], size: Double, width: Int, scale: Double = 1, reduction: Double = 0
    ) -> Int {
        let scaled = size * scale
        var points = 0.0
        for (index, paragraph) in paragraphs.enumerated() {
            let indent =
                paragraph.kind == .plain
                ? (paragraph.quote ? indentPerLevel : 0) : indentPerLevel * (paragraph.level + 1)
            let lines = Self.lines(paragraph.text, size: scaled, width: width - 2 * insetX - indent)
            points += Double(lines) * scaled * 1.2 * (1 - reduction)
            if index > 0 { points += spacingBefore * scale * (1 - reduction) }
        }
        return Int(points * Double(Box.point)) + 2 * insetY
    }

    /// The font scale and line-spacing reduction that fit `paragraphs` at `size` points into `box`: (1, 0) when
    /// they fit as they are; otherwise the largest scale, in steps of 2.5%, that fits, with line spacing
    /// reduced by 10% (20% below a 70% scale) as PowerPoint does; at worst ``smallestScale``.
    static func fit(_ paragraphs: [TextParagraph], size: Double, box: Box) -> (scale: Double, reduction: Double) {
        if height(paragraphs, size: size, width: box.width) <= box.height { return (1, 0) }
        var scale = 0.975
        while scale > smallestScale {
            let reduction = scale < 0.7 ? 0.2 : 0.1
            if height(paragraphs, size: size, width: box.width, scale: scale, reduction: reduction) <= box.height {
                return (scale, reduction)
            }
            scale -= 0.025
        }
        return (smallestScale, 0.2)
    }

    /// `<a:normAutofit/>` with the figures of `fit` (in thousandths of a percent, as DrawingML writes them).
    static func element(scale: Double, reduction: Double) -> String {
        guard scale < 1 else { return "<a:normAutofit/>" }
        let fontScale = Int((scale * 100_000).rounded())
        let spacing = Int((reduction * 100_000).rounded())
        return "<a:normAutofit fontScale=\"\(fontScale)\"" + (spacing > 0 ? " lnSpcReduction=\"\(spacing)\"" : "")
            + "/>"
    }
}
