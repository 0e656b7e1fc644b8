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
        #expect(outcome.standardOutput.hasPrefix("gate passed: 0 failed, 0 warnings, 11 passed, 0 skipped\n"))
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
        #expect(outcome.standardOutput.hasPrefix("gate failed: 7 failed, 1 warnings, 14 passed, 1 skipped\n"))
        #expect(
            outcome.standardOutput.contains(
                "::error file=Fixtures/gate/assay.yml,line=4,title=assay gate%3A no template collapse::gen_templated: 0.8215 is above the maximum 0.3\n"
            ))
        #expect(outcome.standardOutput.contains("::warning file=Fixtures/gate/assay.yml,line=11,"))
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains("tests=\"23\" failures=\"7\""))
        let summary = try String(contentsOf: markdown, encoding: .utf8)
        #expect(summary.hasPrefix("# Assay audit\n\n❌ **Gate failed**: 7 failed, 1 warning"))
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
        #expect(worse.standardOutput.hasPrefix("gate failed: 1 failed"))
        let written = try String(contentsOf: gateJSON, encoding: .utf8)
        #expect(written.contains("\"verdict\" : \"failed\"") && written.contains("\"exit_code\" : 1"))

        let better = try AssayProcess.run(
            [
                "gate", "--config", config.path, "--no-cache", "gen=Fixtures/gen_diverse.jsonl", "--baseline",
                templated.path,
            ])
        #expect(better.status == 0, "\(better.standardError)")
        #expect(better.standardOutput.hasPrefix("gate passed: 0 failed, 0 warnings, 1 passed"))
    }
}
