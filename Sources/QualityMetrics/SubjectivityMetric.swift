import LabelAgreement

/// `instance_subjectivity_mean`, `highly_subjective_rate` and `subjectivity_task`.
///
/// A row's subjectivity is 1 − the majority label's share among its raters (Li et al. 2023's agreement,
/// inverted). A dataset without raters gets an estimate: the same quantity over the labels of the row's
/// ``AuditConfiguration/subjectivityNeighbours`` nearest labelled real rows in embedding space.
/// `subjectivity_task` is 1 − Krippendorff's α with raters, else the mean estimate.
///
/// - Complexity: O(N·K) for N rows and K labels (the neighbour search runs once in the engine).
struct SubjectivityMetric: MetricFamily {
    static let ids: [MetricID] = [.instanceSubjectivityMean, .highlySubjectiveRate, .subjectivityTask]
    var ids: [MetricID] { Self.ids }

    /// Instance subjectivity at or above which a row counts as highly subjective: at least about a
    /// third of the votes go against the majority (2 of 5, 1 of 3, 3 of 10).
    static let highlySubjectiveThreshold = 0.3

    /// Where the votes behind a subjectivity value came from.
    enum Method: String, Sendable, Codable {
        /// The rows' own raters.
        case annotations
        /// The labels of the nearest labelled real rows.
        case realNeighbours = "real_neighbours"
    }

    /// The votes of `rows` and where they come from: the raters when at least one row has two ratings,
    /// else the nearest real rows' labels when they were found; `nil` otherwise.
    static func votes(_ rows: RowSubset) -> (table: VoteTable, method: Method)? {
        let annotated = VoteTable(annotations: rows.annotations)
        if !annotated.pairableUnits.isEmpty { return (annotated, .annotations) }
        if let neighbours = rows.neighbourLabels { return (VoteTable(annotations: neighbours), .realNeighbours) }
        return nil
    }

    static let noVotes =
        "no raters (--annotators-field) and no labelled real dataset to estimate from (give one with --real)"

    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue] {
        guard let (table, method) = Self.votes(context.rows) else {
            return Dictionary(uniqueKeysWithValues: requested.map { ($0, .unavailable(reason: Self.noVotes)) })
        }
        let shares = InstanceSubjectivity.perUnit(table).compactMap { $0?.minorityShare }
        var values: [MetricID: MetricValue] = [:]
        for id in requested {
            guard !shares.isEmpty else {
                values[id] = .unavailable(reason: "no row has two or more votes")
                continue
            }
            switch id {
            case .instanceSubjectivityMean:
                values[id] = .number(ExactSum.fsum(shares) / Double(shares.count))
            case .highlySubjectiveRate:
                let high = shares.lazy.filter { $0 >= Self.highlySubjectiveThreshold - 1e-12 }.count
                values[id] = .number(Double(high) / Double(shares.count))
            default:
                values[id] = Self.taskSubjectivity(table, method: method, shares: shares)
            }
        }
        return values
    }

    /// 1 − α with raters; the mean estimated instance subjectivity without.
    static func taskSubjectivity(_ table: VoteTable, method: Method, shares: [Double]) -> MetricValue {
        switch method {
        case .annotations:
            do {
                return .number(1 - (try InterRaterAgreement.krippendorffAlpha(table)))
            } catch {
                return .unavailable(reason: error.reason)
            }
        case .realNeighbours:
            return .number(ExactSum.fsum(shares) / Double(shares.count))
        }
    }
}
