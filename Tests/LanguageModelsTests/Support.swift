import Foundation
import TextTokenization

/// Locations in the repository, found from this source file.
enum RepositoryPaths {
    /// The repository's root folder.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/datasets` beside the repository.
    static let sharedDatasets = root.deletingLastPathComponent().appendingPathComponent("shared/datasets")
}

extension TokenizedCorpus {
    /// A corpus whose rows are the given token ids.
    init(rows: [[UInt32]]) {
        var offsets = [0]
        for row in rows { offsets.append(offsets[offsets.count - 1] + row.count) }
        self.init(tokenIDs: rows.flatMap { $0 }, rowOffsets: offsets)
    }
}
