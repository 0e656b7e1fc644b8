import AuditModel

/// A plain-text table for the terminal: one row per metric, one column per dataset (real first),
/// with the direction that is better.
public enum SummaryTable {
    /// Why `tstr_ratio` has no value although utility was measured: the classifier trained on the real data
    /// does no better than chance (the reason in words, as the result carries it); `nil` otherwise.
    static func unmeasurableRatio(_ result: AuditResult) -> String? {
        for dataset in result.datasets where dataset.metrics[SectionMetrics.trtrMacroF1]?.number != nil {
            switch dataset.metrics[SectionMetrics.tstrRatio]?.skipReason {
            case .realClassifierAtChance?: return dataset.metrics[SectionMetrics.tstrRatio]?.reasonText
            case .recorded(let words)? where words.hasPrefix("not measurable"): return words
            default: continue
            }
        }
        return nil
    }

    /// The table, ending with a newline.
    public static func render(_ result: AuditResult, wording: any SkipReasonWording = PlainWording()) -> String {
        let result = result.wordingReasons(with: wording)
        let datasets = result.datasets
        var header = ["metric", "better"]
        header += datasets.map { $0.role == .real && $0.name != "real" ? "\($0.name) (real)" : $0.name }
        var rows: [[String]] = [header]
        rows.append(["rows", ""] + datasets.map { String($0.rows) })
        for id in shownMetrics(result) {
            let descriptor = result.descriptor(id)
            rows.append(
                [id.rawValue, arrow(descriptor.direction)]
                    + datasets.map { dataset in
                        if comparesWithItself(result, dataset, id) { return "-" }
                        let sampled = ShardMergeText.isSampled(dataset, id) && dataset.metrics[id]?.number != nil
                        return format(dataset.metrics[id]) + (sampled ? " " + ShardMergeText.sampleMark : "")
                    })
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines: [String] = []
        for (index, row) in rows.enumerated() {
            let cells = row.enumerated().map { column, cell in
                column == 0 ? pad(cell, widths[column], left: true) : pad(cell, widths[column], left: false)
            }
            lines.append(cells.joined(separator: "  "))
            if index == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        var text = result.verdict.map { VerdictText.plain($0) + "\n" } ?? ""
        text += lines.joined(separator: "\n") + "\n"
        let notes = unavailableNotes(result) + result.datasets.compactMap(ShardMergeText.note)
        if !notes.isEmpty { text += "\n" + notes.joined(separator: "\n") + "\n" }
        return text
    }

    /// Whether `id` compares a dataset with the real one and `dataset` is the real one: shown as `-`.
    static func comparesWithItself(_ result: AuditResult, _ dataset: DatasetResult, _ id: MetricID) -> Bool {
        dataset.role == .real && result.descriptor(id).dimension == .memorisation
    }

    /// The selected metrics that have a value on at least one dataset; the others appear only in the
    /// notes on why they have none, so a metric that does not apply to the data takes no room.
    public static func shownMetrics(_ result: AuditResult) -> [MetricID] {
        result.configuration.metrics.filter { id in result.datasets.contains { $0.metrics[id]?.number != nil } }
    }

    /// A metric value with four decimals, or `n/a`.
    static func format(_ value: MetricValue?) -> String {
        guard let value else { return "" }
        guard let number = value.number else { return "n/a" }
        return fixed(number, decimals: 4)
    }

    /// `number` rounded to `decimals` places, without Foundation's locale-dependent formatting.
    static func fixed(_ number: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(number) * scale).rounded()
        guard scaled < 9e15 else { return String(number) }
        let integer = Int(scaled)
        let whole = integer / Int(scale)
        let fraction = String(integer % Int(scale))
        let sign = number < 0 && integer != 0 ? "-" : ""
        return "\(sign)\(whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    private static func arrow(_ direction: MetricDescriptor.Direction) -> String {
        switch direction {
        case .higherIsBetter: "higher"
        case .lowerIsBetter: "lower"
        case .closerToRealIsBetter: "~real"
        }
    }

    private static func pad(_ text: String, _ width: Int, left: Bool) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return left ? text + padding : padding + text
    }

    /// One note per reason: the metrics it applies to, and the datasets unless it is every dataset.
    private static func unavailableNotes(_ result: AuditResult) -> [String] {
        unavailableGroups(result).map { group in
            let scope = group.everyDataset ? "" : " (\(group.datasets.joined(separator: ", ")))"
            return "n/a: \(group.metrics.joined(separator: ", "))\(scope): \(group.reason)"
        }
    }

    /// The missing values grouped by reason, in metric order: the metrics and datasets each reason
    /// applies to, and whether that is every dataset (of two or more).
    static func unavailableGroups(_ result: AuditResult)
        -> [(reason: String, metrics: [String], datasets: [String], everyDataset: Bool)]
    {
        var groups: [(reason: String, metrics: [String], datasets: [String])] = []
        for id in result.configuration.metrics {
            for dataset in result.datasets where !comparesWithItself(result, dataset, id) {
                guard let reason = dataset.metrics[id]?.reasonText else { continue }
                if let index = groups.firstIndex(where: { $0.reason == reason }) {
                    if !groups[index].metrics.contains(id.rawValue) { groups[index].metrics.append(id.rawValue) }
                    if !groups[index].datasets.contains(dataset.name) { groups[index].datasets.append(dataset.name) }
                } else {
                    groups.append((reason, [id.rawValue], [dataset.name]))
                }
            }
        }
        return groups.map { group in
            (
                group.reason, group.metrics, group.datasets,
                group.datasets.count == result.datasets.count && result.datasets.count > 1
            )
        }
    }
}
