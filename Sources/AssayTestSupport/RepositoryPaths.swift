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

    /// A fixture's URL, e.g. `fixture("golden/lexical_nltk.json")`.
    public static func fixture(_ relativePath: String) -> URL {
        fixtures.appendingPathComponent(relativePath)
    }
}
