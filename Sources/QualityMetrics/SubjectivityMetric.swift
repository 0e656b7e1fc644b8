import LabelAgreement

/// The subjectivity metrics. A row's subjectivity is 1 − the majority label's share of its votes (Li et
/// al. 2023's agreement, inverted); the votes are its raters' labels, or, as an estimate, the labels of
/// its ``AuditConfiguration/subjectivityNeighbours`` nearest labelled real rows in embedding space.
///
/// - `instance_subjectivity_mean`: the mean over rows with two or more raters (raters only);
/// - `estimated_subjectivity_mean`: the mean of the estimate (any dataset, with a labelled real one);
/// - `highly_subjective_rate` and `subjectivity_task` use the raters when every dataset of the audit has
///   them, else the estimate for every dataset, so the values in one report compare like with like:
///   the share of rows at or above ``highlySubjectiveThreshold``, and 1 − Krippendorff's α (raters) or
///   the mean estimate.
///
/// - Complexity: O(N·K) for N rows and K labels (the neighbour search runs once in the engine).
struct SubjectivityMetric: MetricFamily {
    static let ids: [MetricID] = [
        .instanceSubjectivityMean, .estimatedSubjectivityMean, .highlySubjectiveRate, .subjectivityTask,
    ]
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

    static let noRaters = "no row has two or more ratings (per-rater labels are read from --annotators-field)"
    static let noEstimate = "no labelled real dataset to estimate from (give one with --real)"

    /// The votes of `method` for `rows`, or why there are none.
    static func votes(_ rows: RowSubset, _ method: Method) -> Result<VoteTable, UndefinedAgreement> {
        switch method {
        case .annotations:
            let table = VoteTable(annotations: rows.annotations)
            return table.pairableUnits.isEmpty ? .failure(UndefinedAgreement(noRaters)) : .success(table)
        case .realNeighbours:
            guard let neighbours = rows.neighbourLabels else { return .failure(UndefinedAgreement(noEstimate)) }
            return .success(VoteTable(annotations: neighbours))
        }
    }

    /// The method of the audit-level metrics (`highly_subjective_rate`, `subjectivity_task`).
    static func auditMethod(_ rows: RowSubset) -> Method {
        rows.subjectivityFromRaters ? .annotations : .realNeighbours
    }

    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue] {
        var values: [MetricID: MetricValue] = [:]
        for id in requested {
            let method: Method =
                switch id {
                case .instanceSubjectivityMean: .annotations
                case .estimatedSubjectivityMean: .realNeighbours
                default: Self.auditMethod(context.rows)
                }
            switch Self.votes(context.rows, method) {
            case .failure(let error):
                values[id] = .unavailable(reason: error.reason)
            case .success(let table):
                values[id] = Self.value(id, table, method)
            }
        }
        return values
    }

    private static func value(_ id: MetricID, _ table: VoteTable, _ method: Method) -> MetricValue {
        let shares = InstanceSubjectivity.perUnit(table).compactMap { $0?.minorityShare }
        guard !shares.isEmpty else { return .unavailable(reason: "no row has two or more votes") }
        let mean = ExactSum.fsum(shares) / Double(shares.count)
        switch id {
        case .highlySubjectiveRate:
            let high = shares.lazy.filter { $0 >= highlySubjectiveThreshold - 1e-12 }.count
            return .number(Double(high) / Double(shares.count))
        case .subjectivityTask where method == .annotations:
            do {
                return .number(1 - (try InterRaterAgreement.krippendorffAlpha(table)))
            } catch {
                return .unavailable(reason: error.reason)
            }
        default:
            return .number(mean)
        }
    }
}
