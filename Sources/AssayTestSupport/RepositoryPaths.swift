import Foundation

/// Locations in the repository and beside it, found from this source file, for tests.
public enum RepositoryPaths {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Fixtures/` in the repository.
    public static let fixtures = root.appendingPathComponent("Fixtures")

    /// `../shared/datasets` beside the repository (or `$ASSAY_SHARED_DATASETS`), where the public
    /// integration datasets live.
    public static let sharedDatasets: URL = {
        if let path = ProcessInfo.processInfo.environment["ASSAY_SHARED_DATASETS"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return root.deletingLastPathComponent().appendingPathComponent("shared/datasets")
    }()

    /// Whether the shared datasets are present (they are on developer machines and in CI).
    public static var hasSharedDatasets: Bool {
        FileManager.default.fileExists(atPath: sharedDatasets.path)
    }

    /// The all-MiniLM-L6-v2 model folder `scripts/fetch-minilm.sh` fills (git-ignored).
    public static let miniLMModel = root.appendingPathComponent(".models/all-MiniLM-L6-v2")

    /// The static model `scripts/fetch-models.sh` distils from all-MiniLM-L6-v2 (git-ignored).
    public static let staticModel = root.appendingPathComponent(".models/static-minilm-256")

    /// Whether both models are present (`bash scripts/fetch-models.sh`; CI runs it before the tests).
    public static var hasModels: Bool {
        FileManager.default.fileExists(atPath: staticModel.appendingPathComponent("model.safetensors").path)
            && FileManager.default.fileExists(atPath: miniLMModel.appendingPathComponent("model.safetensors").path)
    }

    /// A JSON fixture decoded as `type` (e.g. `decodedFixture(File.self, "golden/agreement.json")`), or `nil`
    /// when it is missing or does not decode: for static test arguments, with a test that requires it.
    public static func decodedFixture<T: Decodable>(_ type: T.Type, _ relativePath: String) -> T? {
        guard let data = try? Data(contentsOf: fixture(relativePath)) else { return nil }
        return try? JSONDecoder().decode(type, from: data)
    }

    /// A fixture's URL, e.g. `fixture("golden/lexical_nltk.json")`.
    public static func fixture(_ relativePath: String) -> URL {
        fixtures.appendingPathComponent(relativePath)
    }
}
