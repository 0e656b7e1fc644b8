import ArgumentParser
import AuditModel
import Foundation
import QualityGate
import QualityMetrics

/// Where the verdict's thresholds come from: the defaults, or a gate configuration's `verdict:` section.
struct VerdictOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A gate configuration (YAML) whose `verdict:` section changes the verdict's default thresholds "
                + "(its `gates:` rules are checked by `assay gate`).", valueName: "file"))
    var config: String?

    /// The policy: the defaults, changed by the configuration's `verdict:` section when one is given.
    func policy() throws -> VerdictPolicy {
        guard let config else { return .defaults }
        return try Self.read(config).verdict
    }

    /// The gate configuration at `path`.
    ///
    /// - Throws: `UsageFailure` when the file cannot be read, or ``QualityGate/GateConfigurationError``.
    static func read(_ path: String) throws -> GateConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw UsageFailure(description: "\(path): cannot read the gate configuration")
        }
        return try GateConfiguration.parse(text, path: path, catalog: MetricFamilies.catalog)
    }
}

extension AuditResult {
    /// The result with each synthetic dataset's verdict under `policy`, reasons worded for the command line.
    func judged(by policy: VerdictPolicy) -> AuditResult {
        var result = self
        result.verdict = VerdictEvaluator.evaluate(policy, result: self, wording: CommandLineWording())
        return result
    }
}
