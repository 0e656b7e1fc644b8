import Foundation
import Testing

@testable import DatasetIO

@Suite("Dataset arguments and formats")
struct DatasetSourceTests {
    @Test(arguments: [
        ("data/gen_a.jsonl", "gen_a"), ("x.tar.csv", "x.tar"), ("plain", "plain"), (".hidden", ".hidden"),
        ("dir/", "dir"), ("-", "stdin"), ("a.b/c", "c"),
    ])
    func defaultNames(path: String, name: String) {
        #expect(DatasetSource.defaultName(forPath: path) == name)
    }

    @Test(arguments: [
        ("real=data/x.jsonl", "real", "data/x.jsonl"), ("data/gen_a.jsonl", "gen_a", "data/gen_a.jsonl"),
        ("-", "stdin", "-"), ("gen=-", "gen", "-"), ("a=b=c.csv", "a", "b=c.csv"),
        ("dir/a=b.jsonl", "a=b", "dir/a=b.jsonl"), ("GPT 4o=out/x.tsv", "GPT 4o", "out/x.tsv"),
    ])
    func parsesArguments(argument: String, name: String, path: String) throws {
        let source = try DatasetSource(argument: argument)
        #expect(source.name == name)
        #expect(source.path == path)
        #expect(source.format == nil)
    }

    @Test func existingFileWithEqualsSignIsAPath() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let previous = FileManager.default.currentDirectoryPath
        #expect(FileManager.default.changeCurrentDirectoryPath(directory.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        #expect(FileManager.default.createFile(atPath: "k=v.jsonl", contents: Data("{\"text\":\"a\"}".utf8)))
        let source = try DatasetSource(argument: "k=v.jsonl")
        #expect(source.name == "k=v")
        #expect(source.path == "k=v.jsonl")
    }

    @Test(arguments: [
        ("", ": empty dataset argument"), ("=x.jsonl", "=x.jsonl: empty dataset name before '='"),
        ("real=", "real=: empty path after '='"),
    ])
    func rejectsArguments(argument: String, expected: String) {
        #expect(throws: DatasetIOError.self) { try DatasetSource(argument: argument) }
        do {
            _ = try DatasetSource(argument: argument)
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test(
        arguments: [
            ("a.jsonl", nil, DatasetFormat.jsonLines), ("a.CSV", nil, .csv), ("a.tsv", nil, .tsv), ("a.tab", nil, .tsv),
            ("a.ndjson", nil, .jsonLines), ("a.txt", nil, .jsonLines), ("-", nil, .jsonLines), ("a.csv", .tsv, .tsv),
        ] as [(String, DatasetFormat?, DatasetFormat)])
    func resolvesFormat(path: String, explicit: DatasetFormat?, expected: DatasetFormat) {
        #expect(DatasetSource(name: "n", path: path, format: explicit).resolvedFormat == expected)
    }
}
