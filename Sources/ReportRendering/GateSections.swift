import AuditModel

/// How the Markdown and HTML reports show a gate's outcome at their top.
extension GateReport {
    /// The verdict's icon: ✅, ⚠️ or ❌.
    var verdictIcon: String {
        switch verdict {
        case .passed: "✅"
        case .passedWithWarnings: "⚠️"
        case .failed: "❌"
        }
    }

    /// The one-line verdict under the Markdown title, e.g. `❌ **Gate failed**: 2 failed, 1 warning, 5 passed.`
    func markdownVerdictLine() -> String {
        let warned = count(.warned)
        var counts = [
            "\(count(.failed)) failed", warned == 1 ? "1 warning" : "\(warned) warnings", "\(count(.passed)) passed",
        ]
        if count(.skipped) > 0 { counts.append("\(count(.skipped)) skipped") }
        if let notFit = notFitWords { counts.append(notFit) }
        return "\(verdictIcon) **Gate \(verdict.rawValue)**: " + counts.joined(separator: ", ") + "."
    }

    /// `1 dataset not fit` / `2 datasets not fit`, or `nil` when every dataset is fit (with or without warnings).
    var notFitWords: String? {
        let count = datasetVerdict?.datasets.filter { $0.level == .notFit }.count ?? 0
        guard count > 0 else { return nil }
        return count == 1 ? "1 dataset not fit" : "\(count) datasets not fit"
    }

    /// The gate's Markdown table, failures first, then warnings, passes and skipped checks (rule order
    /// within each).
    func markdownTable() -> [String] {
        var lines = [
            "## Gate", "", "| | rule | metric | dataset | observed | bound | message |",
            "|:---:|---|---|---|---:|---|---|",
        ]
        let order: [GateCheck.Outcome] = [.failed, .warned, .passed, .skipped]
        for outcome in order {
            for check in checks where check.outcome == outcome {
                let target =
                    MarkdownReport.escape(check.dataset) + (check.label.map { " [\(MarkdownReport.escape($0))]" } ?? "")
                let observed = check.observed.map { SummaryTable.fixed($0, decimals: 4) } ?? "–"
                let cells = [
                    "\(Self.icon(outcome)) \(Self.word(outcome))", MarkdownReport.escape(check.rule),
                    MarkdownReport.escape(check.metric.rawValue), target, observed, MarkdownReport.escape(check.bound),
                    MarkdownReport.escape(check.message, limit: MarkdownReport.textLimit),
                ]
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
        }
        if checks.isEmpty { lines.append("| | no checks | | | | | |") }
        lines.append("")
        return lines
    }

    /// The gate's HTML section: the verdict and one row per check, in rule order.
    func htmlSection() -> String {
        let verdictClass = verdict == .failed ? "worse" : verdict == .passed ? "better" : ""
        var html =
            "<section id=\"gate\"><h2>Gate: <span class=\"\(verdictClass)\">\(HTMLEscaping.escape(verdict.rawValue))</span></h2>"
            + "<table><tr><th>rule</th><th>dataset</th><th>outcome</th><th>value</th><th>message</th></tr>"
        for check in checks {
            let rowClass = check.outcome == .failed ? " class=\"worse\"" : ""
            html +=
                "<tr\(rowClass)><td class=\"text\">\(HTMLEscaping.escape(check.rule))</td>"
                + "<td class=\"text\">\(HTMLEscaping.escape(check.target))</td>"
                + "<td>\(HTMLEscaping.escape(check.outcome.rawValue))</td>"
                + "<td>\(check.observed.map { SummaryTable.fixed($0, decimals: 4) } ?? "–")</td>"
                + "<td class=\"text\">\(HTMLEscaping.escape(check.message))</td></tr>"
        }
        return html + "</table></section>\n"
    }

    /// The icon of a check's outcome in the Markdown table.
    private static func icon(_ outcome: GateCheck.Outcome) -> String {
        switch outcome {
        case .passed: "✅"
        case .failed: "❌"
        case .warned: "⚠️"
        case .skipped: "⏭️"
        }
    }

    /// The word of a check's outcome in the Markdown table.
    private static func word(_ outcome: GateCheck.Outcome) -> String {
        switch outcome {
        case .passed: "pass"
        case .failed: "fail"
        case .warned: "warn"
        case .skipped: "skipped"
        }
    }
}
