import ArgumentParser
import AuditPlan
import Foundation
import SentenceEmbeddings
import VectorStorage

/// How rows are embedded and compared in embedding space.
struct EmbeddingOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Vectors for a dataset from a .npy file (float32 or float64, one row per dataset row); repeatable.",
            valueName: "NAME=FILE.npy"))
    var vectors: [String] = []

    @Option(
        help: ArgumentHelp(
            "How texts become vectors: 'static[:DIR]' (default: token vectors distilled from all-MiniLM-L6-v2 by "
                + "'bash scripts/fetch-models.sh', or any Model2Vec model; DIR defaults to $ASSAY_STATIC_DIR, then "
                + "./.models/static-minilm-256), 'minilm[:DIR]' (all-MiniLM-L6-v2 itself on OpenBLAS, slower; DIR "
                + "defaults to $ASSAY_MINILM_DIR, ./.models/all-MiniLM-L6-v2, then the Hugging Face cache) or 'hashing' "
                + "(built in, lexical, no model).",
            valueName: "name"))
    var embedder = "static"

    @Option(help: "Cosine similarity at or above which two rows are near duplicates, in (0, 1].")
    var nearDuplicateThreshold = AuditConfiguration.defaultNearDuplicateThreshold

    @Option(help: "Threads for dense linear algebra (default: OPENBLAS_NUM_THREADS, else all cores).")
    var threads: Int?

    @Option(
        help: ArgumentHelp(
            "Folder of the embedding cache (default: $XDG_CACHE_HOME/assay/embeddings).", valueName: "dir"))
    var cacheDir: String?

    @Flag(help: "Embed every text again instead of using the embedding cache.")
    var noCache = false

    @Option(
        help: ArgumentHelp(
            "How the audit keeps its unit vectors: 'float32', or 'float16' (half the memory; cosine similarities "
                + "move by about 0.001 at most; recorded in the report). 'f32' and 'f16' also work.",
            valueName: "precision"))
    var vectorPrecision = "float32"

    @Option(
        help: ArgumentHelp(
            "Where the unit vectors live: 'mapped' (a memory-mapped scratch file the system can page out, deleted "
                + "when the run ends) or 'memory'.",
            valueName: "store"))
    var vectorStore = "mapped"

    @Option(
        help: ArgumentHelp(
            "Folder of the vectors' scratch file with --vector-store mapped (default: $TMPDIR, else /tmp).",
            valueName: "dir"))
    var scratchDir: String?

    func validate() throws {
        guard nearDuplicateThreshold > 0, nearDuplicateThreshold <= 1 else {
            throw ValidationError("--near-duplicate-threshold must be in (0, 1], got \(nearDuplicateThreshold)")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if noCache && cacheDir != nil { throw ValidationError("--no-cache and --cache-dir contradict each other") }
        guard
            embedder == "hashing" || embedder == "minilm" || embedder.hasPrefix("minilm:") || embedder == "static"
                || embedder.hasPrefix("static:")
        else {
            throw ValidationError(
                "--embedder must be 'hashing', 'minilm', 'minilm:DIR', 'static' or 'static:DIR', got '\(embedder)'")
        }
        if embedder == "minilm:" || embedder == "static:" {
            throw ValidationError("--embedder \(embedder)DIR needs a folder after the colon")
        }
        guard precision != nil else {
            throw ValidationError("--vector-precision must be 'float32' or 'float16', got '\(vectorPrecision)'")
        }
        guard vectorStore == "mapped" || vectorStore == "memory" else {
            throw ValidationError("--vector-store must be 'mapped' or 'memory', got '\(vectorStore)'")
        }
        if scratchDir != nil && vectorStore == "memory" {
            throw ValidationError("--scratch-dir needs --vector-store mapped")
        }
    }

    /// The precision `--vector-precision` names, `nil` when it names none.
    var precision: VectorPrecision? {
        switch vectorPrecision {
        case "float32", "f32": .float32
        case "float16", "f16": .float16
        default: nil
        }
    }

    /// Where vectors are stored: a mapped scratch file in `--scratch-dir` (checked to be a folder now, so a
    /// wrong one stops the run before any work), or the heap.
    func location() throws -> VectorLocation {
        guard vectorStore == "mapped" else { return .memory }
        let environment = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 }
        let folder = scratchDir ?? environment ?? "/tmp"
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw UsageFailure(
                description: "--scratch-dir \(folder): no such folder (the vectors' scratch file goes there)")
        }
        return .mappedFile(directory: folder)
    }

    /// The embedder `--embedder` names (the model loaded now, so a missing file stops the run before any
    /// work), behind the cache unless it is switched off. With `loadingModel` false (the audit embeds no text:
    /// its metrics read no vectors, or the datasets bring their own) no model is loaded or needed.
    func source(loadingModel: Bool = true) throws -> EmbeddingSource {
        let chosen: any Embedder
        if !loadingModel {
            chosen = HashingEmbedder()  // never called: nothing is embedded
        } else if embedder.hasPrefix("minilm") {
            chosen = try Self.miniLM(embedder, option: "--embedder", threads: threads)
        } else if embedder.hasPrefix("static") {
            let given = embedder.hasPrefix("static:") ? String(embedder.dropFirst("static:".count)) : nil
            let (directory, searched) = StaticEmbedder.resolveDirectory(given)
            guard let directory else {
                throw UsageFailure(
                    description:
                        "no static embedding model found (looked in \(searched.joined(separator: ", "))); run "
                        + "'bash scripts/fetch-models.sh' to distil it from all-MiniLM-L6-v2, give --embedder static:DIR, "
                        + "or choose --embedder hashing (lexical, no model)")
            }
            chosen = try StaticEmbedder(directory: directory, workers: threads)
        } else {
            chosen = HashingEmbedder()
        }
        let cache =
            noCache
            ? nil
            : EmbeddingCache(directory: cacheDir.map { URL(fileURLWithPath: $0) } ?? EmbeddingCache.defaultDirectory)
        return EmbeddingSource(
            embedder: chosen, cache: cache, precision: precision ?? .float32, location: try location())
    }

    /// The all-MiniLM-L6-v2 model that `argument` (`minilm` or `minilm:DIR`) names, loaded; a usage failure
    /// naming `option` and the folders looked in when there is none.
    static func miniLM(_ argument: String, option: String, threads: Int?) throws -> MiniLMEmbedder {
        let given = argument.hasPrefix("minilm:") ? String(argument.dropFirst("minilm:".count)) : nil
        let (directory, searched) = MiniLMEmbedder.resolveDirectory(given)
        guard let directory else {
            throw UsageFailure(
                description:
                    "no \(MiniLMEmbedder.modelName) model found (looked in \(searched.joined(separator: ", "))); "
                    + "run 'bash scripts/fetch-minilm.sh' or give \(option) minilm:DIR")
        }
        return try MiniLMEmbedder(directory: directory, workers: threads)
    }

    /// `(dataset name, .npy path)` for each `--vectors` argument.
    func vectorFiles() throws -> [(name: String, path: String)] {
        try vectors.map { argument in
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex,
                argument.index(after: equals) != argument.endIndex
            else {
                throw UsageFailure(description: "--vectors expects NAME=FILE.npy, got '\(argument)'")
            }
            return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
        }
    }
}
