import AuditModel
import AuditPlan
import CZlib

extension MetricID {
    /// UTF-8 size of the rows' texts joined with spaces, divided by their gzip-compressed size.
    public static let compressionRatio = MetricID("compression_ratio")
}

/// `compression_ratio`: the rows' texts joined with single spaces, encoded in UTF-8, divided by the size
/// of that text compressed with gzip at level 9 (zlib's deflate, 32 KB window, memory level 8, default
/// strategy; the size counts gzip's 10-byte header and 8-byte trailer). Higher means more repetitive:
/// what a compressor can factor out is what the rows repeat (Shaib et al. 2024, "Standardizing the
/// Measurement of Text Diversity"). Equal to Python's `len(data) / len(gzip.compress(data, 9))` with the
/// same zlib.
///
/// The joined text is never built: the rows stream through the compressor in 64 KB chunks.
///
/// - Complexity: O(total characters) time; O(1) memory beyond zlib's 256 KB state.
struct CompressionRatio: ScopeMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .compressionRatio, title: "Compression ratio",
            summary: "size of the texts joined with spaces over their gzip-compressed size (higher: more repetitive)",
            direction: .lowerIsBetter, dimension: .diversity, card: "Metrics/compression-ratio.md")
    }

    func value(in scope: MetricScope) -> MetricValue {
        guard scope.rowCount > 0 else { return .skipped(.noRows) }
        guard let sizes = Self.gzipSizes(scope.texts) else { return .skipped(.undefined("zlib failed")) }
        return .finite(Double(sizes.original) / Double(sizes.compressed))
    }

    /// The UTF-8 size of `texts` joined with single spaces, and the size of its gzip stream at level 9;
    /// `nil` if zlib fails (out of memory).
    static func gzipSizes(_ texts: [String]) -> (original: Int, compressed: Int)? {
        var stream = z_stream()
        // windowBits 15 + 16: a gzip header and trailer around the deflate stream.
        let status = deflateInit2_(
            &stream, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        let chunk = 1 << 16
        var input = [UInt8]()
        input.reserveCapacity(chunk)
        var output = [UInt8](repeating: 0, count: chunk)
        var original = 0
        var failed = false

        func compress(_ flush: Int32) {
            input.withUnsafeMutableBufferPointer { source in
                output.withUnsafeMutableBufferPointer { target in
                    stream.next_in = source.baseAddress
                    stream.avail_in = UInt32(source.count)
                    repeat {
                        stream.next_out = target.baseAddress
                        stream.avail_out = UInt32(target.count)
                        let result = deflate(&stream, flush)
                        if result == Z_STREAM_ERROR { failed = true }
                    } while stream.avail_out == 0 && !failed
                }
            }
            original += input.count
            input.removeAll(keepingCapacity: true)
        }

        for (index, text) in texts.enumerated() {
            if index > 0 { input.append(0x20) }
            var utf8 = text.utf8[...]
            while !utf8.isEmpty {
                let room = chunk - input.count
                input.append(contentsOf: utf8.prefix(room))
                utf8 = utf8.dropFirst(room)
                if input.count == chunk { compress(Z_NO_FLUSH) }
            }
        }
        compress(Z_FINISH)
        guard !failed else { return nil }
        return (original, Int(stream.total_out))
    }
}
