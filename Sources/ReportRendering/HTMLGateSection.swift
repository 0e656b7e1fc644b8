/// A gate's outcome, as the HTML report shows it at the top (the report module does not depend on the
/// gate module; the command that ran the gate fills this in).
public struct HTMLGateSection: Sendable, Equatable {
    /// One check.
    public struct Row: Sendable, Equatable {
        /// The rule's name.
        public var rule: String
        /// The dataset, with the label in brackets when the check is per label.
        public var target: String
        /// `passed`, `failed`, `warned` or `skipped`.
        public var outcome: String
        /// The value checked, when there is one.
        public var observed: Double?
        /// What happened, in one line.
        public var message: String

        /// Creates a row.
        public init(rule: String, target: String, outcome: String, observed: Double?, message: String) {
            self.rule = rule
            self.target = target
            self.outcome = outcome
            self.observed = observed
            self.message = message
        }
    }

    /// `passed`, `passed with warnings` or `failed`.
    public var verdict: String
    /// Every check, in rule order.
    public var rows: [Row]

    /// Creates a gate section.
    public init(verdict: String, rows: [Row]) {
        self.verdict = verdict
        self.rows = rows
    }

    /// The section's HTML.
    func render() -> String {
        let cls = verdict == "failed" ? "worse" : verdict == "passed" ? "better" : ""
        var html =
            "<section id=\"gate\"><h2>Gate: <span class=\"\(cls)\">\(HTMLEscaping.escape(verdict))</span></h2>"
            + "<table><tr><th>rule</th><th>dataset</th><th>outcome</th><th>value</th><th>message</th></tr>"
        for row in rows {
            let rowClass = row.outcome == "failed" ? " class=\"worse\"" : ""
            html +=
                "<tr\(rowClass)><td class=\"text\">\(HTMLEscaping.escape(row.rule))</td>"
                + "<td class=\"text\">\(HTMLEscaping.escape(row.target))</td><td>\(HTMLEscaping.escape(row.outcome))</td>"
                + "<td>\(row.observed.map { SummaryTable.fixed($0, decimals: 4) } ?? "–")</td>"
                + "<td class=\"text\">\(HTMLEscaping.escape(row.message))</td></tr>"
        }
        return html + "</table></section>\n"
    }
}
