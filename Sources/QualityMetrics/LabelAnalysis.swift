import DatasetIO
import LabelAgreement

/// What the label metrics add to a whole dataset's result beyond their numbers: bootstrap confidence
/// intervals of the agreement and task-subjectivity metrics, and the most ambiguous rows.
enum LabelAnalysis {
    /// Intervals for the selected metrics among `krippendorff_alpha`, `fleiss_kappa` (resampling the rows
    /// with two or more votes), `cohen_kappa` (the rows with both labels) and `subjectivity_task`, and the
    /// subjectivity details.
    ///
    /// - Complexity: O(B·N·K) for B resamples, N rows and K labels.
    static func analyse(
        _ rows: RowSubset, dataset: Dataset, realLabels: [String?]?, configuration: AuditConfiguration
    ) -> (
        intervals: [MetricID: ConfidenceInterval], subjectivity: SubjectivityDetails?, perRow: [InstanceSubjectivity?]
    ) {
        let metrics = Set(configuration.metrics)
        var intervals: [MetricID: ConfidenceInterval] = [:]
        let annotated = VoteTable(annotations: rows.annotations)
        let raters = annotated.pairableUnits
        if !raters.isEmpty {
            for id in [MetricID.krippendorffAlpha, .fleissKappa] where metrics.contains(id) {
                guard AgreementMetric.value(id, annotated).number != nil else { continue }
                intervals[id] = interval(itemCount: raters.count, configuration) { sample in
                    AgreementMetric.value(id, annotated.resampled(sample.map { raters[$0] })).number
                }
            }
        }
        let compared = rows.comparedLabels
        if metrics.contains(.cohenKappa), compared.count == 2, AgreementMetric.cohenKappa(compared).number != nil {
            let both = compared[0].indices.filter { compared[0][$0] != nil && compared[1][$0] != nil }
            intervals[.cohenKappa] = interval(itemCount: both.count, configuration) { sample in
                AgreementMetric.cohenKappa([sample.map { compared[0][both[$0]] }, sample.map { compared[1][both[$0]] }])
                    .number
            }
        }
        let method = SubjectivityMetric.auditMethod(rows)
        guard case .success(let table) = SubjectivityMetric.votes(rows, method) else { return (intervals, nil, []) }
        let perUnit = InstanceSubjectivity.perUnit(table)
        let rated = perUnit.indices.filter { perUnit[$0] != nil }
        if metrics.contains(.subjectivityTask), !rated.isEmpty {
            switch method {
            case .annotations:
                if let alpha = intervals[.krippendorffAlpha] {
                    intervals[.subjectivityTask] = ConfidenceInterval(
                        lower: 1 - alpha.upper, upper: 1 - alpha.lower, level: alpha.level, resamples: alpha.resamples,
                        validResamples: alpha.validResamples, seed: alpha.seed)
                }
            case .realNeighbours:
                let shares = rated.map { perUnit[$0]?.minorityShare ?? 0 }
                intervals[.subjectivityTask] = interval(itemCount: shares.count, configuration) { sample in
                    ExactSum.fsum(sample.lazy.map { shares[$0] }) / Double(sample.count)
                }
            }
        }
        guard metrics.contains(where: SubjectivityMetric.ids.contains) else { return (intervals, nil, perUnit) }
        var ordered = rated
        ordered.sort { a, b in
            let x = (perUnit[a]?.minorityShare ?? 0, perUnit[a]?.voteEntropy ?? 0)
            let y = (perUnit[b]?.minorityShare ?? 0, perUnit[b]?.voteEntropy ?? 0)
            if x.0 != y.0 { return x.0 > y.0 }
            if x.1 != y.1 { return x.1 > y.1 }
            return a < b
        }
        let ambiguous = ordered.prefix(configuration.listLimit).compactMap { row -> AmbiguousRow? in
            guard let value = perUnit[row], value.minorityShare > 0 else { return nil }
            var votes: [String: Int] = [:]
            for (category, count) in zip(table.categories, table.votes(ofUnit: row)) where count > 0 {
                votes[category] = count
            }
            return AmbiguousRow(
                row: row, text: dataset.texts[row], label: dataset.labels[row], votes: votes,
                subjectivity: EmbeddingStage.rounded(value.minorityShare, places: 6),
                voteEntropy: EmbeddingStage.rounded(value.voteEntropy, places: 6))
        }
        let details = SubjectivityDetails(
            method: method.rawValue,
            neighbours: method == .realNeighbours ? AuditConfiguration.subjectivityNeighbours : nil,
            chanceLevel: method == .realNeighbours ? realLabels.flatMap(chanceLevel) : nil,
            highlySubjectiveThreshold: SubjectivityMetric.highlySubjectiveThreshold, ratedRows: rated.count,
            mostAmbiguous: ambiguous)
        return (intervals, details, perUnit)
    }

    /// 1 − the share of the most frequent label among the labelled rows, rounded to 6 decimals.
    static func chanceLevel(_ labels: [String?]) -> Double? {
        var counts: [String: Int] = [:]
        for label in labels { if let label { counts[label, default: 0] += 1 } }
        let total = counts.values.reduce(0, +)
        guard total > 0, let top = counts.values.max() else { return nil }
        return EmbeddingStage.rounded(1 - Double(top) / Double(total), places: 6)
    }

    private static func interval(
        itemCount: Int, _ configuration: AuditConfiguration, statistic: ([Int]) -> Double?
    ) -> ConfidenceInterval? {
        BootstrapInterval.percentile(
            itemCount: itemCount, resamples: configuration.bootstrapResamples, seed: configuration.seed,
            statistic: statistic
        ).map {
            ConfidenceInterval(
                lower: $0.lower, upper: $0.upper, level: $0.level, resamples: $0.resamples,
                validResamples: $0.validResamples, seed: $0.seed)
        }
    }
}
