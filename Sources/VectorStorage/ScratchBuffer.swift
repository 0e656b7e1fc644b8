#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Raw bytes owned by one ``VectorStore``: an allocation on the heap, or a shared mapping of a scratch file
/// that is unlinked as soon as it is created, so nothing is left behind however the process ends.
///
/// A mapped buffer's pages belong to the kernel's page cache: the kernel may write them back to the file
/// and drop them under memory pressure, and ``releaseResidentPages(_:)`` drops them from the process's
/// resident set at once. The file's blocks are reserved with `posix_fallocate` before the mapping is
/// written, so a full disk is an error here rather than a `SIGBUS` later.
final class ScratchBuffer: @unchecked Sendable {
    // Sendable: the bytes are written only while the owning store is being built (by one writer),
    // then only read.
    let base: UnsafeMutableRawPointer
    let byteCount: Int
    /// Whether the bytes live in a mapped file (else on the heap).
    let isMapped: Bool

    /// Heap bytes, zeroed.
    init(heapBytes byteCount: Int) {
        let size = max(byteCount, 1)
        base = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        self.byteCount = byteCount
        isMapped = false
    }

    /// Bytes in a new scratch file in `directory`, zeroed, mapped shared and already unlinked.
    ///
    /// - Throws: ``VectorStorageError/scratchFile(directory:reason:)`` when the folder is missing or not
    ///   writable, the disk has no room for `byteCount` bytes, or the mapping fails.
    init(mappedBytes byteCount: Int, directory: String) throws(VectorStorageError) {
        func failure(_ what: String, _ code: Int32) -> VectorStorageError {
            .scratchFile(directory: directory, reason: "\(what): \(String(cString: strerror(code)))")
        }
        var template = Array((directory.hasSuffix("/") ? directory : directory + "/").utf8CString.dropLast())
        template += Array("assay-vectors-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { name in name.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { throw failure("cannot create a scratch file", errno) }
        defer { close(descriptor) }
        template.withUnsafeBufferPointer { name in _ = name.baseAddress.map { unlink($0) } }
        let size = max(byteCount, 1)
        let reserved = posix_fallocate(descriptor, 0, off_t(size))
        guard reserved == 0 else {
            throw failure("cannot reserve \(ScratchBuffer.megabytes(size)) MB for vectors", reserved)
        }
        guard let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0), mapped != MAP_FAILED
        else { throw failure("cannot map \(ScratchBuffer.megabytes(size)) MB of vectors", errno) }
        base = mapped
        self.byteCount = byteCount
        isMapped = true
    }

    deinit {
        if isMapped {
            munmap(base, max(byteCount, 1))
        } else {
            base.deallocate()
        }
    }

    /// Drops the whole pages inside `bytes` from the resident set (a mapped buffer only; its contents stay
    /// in the file and are read back on the next access). Does nothing for heap bytes.
    func releaseResidentPages(_ bytes: Range<Int>) {
        guard isMapped, !bytes.isEmpty else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (bytes.lowerBound + page - 1) / page * page
        let end = bytes.upperBound == byteCount ? (byteCount + page - 1) / page * page : bytes.upperBound / page * page
        guard end > start else { return }
        _ = madvise(base + start, end - start, Int32(MADV_DONTNEED))
    }

    static func megabytes(_ bytes: Int) -> Int { (bytes + (1 << 20) - 1) >> 20 }
}
