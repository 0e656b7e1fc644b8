import Foundation
import LinearAlgebra
import TextEncoders

/// all-MiniLM-L6-v2 (or another sentence-transformers BERT model with mean pooling) as an ``Embedder``:
/// the in-process encoder of `TextEncoders` on OpenBLAS, no Python and no network.
///
/// The model directory is a sentence-transformers folder (`modules.json`, `config.json`, `vocab.txt`,
/// `model.safetensors`, `1_Pooling/config.json`, …) or a Hugging Face hub cache folder of one
/// (`models--sentence-transformers--all-MiniLM-L6-v2`, whose `snapshots/<revision>/` holds it; see
/// ``resolveDirectory(_:environment:currentDirectory:)``).
public struct MiniLMEmbedder: Embedder {
    /// The loaded encoder.
    public let encoder: MiniLMEncoder
    /// The folder the model was loaded from.
    public let directory: String
    /// `minilm(model=…,max_length=…,pooling=mean,normalize=…,weights=sha256:…)`: the weights' digest makes
    /// the embedding cache tell models apart.
    public let identity: String
    /// Parallel encoding workers (`nil`: one per core).
    public let workers: Int?

    /// Vector dimension (384 for all-MiniLM-L6-v2).
    public var dimension: Int { encoder.dimension }

    /// The folder name of the default model.
    public static let modelName = "all-MiniLM-L6-v2"

    /// Loads the model in `directory` (a model folder or a hub cache folder of one).
    ///
    /// - Throws: ``TextEncoderError`` naming the file that is missing, malformed or unsupported.
    /// - Complexity: O(parameters) to read the weights and hash them (about 0.3 s).
    public init(directory: String, workers: Int? = nil) throws(TextEncoderError) {
        let folder = Self.snapshot(in: directory) ?? directory
        let encoder = try MiniLMEncoder(directory: folder)
        let weights = Self.weightsPath(folder)
        let digest = try WeightsFingerprint.of(weights)
        self.encoder = encoder
        self.directory = folder
        self.workers = workers
        self.identity =
            "minilm(model=\((folder as NSString).lastPathComponent),max_length=\(encoder.tokenizer.maxLength),"
            + "pooling=mean,normalize=\(encoder.normalizes),weights=sha256:\(digest))"
    }

    /// One L2-normalised row per text. Never throws; `throws` comes from ``Embedder``.
    ///
    /// - Complexity: O(tokens · (layers · d² + length · d)) through sgemm, batched by length.
    public func embed(_ texts: [String]) throws -> Matrix {
        encoder.encode(texts, workers: workers)
    }

    /// Where to load the model from: `given` when set; else the first of `$ASSAY_MINILM_DIR`,
    /// `./.models/all-MiniLM-L6-v2` (what `scripts/fetch-minilm.sh` writes) and the Hugging Face hub cache
    /// (`$HF_HUB_CACHE`, `$HF_HOME/hub`, `~/.cache/huggingface/hub`, the folder
    /// `models--sentence-transformers--all-MiniLM-L6-v2`) that exists. `nil` when none does, with the
    /// folders looked in.
    public static func resolveDirectory(
        _ given: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> (directory: String?, searched: [String]) {
        if let given { return (given, [given]) }
        var candidates: [String] = []
        if let explicit = environment["ASSAY_MINILM_DIR"], !explicit.isEmpty { candidates.append(explicit) }
        candidates.append((currentDirectory as NSString).appendingPathComponent(".models/\(modelName)"))
        let hub = "models--sentence-transformers--\(modelName)"
        if let cache = environment["HF_HUB_CACHE"], !cache.isEmpty {
            candidates.append((cache as NSString).appendingPathComponent(hub))
        }
        if let home = environment["HF_HOME"], !home.isEmpty {
            candidates.append((home as NSString).appendingPathComponent("hub/\(hub)"))
        }
        if let home = environment["HOME"], !home.isEmpty {
            candidates.append((home as NSString).appendingPathComponent(".cache/huggingface/hub/\(hub)"))
        }
        let found = candidates.first { candidate in
            let folder = snapshot(in: candidate) ?? candidate
            return FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("modules.json"))
        }
        return (found, candidates)
    }

    /// In a hub cache folder, the snapshot holding the model (`refs/main` when it names one, else the
    /// last snapshot by name that has a `modules.json`); `nil` for a plain model folder.
    static func snapshot(in directory: String) -> String? {
        let snapshots = (directory as NSString).appendingPathComponent("snapshots")
        guard !FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("modules.json")),
            let names = try? FileManager.default.contentsOfDirectory(atPath: snapshots)
        else { return nil }
        let withModel = names.sorted().filter { name in
            FileManager.default.fileExists(
                atPath: (snapshots as NSString).appendingPathComponent("\(name)/modules.json"))
        }
        let reference = try? String(
            contentsOfFile: (directory as NSString).appendingPathComponent("refs/main"), encoding: .utf8)
        let main = reference.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let chosen = withModel.first { $0 == main } ?? withModel.last
        return chosen.map { (snapshots as NSString).appendingPathComponent($0) }
    }

    /// The weights file of the model's transformer module (the model folder itself for all-MiniLM-L6-v2).
    private static func weightsPath(_ folder: String) -> String {
        (folder as NSString).appendingPathComponent("model.safetensors")
    }
}
