import AuditModel

/// The gate's outputs for people and CI systems: a terminal table, JUnit XML, GitHub Actions annotations
/// and JSON. All pure functions of a ``AuditModel/GateReport``; the Markdown and HTML reports show the same
/// report at their top.
public enum GateRenderers {
    /// A plain-text summary: the verdict, then one line per check.
    public static func summary(_ report: GateReport) -> String {
        var lines = report.datasetVerdict.map { [VerdictText.plain($0)] } ?? []
        lines += [
            "gate \(report.verdict.rawValue): \(count(report, .failed)) failed, \(count(report, .warned)) warnings, "
                + "\(count(report, .passed)) passed, \(count(report, .skipped)) skipped"
                + (report.notFitWords.map { ", \($0)" } ?? "")
        ]
        for check in report.checks {
            let target = check.dataset + (check.label.map { " [\($0)]" } ?? "")
            lines.append("  \(check.outcome.rawValue.uppercased())  \(check.rule) — \(target): \(check.message)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func count(_ report: GateReport, _ outcome: GateCheck.Outcome) -> Int {
        report.count(outcome)
    }

    /// JUnit XML: one test suite, one test case per check (`classname` the dataset, `name` the rule and
    /// label), a `<failure>` for failed checks, `<skipped>` for skipped ones, warnings in `<system-out>`.
    public static func junit(_ report: GateReport) -> String {
        let verdicts = report.datasetVerdict?.datasets ?? []
        let tests = report.checks.count + verdicts.count
        let failures = count(report, .failed) + verdicts.filter { $0.level == .notFit }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml +=
            "<testsuites name=\"assay gate\" tests=\"\(tests)\" failures=\"\(failures)\""
            + " skipped=\"\(count(report, .skipped))\">\n"
        xml +=
            "  <testsuite name=\"assay gate\" tests=\"\(tests)\" failures=\"\(failures)\""
            + " errors=\"0\" skipped=\"\(count(report, .skipped))\">\n"
        for dataset in report.datasetVerdict?.datasets ?? [] {
            xml += "    <testcase classname=\"\(xmlEscape(dataset.dataset))\" name=\"verdict\">"
            let messages = dataset.reasons.map { "\($0.message); do: \($0.advice)" }.joined(separator: "\n")
            switch dataset.level {
            case .notFit:
                xml +=
                    "<failure message=\"not fit\" type=\"verdict\">\(xmlEscape(messages))</failure>"
            case .fitWithWarnings: xml += "<system-out>fit with warnings: \(xmlEscape(messages))</system-out>"
            case .fit: break
            }
            xml += "</testcase>\n"
        }
        for check in report.checks {
            let name = check.rule + (check.label.map { " [\($0)]" } ?? "")
            xml += "    <testcase classname=\"\(xmlEscape(check.dataset))\" name=\"\(xmlEscape(name))\">"
            switch check.outcome {
            case .failed:
                xml +=
                    "<failure message=\"\(xmlEscape(check.message))\" type=\"\(check.metric.rawValue)\">"
                    + "\(xmlEscape(check.message))</failure>"
            case .skipped: xml += "<skipped message=\"\(xmlEscape(check.message))\"/>"
            case .warned: xml += "<system-out>warning: \(xmlEscape(check.message))</system-out>"
            case .passed: break
            }
            xml += "</testcase>\n"
        }
        return xml + "  </testsuite>\n</testsuites>\n"
    }

    /// `::error` / `::warning` workflow commands: one per reason of each dataset's verdict (error when not
    /// fit), then one per failed and warned check, pointing at the rule's line in the configuration.
    public static func githubAnnotations(_ report: GateReport, configPath: String?) -> String {
        var lines: [String] = []
        for dataset in report.datasetVerdict?.datasets ?? [] {
            for reason in dataset.reasons {
                let command = reason.level == .notFit ? "error" : "warning"
                let title = "assay verdict: \(dataset.dataset) \(dataset.level.words)"
                lines.append(
                    "::\(command) title=\(property(title))::\(data("\(reason.message); do: \(reason.advice)"))")
            }
        }
        guard let configPath else { return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }
        for check in report.checks where check.outcome == .failed || check.outcome == .warned {
            let command = check.outcome == .failed ? "error" : "warning"
            let target = check.dataset + (check.label.map { " [\($0)]" } ?? "")
            lines.append(
                "::\(command) file=\(property(configPath)),line=\(check.line),title=\(property("assay gate: \(check.rule)"))"
                    + "::\(data("\(target): \(check.message)"))")
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// `text` escaped for XML content and attributes; characters XML 1.0 forbids are dropped.
    static func xmlEscape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t": escaped += "&#9;"
            case "\n": escaped += "&#10;"
            case "\r": escaped += "&#13;"
            default:
                let v = scalar.value
                if v < 0x20 || (0xD800...0xDFFF).contains(v) || v == 0xFFFE || v == 0xFFFF { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// GitHub workflow-command message data: `%`, CR and LF escaped.
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// GitHub workflow-command property value: as ``data(_:)`` plus `:` and `,`.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
