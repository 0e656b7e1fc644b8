/// Errors thrown by the `TextEncoders` module: model files that are missing, unreadable or malformed.
///
/// Every case names the file it is about; ``description`` is one lowercase line, `path: reason`.
public enum TextEncoderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file the model needs does not exist.
    case missingFile(path: String)
    /// A file exists but cannot be read.
    case unreadableFile(path: String, reason: String)
    /// A file was read but its content is not what the format requires.
    case malformedFile(path: String, reason: String)
    /// A well-formed file describes something this module does not implement (an activation, a pooling mode…).
    case unsupported(path: String, reason: String)

    /// A one-line, lowercase message: `path: reason`.
    public var description: String {
        switch self {
        case .missingFile(let path): "\(path): no such file"
        case .unreadableFile(let path, let reason): "\(path): cannot read: \(reason)"
        case .malformedFile(let path, let reason): "\(path): \(reason)"
        case .unsupported(let path, let reason): "\(path): unsupported: \(reason)"
        }
    }
}
