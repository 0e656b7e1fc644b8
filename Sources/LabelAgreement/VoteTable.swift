/// How many raters gave each category to each unit (row): the input of every agreement measure.
///
/// Categories are the distinct ratings of all units, sorted by their spelling, so the same ratings
/// give the same table whatever the row order. Which rater gave which rating does not matter to any
/// measure here (nominal data), so only the counts are kept.
public struct VoteTable: Sendable, Equatable {
    /// The distinct ratings, sorted.
    public let categories: [String]
    /// Number of units (rows), including those with fewer than two ratings.
    public let unitCount: Int
    /// Row-major `unitCount × categories.count` vote counts.
    private let counts: [Int]
    /// Ratings per unit.
    public let ratingsPerUnit: [Int]

    /// The table of `annotations`: per unit, its ratings (`nil` or empty for a unit nobody rated).
    ///
    /// - Complexity: O(R log K) for R ratings and K categories.
    public init(annotations: [[String]?]) {
        categories = Array(Set(annotations.lazy.compactMap { $0 }.joined())).sorted()
        var index: [String: Int] = [:]
        for (position, category) in categories.enumerated() { index[category] = position }
        let k = categories.count
        var counts = [Int](repeating: 0, count: annotations.count * k)
        var perUnit = [Int](repeating: 0, count: annotations.count)
        for (unit, ratings) in annotations.enumerated() {
            for rating in ratings ?? [] {
                guard let category = index[rating] else { continue }
                counts[unit * k + category] += 1
                perUnit[unit] += 1
            }
        }
        self.counts = counts
        ratingsPerUnit = perUnit
        unitCount = annotations.count
    }

    /// The table of the given units (repeats allowed, as in a bootstrap resample), same categories.
    ///
    /// - Complexity: O(units.count · K).
    public func resampled(_ units: [Int]) -> VoteTable {
        let k = categories.count
        var counts: [Int] = []
        counts.reserveCapacity(units.count * k)
        for unit in units { counts.append(contentsOf: votes(ofUnit: unit)) }
        return VoteTable(categories: categories, counts: counts, ratingsPerUnit: units.map { ratingsPerUnit[$0] })
    }

    private init(categories: [String], counts: [Int], ratingsPerUnit: [Int]) {
        self.categories = categories
        self.counts = counts
        self.ratingsPerUnit = ratingsPerUnit
        unitCount = ratingsPerUnit.count
    }

    /// The vote counts of `unit`, one per category.
    public func votes(ofUnit unit: Int) -> ArraySlice<Int> {
        let k = categories.count
        return counts[(unit * k)..<((unit + 1) * k)]
    }

    /// Units with at least two ratings: the only ones that carry information about agreement.
    public var pairableUnits: [Int] { (0..<unitCount).filter { ratingsPerUnit[$0] >= 2 } }

    /// Total number of ratings.
    public var ratingCount: Int { ratingsPerUnit.reduce(0, +) }
}
