import AuditModel
import Foundation

extension GateRenderers {
    /// The gate report as JSON: `verdict`, `exit_code`, `datasets_verdict` (each synthetic dataset's fit /
    /// fit-with-warnings / not-fit verdict with its reasons, as in the audit JSON's `verdict`) and one object per check with `rule`, `metric`,
    /// `dataset`, `label` (null for the whole dataset), `outcome`, `observed`, `real` (null when absent or
    /// not finite), `message` and `line` (the rule's line in the configuration). Keys are sorted.
    ///
    /// - Complexity: O(checks).
    public static func json(_ report: GateReport) -> String {
        let document = Document(
            verdict: report.verdict.rawValue, exitCode: report.exitCode, datasets: report.datasetVerdict,
            checks: report.checks.map { check in
                Document.Check(
                    rule: check.rule, metric: check.metric.rawValue, dataset: check.dataset, label: check.label,
                    outcome: check.outcome.rawValue, observed: check.observed.flatMap(finite),
                    real: check.real.flatMap(finite), message: check.message, line: check.line)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every value is a string, an integer, a finite double or null, so encoding cannot fail.
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    private struct Document: Encodable {
        struct Check: Encodable {
            let rule: String
            let metric: String
            let dataset: String
            let label: String?
            let outcome: String
            let observed: Double?
            let real: Double?
            let message: String
            let line: Int

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(rule, forKey: .rule)
                try container.encode(metric, forKey: .metric)
                try container.encode(dataset, forKey: .dataset)
                try container.encode(label, forKey: .label)
                try container.encode(outcome, forKey: .outcome)
                try container.encode(observed, forKey: .observed)
                try container.encode(real, forKey: .real)
                try container.encode(message, forKey: .message)
                try container.encode(line, forKey: .line)
            }

            enum CodingKeys: String, CodingKey {
                case rule, metric, dataset, label, outcome, observed, real, message, line
            }
        }

        let verdict: String
        let exitCode: Int32
        let datasets: AuditVerdict?
        let checks: [Check]

        enum CodingKeys: String, CodingKey {
            case verdict, checks
            case exitCode = "exit_code"
            case datasets = "datasets_verdict"
        }
    }
}
