import Foundation
import LinearAlgebra
import TextEncoders

/// A static embedding model (Model2Vec layout) as an ``Embedder``: a text's vector is the mean of its WordPiece
/// tokens' rows, L2-normalised. `assay embedder distill` writes one from all-MiniLM-L6-v2 into
/// `.models/static-minilm-256`; published Model2Vec models with a WordPiece tokenizer (the potion family) load too.
public struct StaticEmbedder: Embedder {
    /// The loaded model.
    public let encoder: StaticEncoder
    /// The folder the model was loaded from.
    public let directory: String
    /// `static-v1(model=…,dim=…,max_tokens=…,pooling=mean-f32,weights=sha256:…)`: the version names the
    /// encoding steps and the table's digest the model, so the embedding cache and the reports tell them apart.
    public let identity: String
    /// Parallel encoding workers.
    public let workers: Int

    /// Vector dimension.
    public var dimension: Int { encoder.dimension }

    /// The folder name of the default model, under `.models/`.
    public static let defaultModelName = "static-minilm-256"

    /// Loads the model in `directory`.
    ///
    /// - Throws: ``TextEncoders/TextEncoderError`` naming the file that is missing, malformed or unsupported.
    /// - Complexity: O(vocabulary · dimension) to read and fingerprint the table.
    public init(directory: String, workers: Int? = nil) throws(TextEncoderError) {
        let encoder = try StaticEncoder(directory: directory)
        let weights = (directory as NSString).appendingPathComponent("model.safetensors")
        let digest = try WeightsFingerprint.of(weights)
        self.encoder = encoder
        self.directory = directory
        self.workers = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
        identity =
            "static-v1(model=\((directory as NSString).lastPathComponent),dim=\(encoder.dimension),"
            + "max_tokens=\(encoder.maxTokens),pooling=mean-f32,weights=sha256:\(digest))"
    }

    /// One L2-normalised row per text (zero for a text without a known token). Never throws.
    ///
    /// - Complexity: O(total tokens · dimension), split among ``workers`` threads.
    public func embed(_ texts: [String]) throws -> Matrix {
        encoder.encode(texts, workers: workers)
    }

    /// Where to load the default model from: `given` when set; else `$ASSAY_STATIC_DIR`, then
    /// `./.models/static-minilm-256` (what the set-up writes). `nil` when none holds a `model.safetensors`, with
    /// the folders looked in.
    public static func resolveDirectory(
        _ given: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> (directory: String?, searched: [String]) {
        if let given { return (given, [given]) }
        var candidates: [String] = []
        if let explicit = environment["ASSAY_STATIC_DIR"], !explicit.isEmpty { candidates.append(explicit) }
        candidates.append((currentDirectory as NSString).appendingPathComponent(".models/\(defaultModelName)"))
        let found = candidates.first {
            FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("model.safetensors"))
        }
        return (found, candidates)
    }
}
