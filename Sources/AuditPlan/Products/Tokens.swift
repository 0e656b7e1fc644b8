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
                keys.store(textKeyIDs(datasets), at: 0)
            }
        }
        return (tokens.values[0], textKeys ? keys.values[0] : nil)
    }

    /// Per dataset and row, the id of its text's ``TextNormalization/duplicateKey(_:)``, shared by every
    /// dataset of the run (so keys compare across datasets), numbered in order of first appearance.
    ///
    /// The keys are not kept: each distinct key is remembered by its hash and the row it first appeared
    /// in, and a row whose key hash is known is compared with that row's key, recomputed, so ids are exact
    /// (two keys with one hash are told apart, the later ones through a small table of their own) while the
    /// texts are held only once, in the datasets.
    ///
    /// - Parameters:
    ///   - datasets: the datasets, in run order.
    ///   - hash: the hash of a key (tests pass a poor one to exercise equal hashes).
    /// - Returns: one id per row of each dataset.
    /// - Complexity: O(total characters) time; O(distinct texts) memory besides the ids.
    static func textKeyIDs(_ datasets: [Dataset], hash: (String) -> Int = { $0.hashValue }) -> [[UInt32]] {
        struct FirstRow {
            let id: UInt32
            let dataset: Int
            let row: Int
        }
        var byHash: [Int: FirstRow] = [:]
        byHash.reserveCapacity(datasets.reduce(0) { $0 + $1.count })
        var sharedHash: [String: UInt32] = [:]
        var next: UInt32 = 0
        return datasets.enumerated().map { position, dataset in
            dataset.texts.enumerated().map { row, text in
                let key = TextNormalization.duplicateKey(text)
                let hashed = hash(key)
                guard let first = byHash[hashed] else {
                    byHash[hashed] = FirstRow(id: next, dataset: position, row: row)
                    next &+= 1
                    return next &- 1
                }
                if TextNormalization.duplicateKey(datasets[first.dataset].texts[first.row]) == key {
                    return first.id
                }
                if let id = sharedHash[key] { return id }
                sharedHash[key] = next
                next &+= 1
                return next &- 1
            }
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
