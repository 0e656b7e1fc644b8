import Foundation
import TextTokenization

extension TokenizedCorpus {
    /// A corpus whose rows are the given token ids.
    init(rows: [[UInt32]]) {
        var offsets = [0]
        for row in rows { offsets.append(offsets[offsets.count - 1] + row.count) }
        self.init(tokenIDs: rows.flatMap { $0 }, rowOffsets: offsets)
    }
}
