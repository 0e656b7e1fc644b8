import Foundation

/// Locations in the repository, found from this source file.
enum RepositoryPaths {
    /// The repository's root folder.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
