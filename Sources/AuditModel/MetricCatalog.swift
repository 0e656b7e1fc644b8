/// The metrics an audit can compute, in the order reports list them: each one's descriptor.
///
/// The metric families build the catalogue; renderers and the gate read it (from the result they are
/// given), so they need none of the metric code.
public struct MetricCatalog: Sendable, Equatable {
    /// Every descriptor, in report order.
    public let descriptors: [MetricDescriptor]
    private let positions: [MetricID: Int]

    /// A catalogue of `descriptors`, in that order.
    ///
    /// - Precondition: no id appears twice (a programmer error).
    public init(_ descriptors: [MetricDescriptor]) {
        var positions: [MetricID: Int] = [:]
        for (position, descriptor) in descriptors.enumerated() {
            precondition(positions.updateValue(position, forKey: descriptor.id) == nil, "\(descriptor.id) twice")
        }
        self.descriptors = descriptors
        self.positions = positions
    }

    /// Every id, in report order.
    public var ids: [MetricID] { descriptors.map(\.id) }

    /// Whether the catalogue knows `id`.
    public func contains(_ id: MetricID) -> Bool { positions[id] != nil }

    /// The descriptor of `id`, or ``MetricDescriptor/unknown(_:)`` for an id the catalogue does not know.
    public subscript(id: MetricID) -> MetricDescriptor {
        positions[id].map { descriptors[$0] } ?? .unknown(id)
    }

    /// `ids` in report order (unknown ids last, by name), without repeats.
    public func ordered(_ ids: some Sequence<MetricID>) -> [MetricID] {
        Set(ids).sorted { a, b in
            switch (positions[a], positions[b]) {
            case (let x?, let y?): x < y
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.rawValue < b.rawValue
            }
        }
    }

    /// The catalogue restricted to `ids`, in report order.
    public func restricted(to ids: some Sequence<MetricID>) -> MetricCatalog {
        let kept = Set(ids)
        return MetricCatalog(descriptors.filter { kept.contains($0.id) })
    }

    /// Parses a comma-separated list of metric ids (`distinct_2,self_bleu_4`) into report order, without
    /// repeats. An unknown id is reported with the closest known ids as suggestions.
    ///
    /// - Throws: ``MetricSelectionError`` for an empty entry or an unknown id.
    public func parseSelection(_ list: String) throws(MetricSelectionError) -> [MetricID] {
        var selected: [MetricID] = []
        for part in list.split(separator: ",", omittingEmptySubsequences: false) {
            let name = String(part.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            guard !name.isEmpty else { throw .empty }
            let id = MetricID(name)
            guard contains(id) else { throw .unknown(name, suggestions: suggestions(for: name)) }
            selected.append(id)
        }
        return ordered(selected)
    }

    /// Known ids close to `name` (same prefix or within edit distance 2), best first, at most three.
    public func suggestions(for name: String) -> [String] {
        var scored: [(id: String, distance: Int)] = []
        for id in ids.map(\.rawValue) {
            let distance = Self.editDistance(name, id)
            if distance <= 2 || id.hasPrefix(name) { scored.append((id, distance)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.id < $1.id }
        return scored.prefix(3).map(\.id)
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
