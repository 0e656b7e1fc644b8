import AuditModel

/// How every output shows the verdict, first: plain text for the terminal, Markdown and HTML.
public enum VerdictText {
    /// The verdict's word in capitals for the terminal: `FIT`, `FIT WITH WARNINGS`, `NOT FIT`.
    static func shout(_ level: VerdictLevel) -> String { level.words.uppercased() }

    /// ✅, ⚠️ or ❌.
    static func icon(_ level: VerdictLevel) -> String {
        switch level {
        case .fit: "✅"
        case .fitWithWarnings: "⚠️"
        case .notFit: "❌"
        }
    }

    /// The names of the metrics not checked, and why when every one has the same reason.
    static func uncheckedLine(_ verdict: DatasetVerdict) -> String? {
        guard !verdict.unchecked.isEmpty else { return nil }
        let names = verdict.unchecked.map(\.metric.rawValue).joined(separator: ", ")
        return "not checked (\(verdict.checked) of \(verdict.checked + verdict.unchecked.count) checks made): \(names)"
    }

    /// Plain text for the terminal, ending with a newline: the overall verdict, then each dataset's with
    /// its reasons and what to do.
    public static func plain(_ verdict: AuditVerdict) -> String {
        var lines = ["verdict: \(shout(verdict.overall)) (thresholds: \(verdict.policy); see Metrics/verdict.md)"]
        for dataset in verdict.datasets {
            lines.append("  \(dataset.dataset): \(shout(dataset.level))")
            for reason in dataset.reasons {
                let mark = reason.level == .notFit ? "x" : "!"
                lines.append("    \(mark) \(reason.message)")
                lines.append("      -> \(reason.advice)")
            }
            if let unchecked = uncheckedLine(dataset) { lines.append("    \(unchecked)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Markdown: a heading, one line per dataset, and its reasons as a list.
    public static func markdown(_ verdict: AuditVerdict) -> [String] {
        var lines = ["## Verdict: \(icon(verdict.overall)) \(verdict.overall.words)", ""]
        for dataset in verdict.datasets {
            lines.append(
                "- \(icon(dataset.level)) **\(MarkdownReport.escape(dataset.dataset))**: \(dataset.level.words)"
                    + (dataset.reasons.isEmpty ? " (\(dataset.checked) checks passed)" : ""))
            for reason in dataset.reasons {
                lines.append(
                    "  - \(icon(reason.level)) \(MarkdownReport.escape(reason.message)). "
                        + "**Do:** \(MarkdownReport.escape(reason.advice)).")
            }
            if let unchecked = uncheckedLine(dataset) { lines.append("  - \(MarkdownReport.escape(unchecked))") }
        }
        lines += [
            "",
            "Thresholds: \(MarkdownReport.escape(verdict.policy)) ([how the verdict is decided](Metrics/verdict.md)); "
                + "a not-fit threshold counts only when the value's whole 95 % interval is past it.",
            "",
        ]
        return lines
    }

    /// HTML: a section with one card per dataset.
    public static func html(_ verdict: AuditVerdict) -> String {
        func levelClass(_ level: VerdictLevel) -> String {
            switch level {
            case .fit: "better"
            case .fitWithWarnings: "warn"
            case .notFit: "worse"
            }
        }
        var html =
            "<section id=\"verdict\"><h2>Verdict: <span class=\"\(levelClass(verdict.overall))\">"
            + "\(HTMLEscaping.escape(verdict.overall.words))</span></h2><div class=\"cards\">"
        for dataset in verdict.datasets {
            html +=
                "<div class=\"card verdict\"><h3>\(HTMLEscaping.escape(dataset.dataset)): "
                + "<span class=\"\(levelClass(dataset.level))\">\(HTMLEscaping.escape(dataset.level.words))</span></h3>"
            if dataset.reasons.isEmpty {
                html += "<p>\(dataset.checked) checks passed.</p>"
            } else {
                html += "<ul>"
                for reason in dataset.reasons {
                    html +=
                        "<li class=\"\(levelClass(reason.level))\">\(HTMLEscaping.escape(reason.message)).<br>"
                        + "<strong>Do:</strong> \(HTMLEscaping.escape(reason.advice)).</li>"
                }
                html += "</ul>"
            }
            if let unchecked = uncheckedLine(dataset) {
                html += "<p class=\"muted\">\(HTMLEscaping.escape(unchecked))</p>"
            }
            html += "</div>"
        }
        return html
            + "</div><p class=\"muted\">Thresholds: \(HTMLEscaping.escape(verdict.policy)); a not-fit threshold "
            + "counts only when the value's whole 95 % interval is past it.</p></section>\n"
    }
}
