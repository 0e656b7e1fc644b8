import AssayTestSupport
import Foundation
import Testing

/// End-to-end tests: run the built `assay` binary as a user would.
@Suite("assay command line")
struct AssayCLITests {
    /// A fresh temporary folder for a test's output files.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static let fixtureArguments = [
        "--real", "Fixtures/real.jsonl", "Fixtures/gen_diverse.jsonl", "Fixtures/gen_templated.jsonl",
        "Fixtures/gen_short.csv",
    ]

    @Test func printsItsVersion() throws {
        let outcome = try AssayProcess.run(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "0.1.0\n")
    }

    @Test func listsEveryMetric() throws {
        let outcome = try AssayProcess.run(["metrics"])
        #expect(outcome.status == 0)
        for id in ["distinct_1", "distinct_4", "self_bleu_2", "self_bleu_4", "exact_duplicate_rate", "median_tokens"] {
            #expect(outcome.standardOutput.contains(id + "\t"), "\(id) missing")
        }
    }

    @Test func reproducesTheCommittedReportByteForByte() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("first.json").path
        let second = folder.appendingPathComponent("second.json").path
        let outcome = try AssayProcess.run(["audit"] + Self.fixtureArguments + ["--json", first])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("self_bleu_4"))
        #expect(try AssayProcess.run(["audit", "--quiet"] + Self.fixtureArguments + ["--json", second]).status == 0)
        let produced = try Data(contentsOf: URL(fileURLWithPath: first))
        #expect(produced == (try Data(contentsOf: URL(fileURLWithPath: second))), "two runs differ")
        // OpenBLAS float32 kernels differ between CPU types in the last bits: compare numbers to 1e-6.
        let committed = try Data(
            contentsOf: RepositoryPaths.root.appendingPathComponent("Reports/fixtures-audit.json"))
        let differences = JSONComparison.differences(
            try JSONSerialization.jsonObject(with: produced), try JSONSerialization.jsonObject(with: committed),
            tolerance: 1e-6)
        #expect(
            differences.isEmpty,
            "Reports/fixtures-audit.json is stale (run bash scripts/audit-fixtures.sh): \(differences.prefix(5))")
    }

    @Test func namesDatasetsAndReadsStandardInput() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.json")
        let input = try Data(
            contentsOf: RepositoryPaths.root.appendingPathComponent("Fixtures/gen_diverse.jsonl"))
        let outcome = try AssayProcess.run(
            ["audit", "--quiet", "--real", "truth=Fixtures/real.jsonl", "-", "--json", output.path], input: input)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any]
        let datasets = object?["datasets"] as? [[String: Any]] ?? []
        #expect(datasets.map { $0["name"] as? String } == ["truth", "stdin"])
        #expect(datasets.map { $0["path"] as? String } == ["Fixtures/real.jsonl", "-"])
    }

    /// Each dataset's fingerprint is `sha256sum` of its bytes (coreutils is the independent reference),
    /// for files and for standard input alike.
    @Test func fingerprintsAreTheSHA256OfTheBytesRead() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.json")
        let input = try Data(
            contentsOf: RepositoryPaths.root.appendingPathComponent("Fixtures/gen_diverse.jsonl"))
        let outcome = try AssayProcess.run(
            [
                "audit", "--quiet", "--metrics", "distinct_1", "--real", "Fixtures/real.jsonl", "-",
                "Fixtures/gen_short.csv",
                "--json", output.path,
            ], input: input)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any]
        let digests = (object?["datasets"] as? [[String: Any]] ?? []).map { $0["sha256"] as? String }

        let sha256sum = Process()
        sha256sum.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        sha256sum.arguments = ["Fixtures/real.jsonl", "Fixtures/gen_diverse.jsonl", "Fixtures/gen_short.csv"]
        sha256sum.currentDirectoryURL = RepositoryPaths.root
        let pipe = Pipe()
        sha256sum.standardOutput = pipe
        try sha256sum.run()
        let listing = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        sha256sum.waitUntilExit()
        let expected = listing.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) }
        #expect(expected.count == 3)
        #expect(digests == expected)
    }

    @Test func compareIsAnAliasOfAudit() throws {
        let arguments = [
            "--metrics", "distinct_2,self_bleu_4", "--real", "Fixtures/real.jsonl",
            "Fixtures/gen_diverse.jsonl", "Fixtures/gen_templated.jsonl",
        ]
        let audit = try AssayProcess.run(["audit"] + arguments)
        let compare = try AssayProcess.run(["compare"] + arguments)
        #expect(audit.status == 0 && compare.status == 0)
        #expect(compare.standardOutput == audit.standardOutput && audit.standardOutput.contains("gen_templated"))
    }

    /// `--instances`: one line per row of every dataset, agreeing with the JSON report's lists.
    @Test func instancesExportHasEveryRow() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = folder.appendingPathComponent("rows.jsonl")
        let json = folder.appendingPathComponent("audit.json")
        let outcome = try AssayProcess.run(
            [
                "audit", "--quiet", "--no-cache", "--real", "Fixtures/real.jsonl", "Fixtures/gen_templated.jsonl",
                "--instances", rows.path, "--json", json.path,
            ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let lines = try String(contentsOf: rows, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 90 + 62)
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        #expect(objects.first?["dataset"] as? String == "real" && objects.first?["line"] as? Int == 1)
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
        let templated = (report?["datasets"] as? [[String: Any]])?.last
        let suspect = try #require(
            ((templated?["label_model"] as? [String: Any])?["suspected_mislabels"] as? [[String: Any]])?.first)
        let row = try #require(suspect["row"] as? Int)
        let line = try #require(
            objects.first { $0["dataset"] as? String == "gen_templated" && $0["row"] as? Int == row })
        #expect(line["predicted"] as? String == suspect["predicted"] as? String)
        #expect(line["label_quality"] as? Double == suspect["label_quality"] as? Double)
        #expect(
            objects.allSatisfy { ($0["nearest_similarity"] as? Double).map { (-1...1.000001).contains($0) } ?? true })
        #expect(
            objects.filter { $0["dataset"] as? String == "gen_templated" }.contains {
                $0["nearest_real_similarity"] != nil
            })
        #expect(
            !objects.filter { $0["dataset"] as? String == "real" }.contains { $0["nearest_real_similarity"] != nil })
    }

    @Test func compareLabelsNeedsTwoDifferentFields() throws {
        for argument in ["label", "label,label", "label,judge,extra", ","] {
            let outcome = try AssayProcess.run(["audit", "Fixtures/gen_diverse.jsonl", "--compare-labels", argument])
            #expect(outcome.status == 64, "\(argument)")
            #expect(outcome.standardError.contains("--compare-labels expects two different field names"), "\(argument)")
        }
    }

    @Test func unknownMetricExitsWithCode2AndWritesNothing() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.json")
        let outcome = try AssayProcess.run(
            ["audit", "Fixtures/gen_diverse.jsonl", "--metrics", "self_bleu4", "--json", output.path])
        #expect(outcome.status == 2)
        #expect(
            outcome.standardError
                == "error: unknown metric 'self_bleu4'; did you mean self_bleu_4, self_bleu_2, self_bleu_3?\n")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func missingOutputFolderFailsBeforeAnyWork() throws {
        let outcome = try AssayProcess.run([
            "audit", "Fixtures/gen_diverse.jsonl", "--json", "/nonexistent/folder/out.json",
        ])
        #expect(outcome.status == 2)
        #expect(
            outcome.standardError == "error: /nonexistent/folder/out.json: folder /nonexistent/folder does not exist\n")
    }

    @Test func duplicateDatasetNamesAreRejected() throws {
        let outcome = try AssayProcess.run(["audit", "Fixtures/gen_diverse.jsonl", "Fixtures/gen_diverse.jsonl"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError == "error: two datasets are named 'gen_diverse'; name them with NAME=PATH\n")
    }

    @Test func missingDatasetArgumentIsAUsageError() throws {
        let outcome = try AssayProcess.run(["audit"])
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("give at least one dataset"))
    }

    @Test func tokensPrintsOneLinePerRow() throws {
        let input = Data("{\"text\": \"Hello  world\"}\n\n{\"text\": \"a\\tb c\"}\n".utf8)
        let outcome = try AssayProcess.run(["tokens", "-", "--tokenizer", "whitespace"], input: input)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput == "1\t[\"Hello\",\"world\"]\n3\t[\"a\",\"b\",\"c\"]\n")
    }
}
