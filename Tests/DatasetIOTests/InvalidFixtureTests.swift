import Foundation
import Testing

@testable import DatasetIO

/// Checks `Fixtures/invalid/README.md`: every listed error is exactly what reading its file produces, and
/// every file in the folder is listed.
@Suite("Invalid fixtures")
struct InvalidFixtureTests {
    static let folder = TestSupport.repositoryRoot.appendingPathComponent("Fixtures/invalid")

    /// `(relative path, expected error)` from the README's code block.
    static func expectations() throws -> [(String, String)] {
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        return readme.split(separator: "\n").compactMap { line -> (String, String)? in
            guard line.hasPrefix("Fixtures/invalid/"), let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line))
        }
    }

    @Test func everyFileIsListedOnce() throws {
        let listed = try Self.expectations().map { ($0.0 as NSString).lastPathComponent }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0 != "README.md" }
        #expect(listed.sorted() == files.sorted())
        #expect(Set(listed).count == listed.count)
    }

    @Test func everyFileFailsWithItsListedError() throws {
        let expectations = try Self.expectations()
        #expect(expectations.count >= 15)
        for (relative, expected) in expectations {
            let bytes = try FileInput.readAll(
                path: TestSupport.repositoryRoot.appendingPathComponent(relative).path)
            let source = DatasetSource(name: "x", path: relative)
            let message = TestSupport.error(bytes: bytes, format: source.resolvedFormat, path: relative)
            #expect(message == expected, "\(relative)")
        }
    }
}
