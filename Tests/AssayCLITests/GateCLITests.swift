import AssayTestSupport
import Foundation
import Testing

/// `assay gate` end to end on the fixtures and the sample configuration.
@Suite("assay gate")
struct GateCLITests {
    static let common = ["gate", "--config", "Fixtures/gate/assay.yml", "--no-cache", "--real", "Fixtures/real.jsonl"]

    @Test func passingDatasetsExitZero() throws {
        let outcome = try AssayProcess.run(Self.common + ["Fixtures/gen_diverse.jsonl"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        // The verdict first: the fixtures' real classifier is at chance, and gen_diverse's lengths differ.
        #expect(outcome.standardOutput.hasPrefix("verdict: FIT WITH WARNINGS (thresholds: defaults;"))
        #expect(
            outcome.standardOutput.contains("\ngate passed with warnings: 0 failed, 0 warnings, 11 passed, 0 skipped\n")
        )
    }

    @Test func aFailingRuleExitsOneAndWritesJUnitAndMarkdown() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-gate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let junit = folder.appendingPathComponent("gate.xml")
        let markdown = folder.appendingPathComponent("gate.md")
        let outcome = try AssayProcess.run(
            Self.common + [
                "Fixtures/gen_diverse.jsonl", "Fixtures/gen_templated.jsonl", "--junit", junit.path,
                "--markdown", markdown.path,
            ],
            environment: ["GITHUB_ACTIONS": "true"])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput.hasPrefix("verdict: NOT FIT (thresholds: defaults;"))
        #expect(
            outcome.standardOutput.contains(
                "\ngate failed: 7 failed, 1 warnings, 14 passed, 1 skipped, 1 dataset not fit\n"))
        #expect(
            outcome.standardOutput.contains(
                "::error title=assay verdict%3A gen_templated not fit::exact_duplicate_rate "))
        #expect(
            outcome.standardOutput.contains(
                "::error file=Fixtures/gate/assay.yml,line=4,title=assay gate%3A no template collapse::gen_templated: 0.8215 is above the maximum 0.3\n"
            ))
        #expect(outcome.standardOutput.contains("::warning file=Fixtures/gate/assay.yml,line=11,"))
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains("tests=\"25\" failures=\"8\""))  // 23 checks and 2 verdicts, one not fit
        let summary = try String(contentsOf: markdown, encoding: .utf8)
        #expect(summary.hasPrefix("# Assay audit\n\n## Verdict: ❌ not fit\n"))
        #expect(summary.contains("\n❌ **Gate failed**: 7 failed, 1 warning"))
        #expect(summary.contains("## Gate") && summary.contains("## Leaderboard"))
    }

    /// The main job's gate outputs in Reports/ are what the CLI produces now, byte for byte (the gate's
    /// metrics are lexical or counts, so they do not depend on the CPU's float32 kernels).
    @Test func reproducesTheCommittedGateOutputsByteForByte() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-gate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try AssayProcess.run(
            Self.common + [
                "Fixtures/gen_diverse.jsonl", "Fixtures/gen_templated.jsonl", "Fixtures/gen_short.csv", "--quiet",
                "--markdown", folder.appendingPathComponent("fixtures-gate.md").path,
                "--junit", folder.appendingPathComponent("fixtures-gate.xml").path,
                "--gate-json", folder.appendingPathComponent("fixtures-gate.json").path,
            ],
            environment: ["GITHUB_ACTIONS": "false"])
        #expect(outcome.status == 1, "\(outcome.standardError)")
        #expect(outcome.standardOutput.isEmpty)
        for file in ["fixtures-gate.md", "fixtures-gate.xml", "fixtures-gate.json"] {
            let produced = try Data(contentsOf: folder.appendingPathComponent(file))
            let committed = try Data(contentsOf: RepositoryPaths.root.appendingPathComponent("Reports/" + file))
            #expect(produced == committed, "Reports/\(file) is stale: run bash scripts/audit-fixtures.sh")
        }
    }

    @Test func withoutGitHubActionsThereAreNoAnnotations() throws {
        let outcome = try AssayProcess.run(
            Self.common + ["Fixtures/gen_templated.jsonl"], environment: ["GITHUB_ACTIONS": "false"])
        #expect(outcome.status == 1)
        #expect(!outcome.standardOutput.contains("::error"))
    }

    @Test(
        arguments: [
            (
                "Fixtures/gate/unknown_metric.yml",
                "error: Fixtures/gate/unknown_metric.yml:4: unknown metric 'self_bleu4'; did you mean self_bleu_4, self_bleu_2, self_bleu_3?\n"
            ),
            (
                "Fixtures/gate/malformed.yml",
                "error: Fixtures/gate/malformed.yml:4: invalid yaml: did not find expected ',' or ']'\n"
            ),
            (
                "Fixtures/gate/no_bound.yml",
                "error: Fixtures/gate/no_bound.yml:2: rule for distinct_2 has no bound: give min, max, min_ratio_to_real, max_ratio_to_real or max_regression\n"
            ),
            ("Fixtures/gate/missing.yml", "error: Fixtures/gate/missing.yml: cannot read the gate configuration\n"),
        ] as [(String, String)])
    func badConfigurationsExitTwo(config: String, message: String) throws {
        let outcome = try AssayProcess.run(["gate", "--config", config, "Fixtures/gen_diverse.jsonl"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError == message)
    }

    /// `--baseline` takes an `assay audit --json` result; `max_regression` fails only in the bad direction.
    @Test func baselineRegressionFailsOnlyWhenQualityDrops() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-gate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("regression.yml")
        try "gates:\n  - metric: distinct_2\n    max_regression: 0.01\n".write(
            to: config, atomically: true, encoding: .utf8)
        func audit(_ path: String, to file: URL) throws {
            let outcome = try AssayProcess.run(
                ["audit", "--no-cache", "--quiet", "--metrics", "distinct_2", "gen=\(path)", "--json", file.path])
            #expect(outcome.status == 0, "\(outcome.standardError)")
        }
        let diverse = folder.appendingPathComponent("diverse.json")
        let templated = folder.appendingPathComponent("templated.json")
        try audit("Fixtures/gen_diverse.jsonl", to: diverse)
        try audit("Fixtures/gen_templated.jsonl", to: templated)
        let gateJSON = folder.appendingPathComponent("gate.json")

        let worse = try AssayProcess.run(
            [
                "gate", "--config", config.path, "--no-cache", "gen=Fixtures/gen_templated.jsonl", "--baseline",
                diverse.path,
                "--gate-json", gateJSON.path,
            ])
        #expect(worse.status == 1, "\(worse.standardError)")
        #expect(worse.standardOutput.contains("\ngate failed: 1 failed"))
        let written = try String(contentsOf: gateJSON, encoding: .utf8)
        #expect(written.contains("\"verdict\" : \"failed\"") && written.contains("\"exit_code\" : 1"))

        let better = try AssayProcess.run(
            [
                "gate", "--config", config.path, "--no-cache", "gen=Fixtures/gen_diverse.jsonl", "--baseline",
                templated.path,
            ])
        #expect(better.status == 0, "\(better.standardError)")
        #expect(better.standardOutput.contains("\ngate passed: 0 failed, 0 warnings, 1 passed"))
    }

    /// Without a configuration the gate checks the verdict's default thresholds: not fit exits 1.
    @Test func theZeroConfigurationGateFailsOnlyANotFitDataset() throws {
        let common = ["gate", "--no-cache", "--real", "Fixtures/real.jsonl"]
        let templated = try AssayProcess.run(common + ["Fixtures/gen_templated.jsonl"])
        #expect(templated.status == 1, "\(templated.standardError)")
        #expect(templated.standardOutput.hasPrefix("verdict: NOT FIT (thresholds: defaults; see Metrics/verdict.md)\n"))
        #expect(
            templated.standardOutput.contains(
                "\ngate failed: 0 failed, 0 warnings, 0 passed, 0 skipped, 1 dataset not fit\n"))
        let diverse = try AssayProcess.run(common + ["Fixtures/gen_diverse.jsonl"])
        #expect(diverse.status == 0, "\(diverse.standardError)")
        #expect(diverse.standardOutput.hasPrefix("verdict: FIT WITH WARNINGS"))
    }

    /// `verdict:` in a configuration moves the thresholds, for the gate and for `assay audit --config`.
    @Test func aVerdictSectionChangesTheThresholds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-gate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("lenient.yml")
        try """
        verdict:
          exact_duplicate_rate: off
          near_duplicate_rate: off
          self_bleu_4: {warn: 0.9, not_fit: off}
        """.write(to: config, atomically: true, encoding: .utf8)
        let gate = try AssayProcess.run(
            [
                "gate", "--config", config.path, "--no-cache", "--real", "Fixtures/real.jsonl",
                "Fixtures/gen_templated.jsonl",
            ])
        #expect(gate.status == 0, "\(gate.standardError)")
        #expect(
            gate.standardOutput.hasPrefix(
                "verdict: FIT WITH WARNINGS (thresholds: defaults, changed by \(config.path);"))
        let json = folder.appendingPathComponent("audit.json")
        let audit = try AssayProcess.run(
            [
                "audit", "--config", config.path, "--no-cache", "--quiet", "--metrics",
                "exact_duplicate_rate,self_bleu_4",
                "--real", "Fixtures/real.jsonl", "Fixtures/gen_templated.jsonl", "--json", json.path,
            ])
        #expect(audit.status == 0, "\(audit.standardError)")
        let written = try String(contentsOf: json, encoding: .utf8)
        #expect(written.hasPrefix("{\n  \"verdict\" : {"))
        #expect(written.contains("\"overall\" : \"fit\""))
        let bad = folder.appendingPathComponent("bad.yml")
        try "verdict:\n  self_bleu4: off\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try AssayProcess.run([
            "audit", "--config", bad.path, "--no-cache", "Fixtures/gen_templated.jsonl",
        ])
        #expect(refused.status == 2)
        #expect(refused.standardError.hasPrefix("error: \(bad.path):2: unknown metric 'self_bleu4' in 'verdict'"))
    }
}
