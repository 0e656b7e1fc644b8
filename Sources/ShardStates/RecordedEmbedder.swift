import LinearAlgebra
import SentenceEmbeddings

/// An embedder that answers with the vectors a profile already computed for the sampled texts, and asks
/// the embedder they came from for any other text (the real data given to the merge).
///
/// Embedders are pure functions of each text (``SentenceEmbeddings/Embedder``), so the recorded vector of a
/// text is the one `base` would give; the identity is `base`'s.
struct RecordedEmbedder: Embedder {
    /// The embedder the profiles ran.
    let base: any Embedder
    /// The recorded vectors by text.
    let recorded: [String: [Float]]

    var identity: String { base.identity }
    var dimension: Int { base.dimension }

    /// - Complexity: O(texts · dimension) plus embedding the texts not recorded.
    func embed(_ texts: [String]) throws -> Matrix {
        let missing = Array(Set(texts.filter { recorded[$0] == nil })).sorted()
        let fresh = missing.isEmpty ? Matrix(rows: 0, columns: dimension) : try base.embed(missing)
        var freshRows: [String: Int] = [:]
        for (row, text) in missing.enumerated() { freshRows[text] = row }
        var storage = [Float]()
        storage.reserveCapacity(texts.count * dimension)
        for text in texts {
            if let vector = recorded[text] {
                storage.append(contentsOf: vector)
            } else if let row = freshRows[text] {
                storage.append(contentsOf: fresh.storage[(row * fresh.columns)..<((row + 1) * fresh.columns)])
            }
        }
        return try Matrix(rows: texts.count, columns: dimension, storage: storage)
    }
}
