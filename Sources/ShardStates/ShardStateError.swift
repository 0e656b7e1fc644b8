/// Why shard states cannot be read, profiled or merged. Messages are one lowercase line naming the file.
public enum ShardStateError: Error, Equatable, CustomStringConvertible {
    /// The file is not a shard state this build can read.
    case unreadable(path: String, reason: String)
    /// States that must agree do not.
    case mismatch(path: String, reason: String)
    /// Shards of a dataset are missing or given twice.
    case coverage(dataset: String, reason: String)
    /// The profile could not embed the sample.
    case embeddingFailed(String)
    /// The shard's settings are not usable.
    case invalidShard(String)

    /// One lowercase line.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): not a readable assay shard state: \(reason)"
        case .mismatch(let path, let reason): "\(path): \(reason)"
        case .coverage(let dataset, let reason): "shards of '\(dataset)': \(reason)"
        case .embeddingFailed(let reason): "embedding the sample failed: \(reason)"
        case .invalidShard(let reason): reason
        }
    }
}
