/// A shape placed on a slide.
enum PlacedShape: Equatable {
    /// A text box; `placeholder` puts it in the layout's body placeholder.
    case text(paragraphs: [TextParagraph], box: Box, size: Double, scale: Double, reduction: Double, placeholder: Bool)
    case table(TableContent, box: Box, columns: [Int], rows: [Int], size: Double)
    case chart(name: String, box: Box)
}

/// One slide of the file: its title, whether it is the title slide, its shapes and its notes.
struct PlacedSlide: Equatable {
    var title: String
    var isTitleSlide: Bool
    var shapes: [PlacedShape]
    var notes: [TextParagraph]
}

/// Places a slide's blocks in the layout's content area, top to bottom: tables keep their size, charts shrink
/// toward a floor, text shrinks to what is left (``Autofit``); a table taller than the room left continues
/// on the next slide with its header repeated and the title "… (continued)", as do the blocks after it.
struct SlideLayout {
    let design: PowerPointDesign
    /// Categories of each chart by name: a bar chart grows with its rows.
    var categories: [String: Int] = [:]
    /// Body text size in points (before autofit).
    static let bodySize = 18.0
    static let subtitleSize = 20.0
    static let gap = 91_440
    static let chartFloor = 1_463_040
    /// Side-by-side trend charts are short lines: they can go smaller.
    static let trendFloor = 1_097_280

    /// The slides of `content` (one, or more when a table continues).
    func place(_ content: SlideContent) -> [PlacedSlide] {
        let hasGraphics = content.blocks.contains { if case .text = $0 { return false } else { return true } }
        if content.opensWithTitle && !hasGraphics {
            let box = design.titleLayout.contentBox
            let paragraphs = content.blocks.flatMap { block -> [TextParagraph] in
                if case .text(let paragraphs) = block { return paragraphs }
                return []
            }
            let fit = Autofit.fit(paragraphs, size: Self.subtitleSize, box: box)
            let shapes: [PlacedShape] =
                paragraphs.isEmpty
                ? []
                : [
                    .text(
                        paragraphs: paragraphs, box: box, size: Self.subtitleSize, scale: fit.scale,
                        reduction: fit.reduction,
                        placeholder: design.titleLayout.body != nil)
                ]
            return [PlacedSlide(title: content.title, isTitleSlide: true, shapes: shapes, notes: content.notes)]
        }
        let area = design.contentLayout.contentBox
        // Pages of blocks, each fitting at its smallest.
        var pages: [[SlideBlock]] = [[]]
        var used = 0
        var queue = pairedCharts(content.blocks, area: area)
        while !queue.isEmpty {
            let block = queue.removeFirst()
            let gap = pages[pages.count - 1].isEmpty ? 0 : Self.gap
            let room = area.height - used - gap
            switch block {
            case .table(let table):
                var table = table
                // On a slide of its own the table may take the whole area; the size is settled for its page.
                let geometry = tableGeometry(table, width: area.width, room: room)
                table.size = geometry.size
                let full = geometry.rows.reduce(0, +)
                if full <= room || (pages[pages.count - 1].isEmpty && table.rows.count <= 1) {
                    pages[pages.count - 1].append(.table(table))
                    used += gap + full
                    continue
                }
                // Rows that fit here (header included), at least two of them, else the whole table moves on.
                var height = geometry.rows[0]
                var fitting = 0
                while fitting < table.rows.count, height + geometry.rows[fitting + 1] <= room {
                    height += geometry.rows[fitting + 1]
                    fitting += 1
                }
                if fitting == 0 && !pages[pages.count - 1].isEmpty {
                    pages.append([])
                    used = 0
                    queue.insert(block, at: 0)
                    continue
                }
                // The rest starts afresh on its page, at the size that page allows.
                var rest = table
                rest.rows = Array(table.rows.dropFirst(max(fitting, 1)))
                rest.size = nil
                fitting = max(fitting, 1)
                var first = table
                first.rows = Array(table.rows.prefix(fitting))
                pages[pages.count - 1].append(.table(first))
                pages.append([])
                used = 0
                if !rest.rows.isEmpty { queue.insert(.table(rest), at: 0) }
            default:
                let smallest = minimumHeight(block, width: area.width)
                if smallest > room && !pages[pages.count - 1].isEmpty {
                    pages.append([])
                    used = smallest
                } else {
                    used += gap + smallest
                }
                pages[pages.count - 1].append(block)
            }
        }
        if pages.count > 1 && pages[pages.count - 1].isEmpty { pages.removeLast() }
        return pages.enumerated().map { index, blocks in
            PlacedSlide(
                title: index == 0 ? content.title : content.title + " (continued)", isTitleSlide: false,
                shapes: arrange(blocks, in: area), notes: index == 0 ? content.notes : [])
        }
    }

    /// `blocks` with a chart group and a narrow table next to it set side by side, when stacked they would
    /// not fit in `area` at their preferred sizes (the health slide: two trends and the adoption table).
    func pairedCharts(_ blocks: [SlideBlock], area: Box) -> [SlideBlock] {
        let stacked = blocks.reduce(0) { $0 + preferredHeight($1, width: area.width) + Self.gap }
        guard stacked > area.height else { return blocks }
        var result: [SlideBlock] = []
        var index = 0
        while index < blocks.count {
            if index + 1 < blocks.count {
                switch (blocks[index], blocks[index + 1]) {
                case (.charts(let names), .table(let table)) where table.alignments.count <= 3,
                    (.table(let table), .charts(let names)) where table.alignments.count <= 3:
                    result.append(.beside(table, names))
                    index += 2
                    continue
                default: break
                }
            }
            result.append(blocks[index])
            index += 1
        }
        return result
    }

    /// The width of the table of a side-by-side block; the charts take the rest.
    static func besideTableWidth(_ width: Int) -> Int { (width - gap) / 2 }

    /// The height a block would like.
    func preferredHeight(_ block: SlideBlock, width: Int) -> Int {
        switch block {
        case .text(let paragraphs): return Autofit.height(paragraphs, size: Self.bodySize, width: width)
        case .table(let table): return tableGeometry(table, width: width, room: 0).rows.reduce(0, +)
        case .charts(let names): return chartHeight(names)
        case .beside(let table, let names):
            return max(
                tableGeometry(table, width: Self.besideTableWidth(width), room: 0).rows.reduce(0, +),
                names.count * 1_737_360)
        }
    }

    /// The smallest height of a text or chart block.
    func minimumHeight(_ block: SlideBlock, width: Int) -> Int {
        switch block {
        case .text(let paragraphs):
            return Autofit.height(
                paragraphs, size: Self.bodySize, width: width, scale: Autofit.smallestScale, reduction: 0.2)
        case .charts(let names):
            if names.count > 1 { return Self.trendFloor }
            // A bar chart keeps a fifth of an inch a bar, so every category keeps its name.
            return max(Self.chartFloor, (categories[names[0]] ?? 0) * 201_168 + 640_080)
        case .table(let table): return tableGeometry(table, width: width, room: 0).rows.reduce(0, +)
        case .beside(let table, let names):
            return max(
                tableGeometry(table, width: Self.besideTableWidth(width), room: 0).rows.reduce(0, +),
                names.count * Self.trendFloor)
        }
    }

    /// The height a chart group would like.
    func chartHeight(_ names: [String]) -> Int {
        if names.count > 1 { return 2_103_120 }
        switch names.first {
        case "waterfall": return 2_926_080
        case "outcomes", "value":
            // A bar per category, a third of an inch each, and room for the title, legend and axis.
            let rows = categories[names[0]] ?? 3
            return min(max(2_011_680, rows * 301_752 + 914_400), design.contentLayout.contentBox.height * 4 / 5)
        default: return 2_743_200
        }
    }

    /// Blocks of one page, stacked in `area`.
    func arrange(_ blocks: [SlideBlock], in area: Box) -> [PlacedShape] {
        let gaps = max(0, blocks.count - 1) * Self.gap
        var heights: [Int] = blocks.map { block in
            switch block {
            case .table(let table): return tableGeometry(table, width: area.width, room: area.height).rows.reduce(0, +)
            default: return preferredHeight(block, width: area.width)
            }
        }
        var excess = heights.reduce(0, +) + gaps - area.height
        // Charts give up room first, down to their floor.
        if excess > 0 {
            for (index, block) in blocks.enumerated() {
                switch block {
                case .charts, .beside: break
                default: continue
                }
                guard excess > 0 else { continue }
                let give = min(excess, max(0, heights[index] - minimumHeight(block, width: area.width)))
                heights[index] -= give
                excess -= give
            }
        }
        // Then text boxes shrink, in proportion to their size, to no less than their smallest.
        if excess > 0 {
            let textIndices = blocks.indices.filter { if case .text = blocks[$0] { return true } else { return false } }
            let textTotal = textIndices.reduce(0) { $0 + heights[$1] }
            if textTotal > 0 {
                let share = Double(excess) / Double(textTotal)
                for index in textIndices {
                    heights[index] = max(
                        minimumHeight(blocks[index], width: area.width), Int(Double(heights[index]) * (1 - share)))
                }
            }
        }
        var shapes: [PlacedShape] = []
        var top = 0
        var placeholderUsed = design.contentLayout.body == nil
        for (index, block) in blocks.enumerated() {
            let box = area.slice(top: top, height: heights[index])
            switch block {
            case .text(let paragraphs):
                let fit = Autofit.fit(paragraphs, size: Self.bodySize, box: box)
                shapes.append(
                    .text(
                        paragraphs: paragraphs, box: box, size: Self.bodySize, scale: fit.scale,
                        reduction: fit.reduction,
                        placeholder: !placeholderUsed))
                placeholderUsed = true
            case .table(let table):
                let geometry = tableGeometry(table, width: area.width, room: area.height)
                shapes.append(
                    .table(table, box: box, columns: geometry.columns, rows: geometry.rows, size: geometry.size))
            case .beside(let table, let names):
                let tableWidth = Self.besideTableWidth(area.width)
                let geometry = tableGeometry(table, width: tableWidth, room: box.height)
                shapes.append(
                    .table(
                        table, box: Box(x: area.x, y: box.y, width: tableWidth, height: box.height),
                        columns: geometry.columns,
                        rows: geometry.rows, size: geometry.size))
                let chartHeight = (box.height - (names.count - 1) * Self.gap) / names.count
                for (position, name) in names.enumerated() {
                    shapes.append(
                        .chart(
                            name: name,
                            box: Box(
                                x: area.x + tableWidth + Self.gap, y: box.y + position * (chartHeight + Self.gap),
                                width: area.width - tableWidth - Self.gap, height: chartHeight)))
                }
            case .charts(let names):
                let width = (area.width - (names.count - 1) * Self.gap) / names.count
                for (position, name) in names.enumerated() {
                    shapes.append(
                        .chart(
                            name: name,
                            box: Box(
                                x: area.x + position * (width + Self.gap), y: box.y, width: width, height: box.height)))
                }
            }
            top += heights[index] + Self.gap
        }
        return shapes
    }

    /// Column widths (in proportion to their longest text, within limits) and row heights (the header first)
    /// of `table` in `width` EMU, and its font size: smaller for wider tables, and one or two points smaller
    /// when that makes the table fit in `room` (11 points at the least; a table that still does not fit continues
    /// on the next slide).
    func tableGeometry(_ table: TableContent, width: Int, room: Int) -> (columns: [Int], rows: [Int], size: Double) {
        if let size = table.size { return tableGeometry(table, width: width, size: size) }
        let count = max(1, table.alignments.count)
        let largest: Double = count <= 4 ? 14 : count <= 6 ? 12 : 11
        var size = largest
        while size > 11 {
            let geometry = tableGeometry(table, width: width, size: size)
            if geometry.rows.reduce(0, +) <= room { return geometry }
            size -= 1
        }
        return tableGeometry(table, width: width, size: size)
    }

    func tableGeometry(_ table: TableContent, width: Int, size: Double) -> (columns: [Int], rows: [Int], size: Double) {
        let count = max(1, table.alignments.count)
        let all = [table.header] + table.rows
        let weights: [Double] = (0..<count).map { column in
            let longest =
                all.map { row in column < row.count ? Autofit.ems(row[column].map(\.text).joined()) : 0 }.max() ?? 0
            return min(max(longest, 3), 28) + 2
        }
        let total = weights.reduce(0, +)
        var columns = weights.map { Int(Double(width) * $0 / total) }
        columns[columns.count - 1] += width - columns.reduce(0, +)
        let rows: [Int] = all.map { row in
            let lines =
                (0..<count).map { column -> Int in
                    guard column < row.count else { return 1 }
                    return Autofit.lines(
                        row[column].map(\.text).joined(), size: size, width: columns[column] - 2 * Autofit.insetX)
                }.max() ?? 1
            return Int(Double(lines) * size * 1.2 * Double(Box.point)) + 2 * Autofit.insetY + 24_000
        }
        return (columns, rows, size)
    }
}
