/// A rectangle on a slide, in EMU (914,400 to the inch, 12,700 to the point), as DrawingML writes positions.
struct Box: Equatable, Sendable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    static let inch = 914_400
    static let point = 12_700

    /// `<a:off/><a:ext/>` of the box.
    var offsetAndExtent: String {
        "<a:off x=\"\(x)\" y=\"\(y)\"/><a:ext cx=\"\(width)\" cy=\"\(height)\"/>"
    }

    /// The box `top` EMU further down, `height` high.
    func slice(top: Int, height: Int) -> Box { Box(x: x, y: y + top, width: width, height: height) }
}
