/// A quality gate's outcome, as the Markdown report shows it under the title (the report module does
/// not depend on the gate module; the command that ran the gate fills this in).
public struct MarkdownGateSection: Sendable, Equatable {
    /// The gate's overall result.
    public enum Verdict: String, Sendable, Equatable, CaseIterable {
        case passed
        case passedWithWarnings = "passed with warnings"
        case failed

        /// The verdict's icon: ✅, ⚠️ or ❌.
        public var icon: String {
            switch self {
            case .passed: "✅"
            case .passedWithWarnings: "⚠️"
            case .failed: "❌"
            }
        }
    }

    /// What one check came to.
    public enum Outcome: String, Sendable, Equatable, CaseIterable {
        case pass, fail, warn, skipped

        /// The outcome's icon.
        public var icon: String {
            switch self {
            case .pass: "✅"
            case .fail: "❌"
            case .warn: "⚠️"
            case .skipped: "⏭️"
            }
        }
    }

    /// One check: a rule applied to one dataset (and label).
    public struct Row: Sendable, Equatable {
        /// The rule's name, from the user's configuration.
        public var rule: String
        /// The metric's stable id, e.g. `distinct_2`.
        public var metric: String
        /// The dataset checked.
        public var dataset: String
        /// The label, when the check is per label.
        public var label: String?
        /// What the check came to.
        public var outcome: Outcome
        /// The value checked, when there is one.
        public var observed: Double?
        /// The bound, as the user should read it, e.g. `≥ 0.9 × real`.
        public var bound: String
        /// What happened, in one line.
        public var message: String

        /// Creates a row.
        public init(
            rule: String, metric: String, dataset: String, label: String? = nil, outcome: Outcome,
            observed: Double?, bound: String, message: String
        ) {
            self.rule = rule
            self.metric = metric
            self.dataset = dataset
            self.label = label
            self.outcome = outcome
            self.observed = observed
            self.bound = bound
            self.message = message
        }
    }

    /// The overall verdict.
    public var verdict: Verdict
    /// Every check, in rule order.
    public var rows: [Row]

    /// Creates a gate section.
    public init(verdict: Verdict, rows: [Row]) {
        self.verdict = verdict
        self.rows = rows
    }

    /// The one-line verdict under the title, e.g. `❌ **Gate failed**: 2 failed, 1 warning, 5 passed`.
    func verdictLine() -> String {
        let failed = rows.lazy.filter { $0.outcome == .fail }.count
        let warned = rows.lazy.filter { $0.outcome == .warn }.count
        let passed = rows.lazy.filter { $0.outcome == .pass }.count
        let skipped = rows.lazy.filter { $0.outcome == .skipped }.count
        var counts = ["\(failed) failed", warned == 1 ? "1 warning" : "\(warned) warnings", "\(passed) passed"]
        if skipped > 0 { counts.append("\(skipped) skipped") }
        return "\(verdict.icon) **Gate \(verdict.rawValue)**: " + counts.joined(separator: ", ") + "."
    }

    /// The gate's table, failures first, then warnings, passes and skipped checks (rule order within each).
    func table() -> [String] {
        var lines = [
            "## Gate", "", "| | rule | metric | dataset | observed | bound | message |",
            "|:---:|---|---|---|---:|---|---|",
        ]
        let order: [Outcome] = [.fail, .warn, .pass, .skipped]
        for outcome in order {
            for row in rows where row.outcome == outcome {
                let target =
                    MarkdownReport.escape(row.dataset) + (row.label.map { " [\(MarkdownReport.escape($0))]" } ?? "")
                let observed = row.observed.map { SummaryTable.fixed($0, decimals: 4) } ?? "–"
                let cells = [
                    "\(outcome.icon) \(outcome.rawValue)", MarkdownReport.escape(row.rule),
                    MarkdownReport.escape(row.metric), target, observed, MarkdownReport.escape(row.bound),
                    MarkdownReport.escape(row.message, limit: MarkdownReport.textLimit),
                ]
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
        }
        if rows.isEmpty { lines.append("| | no checks | | | | | |") }
        lines.append("")
        return lines
    }
}
