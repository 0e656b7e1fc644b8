/// How each stored vector component is kept: `float32` exactly as computed, or `float16` (IEEE binary16,
/// rounded to nearest, ties to even, as numpy's `astype(float16)`), which halves the memory and changes
/// each unit-vector component by at most 2⁻¹² (relative error 2⁻¹¹), so cosine similarities move by about
/// 10⁻³ at most. Arithmetic is always in float32 (or double where a metric says so).
public enum VectorPrecision: String, Sendable, CaseIterable, Codable {
    case float32
    case float16

    /// Bytes per component.
    public var byteWidth: Int {
        switch self {
        case .float32: 4
        case .float16: 2
        }
    }
}

/// Where a ``VectorStore`` keeps its bytes.
public enum VectorLocation: Sendable, Equatable {
    /// On the heap.
    case memory
    /// In an unlinked, memory-mapped scratch file created in this folder: the kernel may write the vectors
    /// back to disk and drop them from memory under pressure, and stages that are done with a range of rows
    /// drop it from the resident set.
    case mappedFile(directory: String)
}

/// Why vectors could not be stored.
public enum VectorStorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The scratch file could not be created, reserved or mapped.
    case scratchFile(directory: String, reason: String)
    /// `rows × dimension` components do not fit in memory addresses.
    case tooLarge(rows: Int, dimension: Int)

    /// One line naming the folder or the size, and what to do about it.
    public var description: String {
        switch self {
        case .scratchFile(let directory, let reason):
            "vector scratch folder \(directory): \(reason) (choose another with --scratch-dir, or keep the vectors "
                + "in memory with --vector-store memory)"
        case .tooLarge(let rows, let dimension):
            "\(rows) vectors of dimension \(dimension) are too many to store"
        }
    }
}
