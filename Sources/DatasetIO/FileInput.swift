#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads whole files (or standard input) as bytes with POSIX calls, mapping failures to `DatasetIOError`.
///
/// POSIX `open`/`fstat`/`read` keep this module free of Foundation and read each file exactly once
/// into one preallocated buffer.
public enum FileInput {
    /// The path that means standard input.
    public static let standardInputPath = "-"

    /// Whether something (file, directory, device…) exists at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Reads all bytes of `path`, or of standard input when `path` is `-`.
    ///
    /// - Complexity: O(n) in the file size; one allocation for regular files.
    public static func readAll(path: String) throws(DatasetIOError) -> [UInt8] {
        if path == standardInputPath {
            return try readToEnd(descriptor: 0, sizeHint: 0, path: path)
        }
        if path.isEmpty { throw DatasetIOError(path: path, reason: "empty path") }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 { throw failure(errno, path: path) }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) != 0 { throw failure(errno, path: path) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw DatasetIOError(path: path, reason: "is a directory") }
        let hint = (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
        return try readToEnd(descriptor: descriptor, sizeHint: hint, path: path)
    }

    /// Reads until end of file; `sizeHint` sizes the first buffer (files may grow or shrink meanwhile).
    private static func readToEnd(descriptor: Int32, sizeHint: Int, path: String) throws(DatasetIOError) -> [UInt8] {
        var capacity = max(sizeHint + 1, 64 * 1024)
        var result: [UInt8] = []
        while true {
            var buffer = [UInt8](repeating: 0, count: capacity - result.count)
            let count = try fill(&buffer, from: descriptor, path: path)
            let full = count == buffer.count
            if result.isEmpty && !full {
                buffer.removeSubrange(count...)
                return buffer
            }
            result.append(contentsOf: buffer.prefix(count))
            if !full { return result }
            capacity *= 2
        }
    }

    /// A regular file read piece by piece, so that it is never held whole.
    final class Chunks {
        private let descriptor: Int32
        private let path: String
        /// The file's size when it was opened.
        let size: Int

        /// Whether the descriptor is ours to close (not standard input's).
        private let owned: Bool

        /// Opens `path`, or standard input when it is `-` (its size is then 0: unknown).
        init(path: String) throws(DatasetIOError) {
            if path == FileInput.standardInputPath {
                descriptor = 0
                self.path = path
                size = 0
                owned = false
                return
            }
            owned = true
            if path.isEmpty { throw DatasetIOError(path: path, reason: "empty path") }
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            if descriptor < 0 { throw FileInput.failure(errno, path: path) }
            var info = stat()
            if fstat(descriptor, &info) != 0 {
                let code = errno
                close(descriptor)
                throw FileInput.failure(code, path: path)
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                close(descriptor)
                throw DatasetIOError(path: path, reason: "is a directory")
            }
            self.descriptor = descriptor
            self.path = path
            size = Int(info.st_size)
        }

        deinit { if owned { close(descriptor) } }

        /// The next `count` bytes, fewer only at the end of the file.
        func read(upTo count: Int) throws(DatasetIOError) -> [UInt8] {
            guard count > 0 else { return [] }
            var buffer = [UInt8](repeating: 0, count: count)
            let filled = try FileInput.fill(&buffer, from: descriptor, path: path)
            if filled < count { buffer.removeSubrange(filled...) }
            return buffer
        }
    }

    /// Reads from `descriptor` until `buffer` is full or the file ends (retrying on EINTR): the bytes read.
    static func fill(_ buffer: inout [UInt8], from descriptor: Int32, path: String) throws(DatasetIOError) -> Int {
        var readError: Int32 = 0
        let filled = buffer.withUnsafeMutableBytes { raw -> Int in
            var filled = 0
            while filled < raw.count {
                let got = systemRead(descriptor, raw.baseAddress.map { $0 + filled }, raw.count - filled)
                if got < 0 {
                    if errno == EINTR { continue }
                    readError = errno
                    return -1
                }
                if got == 0 { break }
                filled += got
            }
            return filled
        }
        if filled < 0 { throw failure(readError, path: path) }
        return filled
    }

    /// A lowercase error for an `errno` value.
    static func failure(_ code: Int32, path: String) -> DatasetIOError {
        switch code {
        case ENOENT: return DatasetIOError(path: path, reason: "no such file")
        case EACCES, EPERM: return DatasetIOError(path: path, reason: "permission denied")
        case EISDIR: return DatasetIOError(path: path, reason: "is a directory")
        case ENOTDIR: return DatasetIOError(path: path, reason: "not a directory in the path")
        default:
            let message = strerror(code).map { String(cString: $0) } ?? "error \(code)"
            return DatasetIOError(path: path, reason: "cannot read: \(message.lowercased())")
        }
    }
}

/// POSIX `read`, under a name the readers' own `read` methods do not hide.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
