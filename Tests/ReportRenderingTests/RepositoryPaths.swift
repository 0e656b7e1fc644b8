import Foundation

/// Locations in the repository and beside it, found from this source file.
enum RepositoryPaths {
    /// The repository's root folder.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/datasets` beside the repository, where the public integration datasets live.
    static let sharedDatasets = root.deletingLastPathComponent().appendingPathComponent("shared/datasets")

    /// Whether the shared datasets are present (they are on developer machines and in CI).
    static var hasSharedDatasets: Bool {
        FileManager.default.fileExists(atPath: sharedDatasets.path)
    }
}
