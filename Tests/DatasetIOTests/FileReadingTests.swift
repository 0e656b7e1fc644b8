import Foundation
import Testing

@testable import DatasetIO

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Reading files")
struct FileReadingTests {
    @Test func readsATemporaryFileInEachFormat() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [
            ("gen_a.jsonl", "{\"text\": \"héllo\", \"label\": 1}\n{\"text\": \"b\"}\n"),
            ("gen_b.csv", "text,label\n\"héllo\",1\nb,\n"),
            ("gen_c.tsv", "text\tlabel\nhéllo\t1\nb\t\n"),
            ("gen_d.data", "{\"text\": \"héllo\", \"label\": 1.0}\n{\"text\": \"b\"}"),
        ]
        for (name, content) in files {
            let url = directory.appendingPathComponent(name)
            try Data(content.utf8).write(to: url)
            let source = try DatasetSource(argument: url.path)
            let dataset = try DatasetReader().read(source, role: .real)
            #expect(dataset.name == String(name.prefix(5)))
            #expect(dataset.role == .real)
            #expect(dataset.path == url.path)
            #expect(dataset.texts == ["héllo", "b"])
            #expect(dataset.labels == ["1", nil])
        }
    }

    @Test func explicitFormatOverridesTheExtension() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("really_csv.jsonl")
        try Data("text\nhello\n".utf8).write(to: url)
        let dataset = try DatasetReader().read(DatasetSource(name: "x", path: url.path, format: .csv), role: .real)
        #expect(dataset.texts == ["hello"])
    }

    @Test func largeFileReadsCompletely() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("big.jsonl")
        let rows = 20_000
        var content = ""
        for row in 0..<rows { content += "{\"text\": \"row \(row) 😀\", \"label\": \(row % 3)}\n" }
        try Data(content.utf8).write(to: url)
        let dataset = try DatasetReader().read(DatasetSource(name: "big", path: url.path), role: .synthetic)
        #expect(dataset.count == rows)
        #expect(dataset.texts.last == "row \(rows - 1) 😀")
        #expect(dataset.lineNumbers.last == rows)
    }

    @Test func missingPath() {
        #expect(readError(path: "/nonexistent/assay/data.jsonl") == "/nonexistent/assay/data.jsonl: no such file")
    }

    @Test func directoryAsPath() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(readError(path: directory.path) == "\(directory.path): is a directory")
    }

    @Test func fileAsDirectoryComponent() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("f.jsonl")
        try Data("{}".utf8).write(to: file)
        #expect(readError(path: file.path + "/x.jsonl") == "\(file.path)/x.jsonl: not a directory in the path")
    }

    @Test(.enabled(if: getuid() != 0, "root can read any file"))
    func unreadableFile() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("secret.jsonl")
        try Data("{\"text\": \"a\"}".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file.path)
        #expect(readError(path: file.path) == "\(file.path): permission denied")
    }

    private func readError(path: String) -> String? {
        do {
            _ = try DatasetReader().read(DatasetSource(name: "x", path: path), role: .real)
            return nil
        } catch {
            return error.description
        }
    }
}
