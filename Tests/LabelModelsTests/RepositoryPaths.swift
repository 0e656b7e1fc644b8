import Foundation

/// Locations in the repository, found from this source file.
enum RepositoryPaths {
    /// The repository's root folder.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/datasets` beside the repository: public datasets for integration tests (not committed).
    static let sharedDatasets = root.deletingLastPathComponent().appendingPathComponent("shared/datasets")

    /// Whether the shared datasets are present.
    static var hasSharedDatasets: Bool { FileManager.default.fileExists(atPath: sharedDatasets.path) }
}
