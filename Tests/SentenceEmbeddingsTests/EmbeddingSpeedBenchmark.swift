import AssayTestSupport
import Foundation
import Testing
import TextTokenization

@testable import SentenceEmbeddings

/// Speed measurement, not an assertion: runs only with `ASSAY_BENCH=1` and prints its figures.
///
///     ASSAY_BENCH=1 OPENBLAS_NUM_THREADS=1 swift test -c release --filter EmbeddingSpeedBenchmark
///
/// Embeds 100,000 short texts: GoEmotions Reddit comments from `../shared/datasets` when present
/// (each made distinct by a row number), otherwise generated sentences.
@Suite("Embedding speed (ASSAY_BENCH=1)", .enabled(if: ProcessInfo.processInfo.environment["ASSAY_BENCH"] == "1"))
struct EmbeddingSpeedBenchmark {
    static func texts(count: Int) -> (texts: [String], source: String) {
        let file = RepositoryPaths.root.deletingLastPathComponent()
            .appendingPathComponent("shared/datasets/goemotions/goemotions.jsonl")
        var base: [String] = []
        if let data = try? String(contentsOf: file, encoding: .utf8) {
            for line in data.split(separator: "\n") {
                if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let text = object["text"] as? String
                {
                    base.append(text)
                }
            }
        }
        let source = base.isEmpty ? "generated" : "goemotions (\(base.count) comments)"
        if base.isEmpty {
            base = (0..<1000).map { "this is generated sentence \($0) about topic \($0 % 17), quite short!" }
        }
        return ((0..<count).map { "\(base[$0 % base.count]) \($0)" }, source)
    }

    @Test func hundredThousandShortTexts() throws {
        let (texts, source) = Self.texts(count: 100_000)
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        let embedder = HashingEmbedder()
        _ = try embedder.embed(Array(texts.prefix(1000)))  // warm up
        var best = Double.infinity
        for _ in 0..<3 {
            let start = ContinuousClock.now
            let m = try embedder.embed(texts)
            let elapsed = ContinuousClock.now - start
            #expect(m.rows == texts.count)
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print(
            "hashing embedder: \(texts.count) texts (\(source), \(bytes / texts.count) bytes mean), "
                + "dim \(embedder.dimension), \(cores) cores: best of 3 \(String(format: "%.3f", best)) s, "
                + "\(Int(Double(texts.count) / best)) texts/s")

        // One core: chunks of 256 embedded one after another (each call is then a single work item).
        var serial = Double.infinity
        for _ in 0..<2 {
            let start = ContinuousClock.now
            for chunk in stride(from: 0, to: texts.count, by: HashingEmbedder.chunkSize) {
                _ = try embedder.embed(Array(texts[chunk..<min(texts.count, chunk + HashingEmbedder.chunkSize)]))
            }
            let elapsed = ContinuousClock.now - start
            serial = min(serial, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        print(
            "hashing embedder, one core: best of 2 \(String(format: "%.3f", serial)) s (speed-up \(String(format: "%.2f", serial / best)))"
        )

        let zeroStart = ContinuousClock.now
        let zeros = [Float](repeating: 0, count: texts.count * embedder.dimension)
        print(
            "allocating and zeroing the \((zeros.count * 4) >> 20) MB output alone: \(ContinuousClock.now - zeroStart)")

        let tokenStart = ContinuousClock.now
        let tokenizer = WordTokenizer()
        var tokenCount = 0
        for text in texts { tokenCount += tokenizer.tokens(in: text).count }
        print("tokenizing alone, one core: \(ContinuousClock.now - tokenStart) for \(tokenCount) tokens")

        let hashStart = ContinuousClock.now
        let digests = texts.map(TextDigest.init(of:))
        print("text digests (SHA-256): \(ContinuousClock.now - hashStart) for \(Set(digests).count) texts")

        let cache = EmbeddingCache(
            directory: FileManager.default.temporaryDirectory.appendingPathComponent("assay-bench-\(UUID().uuidString)")
        )
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        var start = ContinuousClock.now
        let cold = try cache.embedReportingWarnings(texts, with: embedder)
        let coldTime = ContinuousClock.now - start
        start = ContinuousClock.now
        let warm = try cache.embedReportingWarnings(texts, with: embedder)
        let warmTime = ContinuousClock.now - start
        #expect(cold.matrix == warm.matrix && warm.hits == texts.count)
        print("embedding cache: cold (embed + store) \(coldTime), warm (all hits) \(warmTime)")
    }
}
