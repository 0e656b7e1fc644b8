import AssayUtilities
import DatasetIO
import Dispatch
import TextTokenization

/// Every dataset's tokens under one vocabulary shared by all datasets of the audit, so token ids
/// compare across datasets.
public struct TokenizedDatasets: Sendable {
    /// One corpus per dataset, in input order.
    public let corpora: [TokenizedCorpus]
    /// The shared vocabulary.
    public let vocabulary: Vocabulary

    /// Tokenizes every dataset with `tokenizer`, one after the other (the vocabulary is shared), and, when
    /// `textKeys` is set, computes the normalised-text ids beside it on another thread.
    ///
    /// - Complexity: O(total characters).
    static func make(_ datasets: [Dataset], tokenizer kind: TokenizerKind, textKeys: Bool) -> (
        TokenizedDatasets, [[UInt32]]?
    ) {
        let tokens = ResultSlots<TokenizedDatasets>(count: 1)
        let keys = ResultSlots<[[UInt32]]>(count: 1)
        DispatchQueue.concurrentPerform(iterations: textKeys ? 2 : 1) { task in
            if task == 0 {
                let tokenizer = kind.makeTokenizer()
                var vocabulary = Vocabulary()
                let corpora = datasets.map {
                    TokenizedCorpus(texts: $0.texts, tokenizer: tokenizer, vocabulary: &vocabulary)
                }
                tokens.store(TokenizedDatasets(corpora: corpora, vocabulary: vocabulary), at: 0)
            } else {
                var ids: [String: UInt32] = [:]
                keys.store(datasets.map { textKeyIDs($0.texts, ids: &ids) }, at: 0)
            }
        }
        return (tokens.values[0], textKeys ? keys.values[0] : nil)
    }

    /// Per text, the id of its ``TextNormalization/duplicateKey(_:)`` in `ids`, which is shared by every
    /// dataset of the run (so keys compare across datasets); new keys get the next id.
    private static func textKeyIDs(_ texts: [String], ids: inout [String: UInt32]) -> [UInt32] {
        ids.reserveCapacity(ids.count + texts.count)
        return texts.map { text in
            let key = TextNormalization.duplicateKey(text)
            if let id = ids[key] { return id }
            let id = UInt32(truncatingIfNeeded: ids.count)
            ids[key] = id
            return id
        }
    }
}

extension TokenizedCorpus {
    /// The rows at `rows`, in that order, as a corpus of their own.
    ///
    /// - Complexity: O(rows.count + their tokens).
    public func selecting(_ rows: [Int]) -> TokenizedCorpus {
        var ids = [UInt32]()
        var offsets = [0]
        offsets.reserveCapacity(rows.count + 1)
        for row in rows {
            ids.append(contentsOf: tokens(ofRow: row))
            offsets.append(ids.count)
        }
        return TokenizedCorpus(tokenIDs: ids, rowOffsets: offsets)
    }
}
