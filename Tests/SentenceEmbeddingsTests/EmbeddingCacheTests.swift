import Foundation
import LinearAlgebra
import Synchronization
import Testing

@testable import SentenceEmbeddings

/// An embedder that records the texts it is asked to embed, around ``HashingEmbedder``.
final class RecordingEmbedder: Embedder {
    let inner: HashingEmbedder
    let identity: String
    private let calls = Mutex<[[String]]>([])

    init(dimension: Int = 32, identity: String? = nil) throws {
        inner = try HashingEmbedder(dimension: dimension)
        self.identity = identity ?? inner.identity
    }

    var dimension: Int { inner.dimension }

    func embed(_ texts: [String]) throws -> Matrix {
        calls.withLock { $0.append(texts) }
        return try inner.embed(texts)
    }

    var requested: [[String]] { calls.withLock { $0 } }
}

/// An embedder that returns the wrong number of rows.
struct BrokenEmbedder: Embedder {
    var identity: String { "broken-v1" }
    var dimension: Int { 4 }
    func embed(_ texts: [String]) throws -> Matrix { Matrix(rows: texts.count + 1, columns: 4) }
}

@Suite("EmbeddingCache")
struct EmbeddingCacheTests {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("assay-embedding-cache-tests-\(UUID().uuidString)", isDirectory: true)

    var cache: EmbeddingCache { EmbeddingCache(directory: directory) }

    static let texts = ["the cat sat", "a dog ran!", "", "Ünïcödé text 😂", "the cat sat on the mat"]

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }

    func fileSize(_ url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.size] as? Int) ?? -1
    }

    @Test func missThenHit() throws {
        defer { cleanUp() }
        let embedder = try RecordingEmbedder()
        let direct = try embedder.inner.embed(Self.texts)
        let first = try cache.embedReportingWarnings(Self.texts, with: embedder)
        #expect(first.matrix == direct)
        #expect(first.hits == 0 && first.embedded == Self.texts.count && first.warnings.isEmpty)
        let second = try cache.embedReportingWarnings(Self.texts, with: embedder)
        #expect(second.matrix == direct)
        #expect(second.hits == Self.texts.count && second.embedded == 0 && second.warnings.isEmpty)
        #expect(embedder.requested == [Self.texts])
        let file = cache.fileURL(forIdentity: embedder.identity)
        #expect(try fileSize(file) == 28 + embedder.identity.utf8.count + Self.texts.count * (16 + 4 * 32))
    }

    @Test func mixedOrderEmbedsOnlyTheMissesOnce() throws {
        defer { cleanUp() }
        let embedder = try RecordingEmbedder()
        _ = try cache.embed(["alpha", "beta"], with: embedder)
        let request = ["gamma", "beta", "alpha", "gamma", "delta"]
        let outcome = try cache.embedReportingWarnings(request, with: embedder)
        #expect(outcome.matrix == (try embedder.inner.embed(request)))
        #expect(outcome.hits == 2 && outcome.embedded == 2)
        #expect(embedder.requested == [["alpha", "beta"], ["gamma", "delta"]])
        let all = try cache.embedReportingWarnings(request + ["alpha"], with: embedder)
        #expect(all.hits == 6 && all.embedded == 0 && all.warnings.isEmpty)
    }

    @Test func duplicateTextsAreEmbeddedOnce() throws {
        defer { cleanUp() }
        let embedder = try RecordingEmbedder()
        let request = ["x y", "z", "x y", "x y", ""]
        let outcome = try cache.embedReportingWarnings(request, with: embedder)
        #expect(embedder.requested == [["x y", "z", ""]])
        #expect(outcome.matrix == (try embedder.inner.embed(request)))
        let again = try cache.embedReportingWarnings(request, with: embedder)
        #expect(again.hits == 5)
    }

    @Test func emptyRequestTouchesNothing() throws {
        let embedder = try RecordingEmbedder()
        let outcome = try cache.embedReportingWarnings([], with: embedder)
        #expect(outcome.matrix.rows == 0 && outcome.matrix.columns == 32)
        #expect(embedder.requested.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }

    @Test func separateIdentitiesUseSeparateFiles() throws {
        defer { cleanUp() }
        let small = try RecordingEmbedder(dimension: 8)
        let large = try RecordingEmbedder(dimension: 16)
        _ = try cache.embed(Self.texts, with: small)
        let outcome = try cache.embedReportingWarnings(Self.texts, with: large)
        #expect(outcome.hits == 0 && outcome.warnings.isEmpty)
        #expect(outcome.matrix == (try large.inner.embed(Self.texts)))
        #expect(cache.fileURL(forIdentity: small.identity) != cache.fileURL(forIdentity: large.identity))
    }

    @Test func truncatedTrailingRecordIsIgnoredAndRepaired() throws {
        defer { cleanUp() }
        let embedder = try RecordingEmbedder()
        _ = try cache.embed(Self.texts, with: embedder)
        let file = cache.fileURL(forIdentity: embedder.identity)
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(try fileSize(file) - 10))
        try handle.close()

        let outcome = try cache.embedReportingWarnings(Self.texts, with: embedder)
        #expect(outcome.matrix == (try embedder.inner.embed(Self.texts)))
        #expect(outcome.hits == Self.texts.count - 1 && outcome.embedded == 1)
        #expect(outcome.warnings == ["\(file.path): file is truncated, 1 of 5 records lost"])
        #expect(embedder.requested.last == [Self.texts[4]])

        let repaired = try cache.embedReportingWarnings(Self.texts, with: embedder)
        #expect(repaired.hits == Self.texts.count && repaired.warnings.isEmpty)
    }

    @Test func uncommittedBytesFromACrashedWriterAreIgnored() throws {
        defer { cleanUp() }
        let embedder = try RecordingEmbedder()
        _ = try cache.embed(Self.texts, with: embedder)
        let file = cache.fileURL(forIdentity: embedder.identity)
        let size = try fileSize(file)
        // A writer died after writing one and a half records but before updating the count.
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: 0xAB, count: (16 + 4 * 32) * 3 / 2))
        try handle.close()

        let outcome = try cache.embedReportingWarnings(Self.texts + ["new text"], with: embedder)
        #expect(outcome.hits == Self.texts.count && outcome.embedded == 1 && outcome.warnings.isEmpty)
        #expect(try fileSize(file) == size + 16 + 4 * 32)
        let again = try cache.embedReportingWarnings(Self.texts + ["new text"], with: embedder)
        #expect(again.hits == Self.texts.count + 1 && again.warnings.isEmpty)
        #expect(again.matrix == (try embedder.inner.embed(Self.texts + ["new text"])))
    }

    @Test(arguments: [
        (0, "not an assay embedding cache"),  // magic
        (8, "unsupported cache version 256"),  // version 1 -> 256
        (12, "written for another embedder"),  // dimension
        (30, "written for another embedder"),  // identity text
    ])
    func wrongHeaderIsRebuilt(_ offset: Int, _ reason: String) throws {
        defer { cleanUp() }
        let embedder = try RecordingEmbedder()
        _ = try cache.embed(Self.texts, with: embedder)
        let file = cache.fileURL(forIdentity: embedder.identity)
        var bytes = try Data(contentsOf: file)
        if offset == 8 {
            bytes[8] = 0
            bytes[9] = 1
        } else {
            bytes[offset] ^= 0x5A
        }
        try bytes.write(to: file)

        let outcome = try cache.embedReportingWarnings(Self.texts, with: embedder)
        #expect(outcome.matrix == (try embedder.inner.embed(Self.texts)))
        #expect(outcome.hits == 0)
        #expect(outcome.warnings == ["\(file.path): \(reason), rebuilding the cache"])
        let rebuilt = try cache.embedReportingWarnings(Self.texts, with: embedder)
        #expect(rebuilt.hits == Self.texts.count && rebuilt.warnings.isEmpty)
    }

    @Test(arguments: [0, 5, 27])
    func shortOrEmptyFileIsRebuilt(_ length: Int) throws {
        defer { cleanUp() }
        let embedder = try RecordingEmbedder()
        let file = cache.fileURL(forIdentity: embedder.identity)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("ASSAYEMB-and-more-bytes-here".utf8.prefix(length)).write(to: file)
        let outcome = try cache.embedReportingWarnings(Self.texts, with: embedder)
        #expect(outcome.matrix == (try embedder.inner.embed(Self.texts)))
        #expect(outcome.warnings == ["\(file.path): header is missing or short, rebuilding the cache"])
        #expect(try cache.embedReportingWarnings(Self.texts, with: embedder).hits == Self.texts.count)
    }

    @Test func corruptRecordValuesAreReembedded() throws {
        defer { cleanUp() }
        let embedder = try RecordingEmbedder()
        _ = try cache.embed(Self.texts, with: embedder)
        let file = cache.fileURL(forIdentity: embedder.identity)
        var bytes = try Data(contentsOf: file)
        let firstValue = 28 + embedder.identity.utf8.count + 16
        bytes.replaceSubrange(firstValue..<firstValue + 4, with: [0x00, 0x00, 0xC0, 0x7F])  // NaN
        try bytes.write(to: file)
        let outcome = try cache.embedReportingWarnings(Self.texts, with: embedder)
        #expect(outcome.matrix == (try embedder.inner.embed(Self.texts)))
        #expect(outcome.hits == Self.texts.count - 1 && outcome.embedded == 1)
        #expect(outcome.warnings == ["\(file.path): 1 corrupt records ignored"])
    }

    @Test func concurrentWritersKeepTheFileConsistent() throws {
        defer { cleanUp() }
        let embedder = try RecordingEmbedder()
        _ = try cache.embed(["seed"], with: embedder)  // the file exists, so every writer appends
        let batches = (0..<4).map { batch in (0..<50).map { "batch \(batch) text \($0)" } }
        let cache = self.cache
        DispatchQueue.concurrentPerform(iterations: batches.count) { batch in
            _ = try? cache.embed(batches[batch], with: embedder)
        }
        let all = batches.flatMap { $0 } + ["seed"]
        let outcome = try cache.embedReportingWarnings(all, with: embedder)
        #expect(outcome.hits == all.count && outcome.embedded == 0 && outcome.warnings.isEmpty)
        #expect(outcome.matrix == (try embedder.inner.embed(all)))
        let file = cache.fileURL(forIdentity: embedder.identity)
        #expect(try fileSize(file) == 28 + embedder.identity.utf8.count + all.count * (16 + 4 * 32))
    }

    @Test func unwritableDirectoryOnlyWarns() throws {
        defer { cleanUp() }
        // A directory that cannot exist: its parent is a regular file (works even as root).
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let blocker = directory.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let blocked = EmbeddingCache(directory: blocker.appendingPathComponent("embeddings"))
        let embedder = try RecordingEmbedder()
        let outcome = try blocked.embedReportingWarnings(Self.texts, with: embedder)
        #expect(outcome.matrix == (try embedder.inner.embed(Self.texts)))
        #expect(outcome.warnings.count == 1)
        #expect(outcome.warnings.first?.hasSuffix("cannot create the cache directory, vectors not stored") == true)
    }

    @Test func readOnlyDirectoryOnlyWarns() throws {
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
            cleanUp()
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
        let embedder = try RecordingEmbedder()
        let outcome = try cache.embedReportingWarnings(Self.texts, with: embedder)
        #expect(outcome.matrix == (try embedder.inner.embed(Self.texts)))
        // root ignores the permission bits; anyone else gets one warning and no file (checked by
        // running the test binary as `nobody`).
        if getuid() != 0 {
            #expect(outcome.warnings.count == 1)
            #expect(outcome.warnings.first?.contains("cannot write: permission denied") == true)
        }
    }

    @Test func unreadableFileIsLeftAlone() throws {
        defer { cleanUp() }
        let embedder = try RecordingEmbedder()
        let file = cache.fileURL(forIdentity: embedder.identity)
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: true)  // a folder in its place
        let outcome = try cache.embedReportingWarnings(Self.texts, with: embedder)
        #expect(outcome.matrix == (try embedder.inner.embed(Self.texts)))
        #expect(outcome.warnings.count == 1)
        #expect(outcome.warnings.first?.hasPrefix("\(file.path): cannot read: ") == true)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    @Test func wrongShapeFromTheEmbedderThrows() {
        defer { cleanUp() }
        #expect(
            throws: SentenceEmbeddingsError.unexpectedShape(
                identity: "broken-v1", rows: 3, columns: 4, expectedRows: 2, expectedColumns: 4)
        ) {
            try cache.embed(["a", "b"], with: BrokenEmbedder())
        }
        #expect(
            SentenceEmbeddingsError.unexpectedShape(
                identity: "broken-v1", rows: 3, columns: 4, expectedRows: 2, expectedColumns: 4
            ).description == "broken-v1: embedder returned 3x4, expected 2x4")
    }

    @Test func defaultDirectoryEndsInAssayEmbeddings() {
        let path = EmbeddingCache.defaultDirectory.path
        #expect(path.hasSuffix("/assay/embeddings"))
        if let xdg = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            #expect(path.hasPrefix(xdg))
        } else {
            #expect(path.hasSuffix("/.cache/assay/embeddings"))
        }
    }
}
