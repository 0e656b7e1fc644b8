import AuditModel

/// How the reports show accuracy on the held-out real rows by instance subjectivity.
enum SubjectivityBinsText {
    /// The bins (shared by every dataset: the same held-out rows) and each synthetic dataset's breakdown,
    /// or `nil` when no dataset has one.
    static func table(_ result: AuditResult) -> (
        breakdown: UtilityBySubjectivity, datasets: [(name: String, bins: [SubjectivityBin])]
    )? {
        let entries = result.datasets.compactMap { dataset in
            dataset.labelModel?.utilityBySubjectivity.map { (dataset, $0) }
        }
        guard let first = entries.first?.1 else { return nil }
        let synthetic = entries.filter { $0.0.role == .synthetic }.map { (name: $0.0.name, bins: $0.1.bins) }
        return (first, synthetic)
    }

    /// A bin's range, e.g. `0.2–0.4` or `0` for a single value.
    static func label(_ bin: SubjectivityBin) -> String {
        let lower = SummaryTable.fixed(bin.lower, decimals: 2)
        return bin.lower == bin.upper ? lower : lower + "–" + SummaryTable.fixed(bin.upper, decimals: 2)
    }

    /// Where the subjectivity came from, in words.
    static func source(_ breakdown: UtilityBySubjectivity) -> String {
        breakdown.source == "annotations"
            ? "each held-out row's raters' disagreement (1 − the majority label's share)"
            : "an estimate: the disagreement of each held-out row's nearest labelled real rows (no raters in the real "
                + "data; a weak proxy for human disagreement, see Metrics/subjectivity.md)"
    }

    /// An accuracy with the gap to the real-trained one, e.g. `0.7500 (−0.0625)`.
    static func withGap(_ bin: SubjectivityBin) -> String {
        let gap = bin.gap
        let sign = gap > 0 ? "+" : gap < 0 ? "−" : "±"
        return SummaryTable.fixed(bin.trainedOnThis, decimals: 4) + " (\(sign)"
            + SummaryTable.fixed(abs(gap), decimals: 4) + ")"
    }
}
