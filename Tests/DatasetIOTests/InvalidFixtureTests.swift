import AssayTestSupport
import Foundation
import Testing

@testable import DatasetIO

/// Checks `Fixtures/invalid/README.md`: every listed error is exactly what reading its file produces, and
/// every file in the folder is listed.
@Suite("Invalid fixtures")
struct InvalidFixtureTests {
    static let folder = RepositoryPaths.root.appendingPathComponent("Fixtures/invalid")

    /// One line of the README's "Expected errors" block.
    struct Expectation {
        /// The file, relative to the repository root.
        var path: String
        /// The command-line options in brackets after the path (`[--vector-field vec]`), split on spaces.
        var options: [String]
        /// The expected error: the line without its bracketed options.
        var message: String
    }

    /// Parses `PATH: …` or `PATH [OPTIONS]: …` lines of the README (only those lines start with the folder).
    static func expectations() throws -> [Expectation] {
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        return readme.split(separator: "\n").compactMap { line -> Expectation? in
            guard line.hasPrefix("Fixtures/invalid/"), let colon = line.firstIndex(of: ":") else { return nil }
            let head = line[..<colon]
            let rest = line[colon...]
            guard let open = head.range(of: " ["), head.hasSuffix("]") else {
                return Expectation(path: String(head), options: [], message: String(line))
            }
            let path = String(head[..<open.lowerBound])
            let options = head[open.upperBound..<head.index(before: head.endIndex)].split(separator: " ").map(
                String.init)
            return Expectation(path: path, options: options, message: path + rest)
        }
    }

    /// The field mapping the options ask for; unknown options are an error in the README.
    static func fields(for options: [String]) throws -> FieldMapping {
        var fields = FieldMapping()
        var remaining = options[...]
        while let option = remaining.popFirst() {
            switch option {
            case "--vector-field":
                guard let name = remaining.popFirst() else {
                    throw ReadmeError(description: "--vector-field needs a name")
                }
                fields.vectors = name
            default:
                throw ReadmeError(description: "unknown option \(option) in Fixtures/invalid/README.md")
            }
        }
        return fields
    }

    struct ReadmeError: Error, CustomStringConvertible {
        var description: String
    }

    @Test func optionsAreParsedFromTheLine() throws {
        let expectations = try Self.expectations()
        let ragged = try #require(expectations.first { $0.path == "Fixtures/invalid/vector_ragged.jsonl" })
        #expect(ragged.options == ["--vector-field", "vec"])
        #expect(
            ragged.message == "Fixtures/invalid/vector_ragged.jsonl:3: vec: expected 4 numbers as on line 1, found 3")
        #expect(try Self.fields(for: ragged.options) == FieldMapping(vectors: "vec"))
        let plain = try #require(expectations.first { $0.path == "Fixtures/invalid/ragged.csv" })
        #expect(plain.options.isEmpty)
        #expect(plain.message == "Fixtures/invalid/ragged.csv:3: expected 2 fields as in the header, found 3")
    }

    @Test func everyFileIsListedOnce() throws {
        let listed = try Self.expectations().map { ($0.path as NSString).lastPathComponent }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0 != "README.md" }
        #expect(listed.sorted() == files.sorted())
        #expect(Set(listed).count == listed.count)
    }

    @Test func everyFileFailsWithItsListedError() throws {
        let expectations = try Self.expectations()
        #expect(expectations.count >= 15)
        for expectation in expectations {
            let bytes = try FileInput.readAll(
                path: RepositoryPaths.root.appendingPathComponent(expectation.path).path)
            let source = DatasetSource(name: "x", path: expectation.path)
            let message = TestSupport.error(
                bytes: bytes, format: source.resolvedFormat, path: expectation.path,
                fields: try Self.fields(for: expectation.options))
            #expect(message == expectation.message, "\(expectation.path)")
        }
    }

    /// Files that need an option must need it: read without it, they are valid (otherwise the option
    /// would hide a second problem).
    @Test func filesWithOptionsAreValidWithoutThem() throws {
        for expectation in try Self.expectations() where !expectation.options.isEmpty {
            let bytes = try FileInput.readAll(
                path: RepositoryPaths.root.appendingPathComponent(expectation.path).path)
            let source = DatasetSource(name: "x", path: expectation.path)
            #expect(
                TestSupport.error(bytes: bytes, format: source.resolvedFormat, path: expectation.path) == nil,
                "\(expectation.path)")
        }
    }
}
