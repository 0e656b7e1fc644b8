import Foundation
import Testing

@testable import SentenceEmbeddings

/// Where `--embedder minilm` looks for the model: the folder given, the environment, `.models/`, and
/// the Hugging Face hub cache layout (`snapshots/<revision>/`, `refs/main`).
@Suite("all-MiniLM-L6-v2 model location")
struct MiniLMLocationTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("assay-minilm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func model(at url: URL) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data("[]".utf8).write(to: url.appendingPathComponent("modules.json"))
    }

    @Test func hubCacheSnapshotFollowsRefsMain() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let hub = root.appendingPathComponent("models--sentence-transformers--all-MiniLM-L6-v2")
        try Self.model(at: hub.appendingPathComponent("snapshots/aaa"))
        try Self.model(at: hub.appendingPathComponent("snapshots/zzz"))
        try FileManager.default.createDirectory(
            at: hub.appendingPathComponent("snapshots/empty"), withIntermediateDirectories: true)
        #expect(MiniLMEmbedder.snapshot(in: hub.path) == hub.appendingPathComponent("snapshots/zzz").path)
        try FileManager.default.createDirectory(
            at: hub.appendingPathComponent("refs"), withIntermediateDirectories: true)
        try Data("aaa\n".utf8).write(to: hub.appendingPathComponent("refs/main"))
        #expect(MiniLMEmbedder.snapshot(in: hub.path) == hub.appendingPathComponent("snapshots/aaa").path)
        // A plain model folder is used as it is.
        #expect(MiniLMEmbedder.snapshot(in: hub.appendingPathComponent("snapshots/aaa").path) == nil)
    }

    @Test func defaultSearchOrder() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let work = root.appendingPathComponent("work")
        let home = root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        // Nothing anywhere: nil, with every folder looked in.
        var found = MiniLMEmbedder.resolveDirectory(nil, environment: ["HOME": home.path], currentDirectory: work.path)
        #expect(found.directory == nil)
        #expect(
            found.searched == [
                work.appendingPathComponent(".models/all-MiniLM-L6-v2").path,
                home.appendingPathComponent(".cache/huggingface/hub/models--sentence-transformers--all-MiniLM-L6-v2")
                    .path,
            ])
        // The hub cache under HOME.
        let cached = home.appendingPathComponent(
            ".cache/huggingface/hub/models--sentence-transformers--all-MiniLM-L6-v2")
        try Self.model(at: cached.appendingPathComponent("snapshots/r1"))
        found = MiniLMEmbedder.resolveDirectory(nil, environment: ["HOME": home.path], currentDirectory: work.path)
        #expect(found.directory == cached.path)
        // ./.models wins over the cache, and $ASSAY_MINILM_DIR over both.
        try Self.model(at: work.appendingPathComponent(".models/all-MiniLM-L6-v2"))
        found = MiniLMEmbedder.resolveDirectory(nil, environment: ["HOME": home.path], currentDirectory: work.path)
        #expect(found.directory == work.appendingPathComponent(".models/all-MiniLM-L6-v2").path)
        let explicit = root.appendingPathComponent("mine")
        try Self.model(at: explicit)
        found = MiniLMEmbedder.resolveDirectory(
            nil, environment: ["HOME": home.path, "ASSAY_MINILM_DIR": explicit.path], currentDirectory: work.path)
        #expect(found.directory == explicit.path)
        // A folder given on the command line is taken as it is, even if it is empty.
        #expect(MiniLMEmbedder.resolveDirectory("/nowhere").directory == "/nowhere")
    }
}
