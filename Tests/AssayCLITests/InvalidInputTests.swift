import AssayTestSupport
import Foundation
import Testing

/// Bad input through the whole command: exit code 2, the one error line from
/// `Fixtures/invalid/README.md` on stderr, nothing on stdout and no report left behind.
@Suite("assay on bad input")
struct InvalidInputTests {
    /// `(relative path, options, expected error line)` from the README's "Expected errors" block, where
    /// `path [--option value]: …` means the file fails with those options and `path: …` without.
    static func expectations() throws -> [(path: String, options: [String], message: String)] {
        let readme = try String(
            contentsOf: RepositoryPaths.root.appendingPathComponent("Fixtures/invalid/README.md"),
            encoding: .utf8)
        return readme.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("Fixtures/invalid/"), let colon = line.firstIndex(of: ":") else { return nil }
            let head = line[..<colon]
            guard let open = head.firstIndex(of: "["), let close = head.lastIndex(of: "]") else {
                return (String(head), [], String(line))
            }
            let path = String(head[..<open]).trimmingCharacters(in: .whitespaces)
            let options = head[head.index(after: open)..<close].split(separator: " ").map(String.init)
            return (path, options, path + line[colon...])
        }
    }

    /// Audits `dataset` (beside the real fixture and a good one when no options are needed) and checks it
    /// fails with `message` and writes nothing.
    static func expectFailure(auditing dataset: String, options: [String] = [], message: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.json")
        let datasets =
            options.isEmpty ? ["--real", "Fixtures/real.jsonl", "Fixtures/gen_diverse.jsonl", dataset] : [dataset]
        let outcome = try AssayProcess.run(["audit"] + datasets + options + ["--json", report.path])
        #expect(outcome.status == 2, "\(dataset)")
        #expect(outcome.standardError == "error: \(message)\n")
        #expect(outcome.standardOutput.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "\(dataset) left a file")
    }

    @Test func everyInvalidFixtureFailsWithItsDocumentedError() throws {
        let expectations = try Self.expectations()
        #expect(expectations.count >= 29)
        for expectation in expectations {
            try Self.expectFailure(
                auditing: expectation.path, options: expectation.options, message: expectation.message)
        }
    }

    @Test func missingFileAndDirectory() throws {
        try Self.expectFailure(auditing: "Fixtures/nope.jsonl", message: "Fixtures/nope.jsonl: no such file")
        try Self.expectFailure(auditing: "Fixtures/invalid", message: "Fixtures/invalid: is a directory")
    }

    @Test func badRowOnStandardInputNamesStdin() throws {
        let outcome = try AssayProcess.run(["audit", "-"], input: Data("{\"text\": \"ok\"}\n{\"text\": 1}\n".utf8))
        #expect(outcome.status == 2)
        #expect(outcome.standardError == "error: -:2: text: expected a string, found a number\n")
    }

    @Test func neighbourSearchOptionsAreChecked() throws {
        for (options, message) in [
            (["--recall-floor", "1.5"], "--recall-floor must be between 0 and 1, got 1.5"),
            (["--approximate-above=-1"], "--approximate-above must not be negative, got -1"),
            (["--recall-target", "0"], "--recall-target must be above 0 and at most 1, got 0.0"),
            (["--recall-target", "1.2"], "--recall-target must be above 0 and at most 1, got 1.2"),
        ] {
            // A bad option is a usage error (64), as every option's check.
            let outcome = try AssayProcess.run(["audit", "Fixtures/gen_short.csv"] + options)
            #expect(outcome.status == 64)
            #expect(outcome.standardError.hasPrefix("Error: \(message)"), "\(outcome.standardError)")
        }
    }

    @Test func missingCustomFieldIsNamed() throws {
        let outcome = try AssayProcess.run(["audit", "--text-field", "sentence", "Fixtures/gen_short.csv"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError == "error: Fixtures/gen_short.csv:1: sentence: column not found in the header\n")
    }
}
