import Foundation
import LinearAlgebra
import Testing

@testable import TextEncoders

/// Embeddings against sentence-transformers (References/golden_minilm.py, PyTorch on CPU).
@Suite("MiniLMEncoder against sentence-transformers")
struct MiniLMEncoderParityTests {
    /// The encoder, loaded once for every test that needs it.
    static let encoder: Result<MiniLMEncoder, TextEncoderError> = Result { () throws(TextEncoderError) in
        try MiniLMEncoder(directory: Support.modelDirectory)
    }

    @Test(
        "cosine ≥ 0.9999 with sentence-transformers on every golden row (the shared-dataset rows when present)",
        .enabled(if: Support.modelPresent, "run scripts/fetch-minilm.sh: .models/all-MiniLM-L6-v2 is absent"))
    func parity() throws {
        let encoder = try Self.encoder.get()
        let all = try Support.decode(Support.EmbeddingGolden.self, "minilm_embeddings.json")
        let (rows, texts) = try Support.checkable(all.rows)
        #expect(rows.count >= (Support.datasetsPresent ? 320 : 20))
        let vectors = encoder.encode(texts, batchSize: 16)
        #expect(vectors.rows == texts.count && vectors.columns == 384)
        var worst = (cosine: 2.0, row: "")
        var largestDifference: Float = 0
        for (i, row) in rows.enumerated() {
            guard let reference = row.vector, reference.count == 384 else {
                Issue.record("\(row.label): no reference vector")
                continue
            }
            var (dot, norm, referenceNorm) = (0.0, 0.0, 0.0)
            for j in 0..<384 {
                let (a, b) = (Double(vectors[i, j]), Double(reference[j]))
                dot += a * b
                norm += a * a
                referenceNorm += b * b
                largestDifference = max(largestDifference, abs(vectors[i, j] - reference[j]))
            }
            // An empty text still has [CLS] and [SEP], so no row is zero.
            let cosine = dot / (norm.squareRoot() * referenceNorm.squareRoot())
            if cosine < worst.cosine { worst = (cosine, row.label) }
            #expect(cosine >= 0.9999, "\(row.label): cosine \(cosine)")
            #expect(abs(norm - 1) < 1e-5, "\(row.label): norm² \(norm)")
        }
        print(
            "minilm parity: \(rows.count) rows, worst cosine \(worst.cosine) (\(worst.row)), "
                + "largest element difference \(largestDifference)")
    }

    @Test(
        "a row does not depend on the batch it was encoded in",
        .enabled(if: Support.modelPresent, "run scripts/fetch-minilm.sh: .models/all-MiniLM-L6-v2 is absent"))
    func batchIndependence() throws {
        let encoder = try Self.encoder.get()
        let texts = ["a short one", "", "a considerably longer sentence, with punctuation and Ünïcödé — 東京!", "x"]
        let together = encoder.encode(texts, batchSize: 3)
        for (i, text) in texts.enumerated() {
            let alone = encoder.encode([text], batchSize: 1)
            for j in 0..<384 { #expect(abs(alone[0, j] - together[i, j]) < 1e-5) }
        }
        #expect(encoder.encode([], batchSize: 8).rows == 0)
        // Two workers (single-threaded GEMMs on whole batches) give the same rows, and restore the thread count.
        let threads = BLAS.threadCount
        let parallel = encoder.encode(texts, batchSize: 1, workers: 2)
        #expect(BLAS.threadCount == threads)
        for i in texts.indices {
            for j in 0..<384 { #expect(abs(parallel[i, j] - together[i, j]) < 1e-5) }
        }
    }
}
