import Foundation
import LinearAlgebra

/// An on-disk cache of embeddings, so that repeated audits do not embed the same texts again.
///
/// Vectors are keyed by the embedder's ``Embedder/identity`` and the first 128 bits of SHA-256
/// of each text's UTF-8 bytes. Each identity has one file in ``directory``, named after the
/// SHA-256 of the identity (`<32 hex digits>.embeddings`), holding a header (magic, version,
/// dimension, record count, identity) and fixed-size records (digest + `dimension` Float32),
/// appended as new texts are embedded; see `EmbeddingCacheFile` for the layout and why a crash
/// cannot leave a file that is read wrongly.
///
/// The cache never fails an audit: an unreadable, damaged or foreign file, a read-only
/// directory or a full disk only produce warnings (``EmbeddingCacheOutcome/warnings``), and the
/// texts are embedded as if there were no cache. A damaged or foreign file is replaced.
public struct EmbeddingCache: Sendable {
    /// The folder holding the cache files.
    public let directory: URL

    /// A cache in `directory` (created on first store).
    public init(directory: URL) {
        self.directory = directory
    }

    /// `$XDG_CACHE_HOME/assay/embeddings` when `XDG_CACHE_HOME` is set to an absolute path,
    /// otherwise `~/.cache/assay/embeddings`.
    public static var defaultDirectory: URL {
        let environment = ProcessInfo.processInfo.environment
        let base: URL
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = URL(fileURLWithPath: xdg, isDirectory: true)
        } else {
            base = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache", isDirectory: true)
        }
        return base.appendingPathComponent("assay/embeddings", isDirectory: true)
    }

    /// The file that holds the vectors of the embedder with identity `identity`.
    public func fileURL(forIdentity identity: String) -> URL {
        let name = TextDigest(of: identity).hex
        return directory.appendingPathComponent("\(name).embeddings")
    }

    /// The vectors of `texts` under `embedder`, from the cache where possible; cache problems are
    /// dropped (use ``embedReportingWarnings(_:with:)`` to show them).
    ///
    /// - Throws: what `embedder.embed` throws, or ``SentenceEmbeddingsError`` when the embedder
    ///   returns a matrix of the wrong shape or declares an invalid dimension.
    /// - Complexity: O(total text length) to hash the texts, O(cache file size) to read it, plus
    ///   the embedder's cost for the texts not found.
    public func embed(_ texts: [String], with embedder: some Embedder) throws -> Matrix {
        try embedReportingWarnings(texts, with: embedder).matrix
    }

    /// The vectors of `texts` under `embedder`, loading hits from the cache, embedding the misses
    /// (each distinct text once, in one call), storing them, and returning rows in input order.
    ///
    /// The matrix is identical, bit for bit, to `embedder.embed(texts)` for an embedder whose
    /// rows depend only on their text (as ``Embedder`` requires).
    ///
    /// - Throws: what `embedder.embed` throws, or ``SentenceEmbeddingsError`` when the embedder
    ///   returns a matrix of the wrong shape or declares an invalid dimension. Cache problems
    ///   never throw; they are in ``EmbeddingCacheOutcome/warnings``.
    /// - Complexity: as ``embed(_:with:)``.
    public func embedReportingWarnings(
        _ texts: [String], with embedder: some Embedder
    ) throws -> EmbeddingCacheOutcome {
        let d = embedder.dimension
        guard d >= 1 && d <= SentenceEmbeddingsError.maximumDimension else {
            throw SentenceEmbeddingsError.invalidDimension(d)
        }
        guard !texts.isEmpty else {
            return EmbeddingCacheOutcome(
                matrix: Matrix(rows: 0, columns: d), hits: 0, embedded: 0, warnings: [])
        }

        // Distinct texts, by digest; each input row points at its distinct slot.
        var slotOf: [TextDigest: Int] = [:]
        var digests: [TextDigest] = []
        var firstRow: [Int] = []
        var slots: [Int] = []
        slots.reserveCapacity(texts.count)
        for (row, text) in texts.enumerated() {
            let digest = TextDigest(of: text)
            if let slot = slotOf[digest] {
                slots.append(slot)
            } else {
                slotOf[digest] = digests.count
                slots.append(digests.count)
                digests.append(digest)
                firstRow.append(row)
            }
        }

        var warnings: [String] = []
        // Each distinct text's vector goes to the row of its first occurrence, then is copied to
        // the rows of its duplicates: one N × d buffer, plus the misses' matrix.
        var storage = [Float](repeating: 0, count: texts.count * d)
        var found = [Bool](repeating: false, count: digests.count)
        let file = EmbeddingCacheFile(
            url: fileURL(forIdentity: embedder.identity), identity: embedder.identity, dimension: d)
        let status = file.read(
            wanted: slotOf, rows: firstRow, vectors: &storage, found: &found, warnings: &warnings)
        switch status {
        case .mismatched(let reason):
            warnings.append("\(file.url.path): \(reason), rebuilding the cache")
        case .unreadable(let reason):
            warnings.append("\(file.url.path): cannot read: \(reason), embedding without the cache")
        case .missing, .valid:
            break
        }

        let missing = found.indices.filter { !found[$0] }
        if !missing.isEmpty {
            let fresh = try embedder.embed(missing.map { texts[firstRow[$0]] })
            guard fresh.rows == missing.count, fresh.columns == d else {
                throw SentenceEmbeddingsError.unexpectedShape(
                    identity: embedder.identity, rows: fresh.rows, columns: fresh.columns,
                    expectedRows: missing.count, expectedColumns: d)
            }
            var records: [(TextDigest, ArraySlice<Float>)] = []
            records.reserveCapacity(missing.count)
            for (r, slot) in missing.enumerated() {
                let row = fresh.storage[r * d..<(r + 1) * d]
                let target = firstRow[slot] * d
                storage.replaceSubrange(target..<target + d, with: row)
                if row.allSatisfy(\.isFinite) { records.append((digests[slot], row)) }
            }
            switch status {
            case .unreadable:
                break  // leave a file we cannot read alone
            case .missing, .mismatched:
                if let warning = file.store(records, rebuild: true) { warnings.append(warning) }
            case .valid:
                if let warning = file.store(records, rebuild: false) { warnings.append(warning) }
            }
        }

        var hits = 0
        storage.withUnsafeMutableBufferPointer { out in
            for (row, slot) in slots.enumerated() {
                if found[slot] { hits += 1 }
                let source = firstRow[slot]
                guard source != row else { continue }
                for c in 0..<d { out[row * d + c] = out[source * d + c] }
            }
        }
        let matrix = try Matrix(rows: texts.count, columns: d, storage: storage)
        return EmbeddingCacheOutcome(matrix: matrix, hits: hits, embedded: missing.count, warnings: warnings)
    }
}
