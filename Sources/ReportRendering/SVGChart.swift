/// Small inline-SVG charts for the HTML report: grouped bars and a scatter plot. Every label is escaped;
/// series are told apart by marker shape and a legend, not by colour alone.
enum SVGChart {
    /// Fill colours of the series, in order (the real dataset first).
    static let palette = ["#4d4d4d", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"]

    static func colour(_ series: Int) -> String { palette[series % palette.count] }

    /// A grouped bar chart: one group per category, one bar per series (missing values leave a gap).
    static func groupedBars(title: String, categories: [String], series: [(name: String, values: [Double?])]) -> String
    {
        let top = max(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 1, 1e-12)
        // Wide enough for the bars and for the category's label (11 px text, at most 16 characters shown).
        let longest = categories.map { min($0.count, 16) }.max() ?? 0
        let groupWidth = max(24, 12 * series.count + 16, Int((6.5 * Double(longest)).rounded(.up)) + 6)
        let width = 60 + groupWidth * categories.count + 10
        let height = 200
        let plotHeight = 140.0
        var svg = open(width: width, height: height + legendHeight(series.count), title: title)
        svg += "<line x1=\"50\" y1=\"160\" x2=\"\(width - 10)\" y2=\"160\" stroke=\"#999\"/>"
        svg += "<text x=\"46\" y=\"24\" text-anchor=\"end\" class=\"tick\">\(number(top))</text>"
        svg += "<text x=\"46\" y=\"160\" text-anchor=\"end\" class=\"tick\">0</text>"
        for (group, category) in categories.enumerated() {
            let x0 = 56 + group * groupWidth
            for (index, entry) in series.enumerated() {
                guard let value = entry.values[safe: group] ?? nil else { continue }
                let barHeight = max(0, value / top * plotHeight)
                let x = x0 + index * 12
                svg +=
                    "<rect x=\"\(x)\" y=\"\(number(160 - barHeight))\" width=\"10\" height=\"\(number(barHeight))\" "
                    + "fill=\"\(colour(index))\"><title>\(HTMLEscaping.escape(entry.name)) \(HTMLEscaping.escape(category)): "
                    + "\(number(value))</title></rect>"
            }
            svg +=
                "<text x=\"\(x0 + 6 * series.count)\" y=\"176\" text-anchor=\"middle\" class=\"tick\">"
                + "\(HTMLEscaping.escape(category, limit: 16))</text>"
        }
        svg += legend(series.enumerated().map { ($0.element.name, $0.offset) }, y: height, shapes: false)
        return svg + "</svg>"
    }

    /// One series of a scatter plot; `style` picks its colour and marker, so a dataset looks the same in
    /// every chart.
    struct ScatterSeries {
        let name: String
        let style: Int
        let points: [(x: Double, y: Double)]
    }

    /// The smallest box holding every point (a unit box around the origin when there are none).
    static func bounds(_ points: [(x: Double, y: Double)]) -> (minX: Double, maxX: Double, minY: Double, maxY: Double) {
        let xs = points.map(\.x)
        let ys = points.map(\.y)
        return (xs.min() ?? -1, xs.max() ?? 1, ys.min() ?? -1, ys.max() ?? 1)
    }

    /// A square scatter plot of `series` over `bounds` (shared by charts that are to be compared).
    static func scatter(
        title: String, series: [ScatterSeries], bounds: (minX: Double, maxX: Double, minY: Double, maxY: Double),
        size: Double = 360
    ) -> String {
        let (minX, maxX, minY, maxY) = bounds
        func sx(_ x: Double) -> Double { 20 + (maxX > minX ? (x - minX) / (maxX - minX) : 0.5) * (size - 40) }
        func sy(_ y: Double) -> Double { size - 20 - (maxY > minY ? (y - minY) / (maxY - minY) : 0.5) * (size - 40) }
        var svg = open(width: Int(size), height: Int(size) + legendHeight(series.count), title: title)
        svg +=
            "<rect x=\"0.5\" y=\"0.5\" width=\"\(Int(size) - 1)\" height=\"\(Int(size) - 1)\" fill=\"none\" stroke=\"#ddd\"/>"
        for entry in series {
            let style = entry.style
            svg +=
                "<g fill=\"\(colour(style))\" stroke=\"\(colour(style))\" stroke-width=\"0\" fill-opacity=\"0.7\">"
                + "<title>\(HTMLEscaping.escape(entry.name))</title>"
            for point in entry.points { svg += marker(style, x: sx(point.x), y: sy(point.y), size: 3) }
            svg += "</g>"
        }
        svg += legend(series.map { ($0.name, $0.style) }, y: Int(size), shapes: true)
        return svg + "</svg>"
    }

    private static func open(width: Int, height: Int, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\"><title>\(HTMLEscaping.escape(title))</title>"
    }

    /// One legend line per series below the plot.
    private static func legendHeight(_ count: Int) -> Int { 18 * count + 8 }

    /// One legend line per `(name, style)` below the plot.
    private static func legend(_ entries: [(name: String, style: Int)], y: Int, shapes: Bool) -> String {
        var svg = ""
        for (index, (name, style)) in entries.enumerated() {
            let x = 10
            let row = y + 16 + index * 18
            svg +=
                shapes
                ? "<g fill=\"\(colour(style))\" stroke=\"\(colour(style))\" stroke-width=\"0\">"
                    + marker(style, x: Double(x + 5), y: Double(row - 4), size: 5) + "</g>"
                : "<rect x=\"\(x)\" y=\"\(row - 9)\" width=\"10\" height=\"10\" fill=\"\(colour(style))\"/>"
            svg += "<text x=\"\(x + 14)\" y=\"\(row)\" class=\"tick\">\(HTMLEscaping.escape(name, limit: 40))</text>"
        }
        return svg
    }

    /// Marker `index % 5`: circle, square, triangle, diamond, cross.
    static func marker(_ index: Int, x: Double, y: Double, size r: Double) -> String {
        let (cx, cy) = (number(x), number(y))
        switch index % 5 {
        case 0: return "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(number(r))\"/>"
        case 1:
            return
                "<rect x=\"\(number(x - r))\" y=\"\(number(y - r))\" width=\"\(number(2 * r))\" height=\"\(number(2 * r))\"/>"
        case 2:
            return
                "<path d=\"M\(cx) \(number(y - r))L\(number(x + r)) \(number(y + r))L\(number(x - r)) \(number(y + r))Z\"/>"
        case 3:
            return
                "<path d=\"M\(cx) \(number(y - r))L\(number(x + r)) \(cy)L\(cx) \(number(y + r))L\(number(x - r)) \(cy)Z\"/>"
        default:
            return "<path d=\"M\(number(x - r)) \(number(y - r))L\(number(x + r)) \(number(y + r))M\(number(x + r)) "
                + "\(number(y - r))L\(number(x - r)) \(number(y + r))\" stroke-width=\"1.5\"/>"
        }
    }

    static func number(_ value: Double) -> String { SummaryTable.fixed(value, decimals: 2) }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
