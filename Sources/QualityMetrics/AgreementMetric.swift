import LabelAgreement

/// `krippendorff_alpha`, `fleiss_kappa` and `percent_agreement`: how well the raters of each row agree,
/// from the rows' annotations (``FieldMapping/annotators``).
///
/// - Complexity: O(R + N·K) for R ratings over N rows and K categories.
struct AgreementMetric: MetricFamily {
    let ids: [MetricID] = [.krippendorffAlpha, .fleissKappa, .percentAgreement, .cohenKappa]

    /// Why there is no value when no row has two or more ratings.
    static let noAnnotations = "no row has two or more ratings (per-rater labels are read from --annotators-field)"

    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue] {
        let table = VoteTable(annotations: context.rows.annotations)
        var values: [MetricID: MetricValue] = [:]
        for id in requested {
            if id == .cohenKappa {
                values[id] = Self.cohenKappa(context.rows.comparedLabels)
                continue
            }
            guard !table.pairableUnits.isEmpty else {
                values[id] = .unavailable(reason: Self.noAnnotations)
                continue
            }
            values[id] = Self.value(id, table)
        }
        return values
    }

    static let noComparedLabels = "no label fields to compare (give two with --compare-labels FIELD_A,FIELD_B)"

    /// Cohen's κ between the two compared label columns.
    static func cohenKappa(_ columns: [[String?]]) -> MetricValue {
        guard columns.count == 2 else { return .unavailable(reason: noComparedLabels) }
        do {
            return .number(try InterRaterAgreement.cohenKappa(columns[0], columns[1]))
        } catch {
            return .unavailable(reason: error.reason)
        }
    }

    /// The value of agreement metric `id` on `table`.
    static func value(_ id: MetricID, _ table: VoteTable) -> MetricValue {
        do {
            switch id {
            case .krippendorffAlpha: return .number(try InterRaterAgreement.krippendorffAlpha(table))
            case .fleissKappa: return .number(try InterRaterAgreement.fleissKappa(table))
            default: return .number(try InterRaterAgreement.percentAgreement(table))
            }
        } catch {
            return .unavailable(reason: error.reason)
        }
    }
}
