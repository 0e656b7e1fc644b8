import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One embedder's cache file: reading the vectors of some texts, appending new ones, rebuilding.
///
/// Layout (integers little-endian):
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 8 | magic `ASSAYEMB` |
/// | 8 | 4 | format version, 1 |
/// | 12 | 4 | dimension d |
/// | 16 | 8 | committed record count |
/// | 24 | 4 | identity length n, in UTF-8 bytes |
/// | 28 | n | the embedder's identity |
/// | 28 + n | (16 + 4d) each | records: 16-byte ``TextDigest``, then d Float32 |
///
/// Crash safety: new records are appended after the committed ones and flushed (`fsync`) before
/// the committed count is updated and flushed, so a crash leaves at worst uncommitted bytes past
/// the committed records, which readers ignore and the next writer truncates. A file shorter than
/// its count (truncated by hand or by a full disk) serves its whole records. New files and
/// rebuilt ones are written under a temporary name and renamed into place. Writers hold an
/// exclusive `flock` while appending, so concurrent audits do not interleave records.
struct EmbeddingCacheFile {
    static let magic = Array("ASSAYEMB".utf8)
    static let version: UInt32 = 1
    static let fixedHeaderSize = 28
    static let countOffset: off_t = 16

    let url: URL
    let identity: String
    let dimension: Int

    var identityBytes: [UInt8] { Array(identity.utf8) }
    var headerSize: Int { Self.fixedHeaderSize + identityBytes.count }
    var recordSize: Int { 16 + 4 * dimension }

    /// What reading found.
    enum ReadStatus: Equatable {
        /// No file yet.
        case missing
        /// A valid header and `committed` usable records (a missing tail was reported as a warning).
        case valid(committed: Int)
        /// Not a cache for this embedder (or damaged header): rebuild it.
        case mismatched(String)
        /// The file exists but cannot be read: leave it alone.
        case unreadable(String)
    }

    /// Reads the records whose digests are keys of `wanted` (digest → slot), storing the vector of
    /// slot `s` as row `rows[s]` of the row-major `vectors` and setting `found[s]`.
    ///
    /// Records with a non-finite value are skipped and counted in `corrupt`.
    ///
    /// - Complexity: O(file size), read in blocks of about 4 MB.
    func read(
        wanted: [TextDigest: Int], rows: [Int], vectors: inout [Float], found: inout [Bool],
        warnings: inout [String]
    ) -> ReadStatus {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            return code == ENOENT || code == ENOTDIR ? .missing : .unreadable(Self.reason(code))
        }
        defer { close(fd) }
        let header: Header
        switch readHeader(fd) {
        case .success(let h): header = h
        case .failure(let problem): return problem.status
        }
        let available = (header.fileSize - headerSize) / recordSize
        let committed = min(header.count, available)
        if available < header.count {
            warnings.append(
                "\(url.path): file is truncated, \(header.count - available) of \(header.count) records lost")
        }
        let perBlock = max(1, (4 << 20) / recordSize)
        var buffer = [UInt8](repeating: 0, count: perBlock * recordSize)
        var corrupt = 0
        var record = 0
        while record < committed {
            let count = min(perBlock, committed - record)
            let bytes = count * recordSize
            let offset = off_t(headerSize + record * recordSize)
            guard Self.readAll(fd, &buffer, bytes, at: offset) else {
                warnings.append("\(url.path): read failed after \(record) records: \(Self.reason(errno))")
                return .valid(committed: record)
            }
            buffer.withUnsafeBytes { raw in
                for r in 0..<count {
                    let base = r * recordSize
                    let digest = TextDigest(raw: raw, at: base)
                    guard let slot = wanted[digest], !found[slot] else { continue }
                    var finite = true
                    let destination = rows[slot] * dimension
                    vectors.withUnsafeMutableBufferPointer { out in
                        for c in 0..<dimension {
                            let bits = UInt32(
                                littleEndian: raw.loadUnaligned(fromByteOffset: base + 16 + 4 * c, as: UInt32.self))
                            let value = Float(bitPattern: bits)
                            finite = finite && value.isFinite
                            out[destination + c] = value
                        }
                    }
                    if finite { found[slot] = true } else { corrupt += 1 }
                }
            }
            record += count
        }
        if corrupt > 0 {
            warnings.append("\(url.path): \(corrupt) corrupt records ignored")
        }
        return .valid(committed: committed)
    }

    /// Appends `records` (digest and vector) to a valid file, or writes a new file holding only
    /// them when `rebuild` is true. Returns a warning instead of throwing.
    ///
    /// - Complexity: O(records × dimension) bytes written, two `fsync`s.
    func store(_ records: [(TextDigest, ArraySlice<Float>)], rebuild: Bool) -> String? {
        guard !records.isEmpty || rebuild else { return nil }
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            return "\(directory.path): cannot create the cache directory, vectors not stored"
        }
        if !rebuild {
            switch append(records) {
            case .appended: return nil
            case .failed(let reason): return "\(url.path): \(reason), vectors not stored"
            case .needsRebuild: break
            }
        }
        return writeNew(records)
    }

    private enum AppendResult {
        case appended
        case failed(String)
        case needsRebuild
    }

    private func append(_ records: [(TextDigest, ArraySlice<Float>)]) -> AppendResult {
        let fd = open(url.path, O_RDWR | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            return code == ENOENT ? .needsRebuild : .failed("cannot open for writing: \(Self.reason(code))")
        }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { return .failed("cannot lock: \(Self.reason(errno))") }
        defer { flock(fd, LOCK_UN) }
        // Another process may have appended or rebuilt since we read: read the header again.
        guard case .success(let header) = readHeader(fd) else { return .needsRebuild }
        let committed = min(header.count, (header.fileSize - headerSize) / recordSize)
        let end = headerSize + committed * recordSize
        guard ftruncate(fd, off_t(end)) == 0 else { return .failed("cannot truncate: \(Self.reason(errno))") }
        var bytes = encode(records)
        guard Self.writeAll(fd, &bytes, at: off_t(end)), fsync(fd) == 0 else {
            let reason = Self.reason(errno)
            _ = ftruncate(fd, off_t(end))
            return .failed("cannot append: \(reason)")
        }
        var count = Self.littleEndianBytes(UInt64(committed + records.count))
        guard Self.writeAll(fd, &count, at: Self.countOffset), fsync(fd) == 0 else {
            return .failed("cannot update the record count: \(Self.reason(errno))")
        }
        return .appended
    }

    /// Writes header and `records` to a temporary file and renames it over the cache file.
    private func writeNew(_ records: [(TextDigest, ArraySlice<Float>)]) -> String? {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { return "\(url.path): cannot write: \(Self.reason(errno)), vectors not stored" }
        var bytes = headerBytes(count: records.count) + encode(records)
        let written = Self.writeAll(fd, &bytes, at: 0) && fsync(fd) == 0
        let code = errno
        close(fd)
        guard written, rename(temporary.path, url.path) == 0 else {
            let reason = Self.reason(written ? errno : code)
            unlink(temporary.path)
            return "\(url.path): cannot write: \(reason), vectors not stored"
        }
        return nil
    }

    private func headerBytes(count: Int) -> [UInt8] {
        Self.magic + Self.littleEndianBytes(Self.version) + Self.littleEndianBytes(UInt32(dimension))
            + Self.littleEndianBytes(UInt64(count)) + Self.littleEndianBytes(UInt32(identityBytes.count))
            + identityBytes
    }

    private func encode(_ records: [(TextDigest, ArraySlice<Float>)]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: records.count * recordSize)
        bytes.withUnsafeMutableBytes { raw in
            for (r, (digest, vector)) in records.enumerated() {
                let base = r * recordSize
                digest.store(to: raw, at: base)
                for (c, value) in vector.enumerated() {
                    raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: base + 16 + 4 * c, as: UInt32.self)
                }
            }
        }
        return bytes
    }

    private struct Header {
        let count: Int
        let fileSize: Int
    }

    private struct HeaderProblem: Error {
        let status: ReadStatus
    }

    /// Reads and checks the header of the open file `fd`.
    private func readHeader(_ fd: Int32) -> Result<Header, HeaderProblem> {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(HeaderProblem(status: .unreadable(Self.reason(errno)))) }
        let size = Int(info.st_size)
        guard size >= headerSize else {
            return .failure(HeaderProblem(status: .mismatched("header is missing or short")))
        }
        var bytes = [UInt8](repeating: 0, count: headerSize)
        guard Self.readAll(fd, &bytes, headerSize, at: 0) else {
            return .failure(HeaderProblem(status: .unreadable(Self.reason(errno))))
        }
        guard bytes.prefix(8).elementsEqual(Self.magic) else {
            return .failure(HeaderProblem(status: .mismatched("not an assay embedding cache")))
        }
        return bytes.withUnsafeBytes { raw in
            let version = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            let dimension = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
            let count = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
            let identityLength = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
            guard version == Self.version else {
                return .failure(HeaderProblem(status: .mismatched("unsupported cache version \(version)")))
            }
            guard dimension == self.dimension, identityLength == identityBytes.count,
                raw[Self.fixedHeaderSize...].elementsEqual(identityBytes)
            else {
                return .failure(HeaderProblem(status: .mismatched("written for another embedder")))
            }
            return .success(Header(count: Int(clamping: count), fileSize: size))
        }
    }

    /// Reads exactly `count` bytes at `offset` into `buffer`.
    private static func readAll(_ fd: Int32, _ buffer: inout [UInt8], _ count: Int, at offset: off_t) -> Bool {
        buffer.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return count == 0 }
            var done = 0
            while done < count {
                let n = pread(fd, base + done, count - done, offset + off_t(done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
    }

    /// Writes all of `bytes` at `offset`.
    private static func writeAll(_ fd: Int32, _ bytes: inout [UInt8], at offset: off_t) -> Bool {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return true }
            var done = 0
            while done < raw.count {
                let n = pwrite(fd, base + done, raw.count - done, offset + off_t(done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
    }

    private static func littleEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    /// A lowercase description of the C error `code`.
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
