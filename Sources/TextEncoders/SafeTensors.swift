import Foundation

/// A parsed safetensors file: an 8-byte little-endian header length, a JSON header naming every tensor's
/// dtype, shape and byte range, then the raw tensor bytes.
///
/// Every header entry is validated when the file is opened (known dtype, non-negative shape, offsets inside the
/// data section and matching the shape's byte size), so later reads cannot go out of bounds. Floating-point
/// tensors (`F32`, `F16`, `BF16`, `F64`) convert to `Float`; other dtypes are listed but not converted.
public struct SafeTensors: Sendable {
    /// One tensor's entry in the header.
    public struct TensorInfo: Sendable, Equatable {
        /// The tensor's name, for example `encoder.layer.0.attention.self.query.weight`.
        public let name: String
        /// The dtype as the file spells it (`F32`, `F16`, `BF16`, `I64`…).
        public let dtype: String
        /// The shape, outermost dimension first (row-major).
        public let shape: [Int]
        /// Byte range inside the data section (after the header).
        public let byteRange: Range<Int>

        /// Number of elements: the product of the shape (1 for a scalar).
        public var elementCount: Int { shape.reduce(1, *) }
    }

    /// The file the tensors were read from, as given; used in every error message.
    public let path: String
    /// Every tensor in the file by name.
    public let tensors: [String: TensorInfo]
    /// The header's optional `__metadata__` string map.
    public let metadata: [String: String]
    private let data: Data

    /// Bytes per element of every dtype the safetensors format defines.
    static let elementSizes: [String: Int] = [
        "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1, "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
        "I32": 4, "U32": 4, "F32": 4, "F64": 8, "I64": 8, "U64": 8,
    ]

    /// Reads and validates the file at `path`.
    ///
    /// - Throws: ``TextEncoderError/missingFile(path:)``, ``TextEncoderError/unreadableFile(path:reason:)`` or
    ///   ``TextEncoderError/malformedFile(path:reason:)`` naming `path`.
    /// - Complexity: O(file size) to read the bytes, O(header size) to validate.
    public init(contentsOf path: String) throws(TextEncoderError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw .unreadableFile(path: path, reason: "\(error.localizedDescription)".lowercased())
        }
        try self.init(bytes: bytes, path: path)
    }

    /// Parses safetensors bytes already in memory; `path` only labels errors.
    ///
    /// - Throws: ``TextEncoderError/malformedFile(path:reason:)`` naming `path` when the header length, the
    ///   header JSON or any tensor entry is invalid.
    /// - Complexity: O(header size) plus one copy of the data section.
    public init(bytes: Data, path: String) throws(TextEncoderError) {
        self.path = path
        let fileSize = bytes.count
        guard fileSize >= 8 else {
            throw .malformedFile(
                path: path, reason: "file has \(fileSize) bytes, too short for the 8-byte header length")
        }
        var headerLength: UInt64 = 0
        for (shift, byte) in bytes.prefix(8).enumerated() { headerLength |= UInt64(byte) << (8 * UInt64(shift)) }
        guard headerLength <= UInt64(fileSize - 8) else {
            throw .malformedFile(
                path: path, reason: "header length \(headerLength) exceeds the \(fileSize - 8) bytes after it")
        }
        let headerEnd = 8 + Int(headerLength)
        let headerBytes = bytes.subdata(in: bytes.startIndex + 8..<bytes.startIndex + headerEnd)
        let raw: [String: HeaderEntry]
        do {
            raw = try JSONDecoder().decode([String: HeaderEntry].self, from: headerBytes)
        } catch {
            throw .malformedFile(path: path, reason: "header is not a safetensors json object: \(Self.describe(error))")
        }
        let data = bytes.subdata(in: bytes.startIndex + headerEnd..<bytes.startIndex + fileSize)
        var tensors: [String: TensorInfo] = [:]
        var metadata: [String: String] = [:]
        for (name, entry) in raw {
            switch entry {
            case .metadata(let values):
                guard name == "__metadata__" else {
                    throw .malformedFile(path: path, reason: "tensor \(name): expected dtype, shape and data_offsets")
                }
                metadata = values
            case .tensor(let dtype, let shape, let offsets):
                guard name != "__metadata__" else {
                    throw .malformedFile(path: path, reason: "__metadata__: expected a map of strings")
                }
                tensors[name] = try Self.validate(
                    name: name, dtype: dtype, shape: shape, offsets: offsets, dataSize: data.count, path: path)
            }
        }
        self.tensors = tensors
        self.metadata = metadata
        self.data = data
    }

    private static func validate(
        name: String, dtype: String, shape: [Int], offsets: [Int], dataSize: Int, path: String
    ) throws(TextEncoderError) -> TensorInfo {
        guard let elementSize = elementSizes[dtype] else {
            throw .malformedFile(path: path, reason: "tensor \(name): unknown dtype \(dtype)")
        }
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw .malformedFile(path: path, reason: "tensor \(name): negative dimension in shape \(shape)")
        }
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw .malformedFile(path: path, reason: "tensor \(name): shape \(shape) overflows")
            }
            count = product
        }
        guard offsets.count == 2 else {
            throw .malformedFile(path: path, reason: "tensor \(name): data_offsets must hold two numbers")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin >= 0, begin <= end, end <= dataSize else {
            throw .malformedFile(
                path: path, reason: "tensor \(name): data_offsets [\(begin), \(end)] outside the \(dataSize) data bytes"
            )
        }
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: elementSize)
        guard !overflow, end - begin == byteCount else {
            throw .malformedFile(
                path: path,
                reason: "tensor \(name): \(end - begin) bytes for \(dtype) shape \(shape), expected \(byteCount)")
        }
        return TensorInfo(name: name, dtype: dtype, shape: shape, byteRange: begin..<end)
    }

    /// Returns the tensor `name` converted to `Float`, row-major.
    ///
    /// - Parameters:
    ///   - name: the tensor's name in the header.
    ///   - shape: when given, the shape the tensor must have.
    /// - Returns: the `elementCount` values, converted from the file's dtype.
    /// - Throws: ``TextEncoderError/malformedFile(path:reason:)`` when the tensor is absent or has another shape,
    ///   ``TextEncoderError/unsupported(path:reason:)`` when its dtype is not floating point.
    /// - Complexity: O(elements).
    public func floats(_ name: String, shape: [Int]? = nil) throws(TextEncoderError) -> [Float] {
        guard let info = tensors[name] else { throw .malformedFile(path: path, reason: "tensor \(name) is missing") }
        if let shape, shape != info.shape {
            throw .malformedFile(path: path, reason: "tensor \(name): shape \(info.shape), expected \(shape)")
        }
        let count = info.elementCount
        var result = [Float](repeating: 0, count: count)
        let range = info.byteRange
        switch info.dtype {
        case "F32":
            data.withUnsafeBytes { raw in
                result.withUnsafeMutableBytes { destination in
                    destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[range]))
                }
                #if _endian(big)
                    for i in 0..<count { result[i] = Float(bitPattern: UInt32(littleEndian: result[i].bitPattern)) }
                #endif
            }
        case "F16":
            data.withUnsafeBytes { raw in
                for i in 0..<count {
                    let bits = raw.loadUnaligned(fromByteOffset: range.lowerBound + 2 * i, as: UInt16.self)
                    result[i] = Float(Float16(bitPattern: UInt16(littleEndian: bits)))
                }
            }
        case "BF16":
            data.withUnsafeBytes { raw in
                for i in 0..<count {
                    let bits = raw.loadUnaligned(fromByteOffset: range.lowerBound + 2 * i, as: UInt16.self)
                    result[i] = Float(bitPattern: UInt32(UInt16(littleEndian: bits)) << 16)
                }
            }
        case "F64":
            data.withUnsafeBytes { raw in
                for i in 0..<count {
                    let bits = raw.loadUnaligned(fromByteOffset: range.lowerBound + 8 * i, as: UInt64.self)
                    result[i] = Float(Double(bitPattern: UInt64(littleEndian: bits)))
                }
            }
        default:
            throw .unsupported(path: path, reason: "tensor \(name): dtype \(info.dtype) is not floating point")
        }
        return result
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
            DecodingError.keyNotFound(_, let context), DecodingError.valueNotFound(_, let context):
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (key.isEmpty ? "" : "\(key): ") + context.debugDescription.lowercased()
        default:
            return "invalid json"
        }
    }
}

/// One value of the safetensors JSON header: a tensor entry or the `__metadata__` string map.
private enum HeaderEntry: Decodable {
    case tensor(dtype: String, shape: [Int], offsets: [Int])
    case metadata([String: String])

    private enum Keys: String, CodingKey {
        case dtype
        case shape
        case dataOffsets = "data_offsets"
    }

    init(from decoder: any Decoder) throws {
        if let values = try? decoder.singleValueContainer().decode([String: String].self) {
            self = .metadata(values)
            return
        }
        let container = try decoder.container(keyedBy: Keys.self)
        self = .tensor(
            dtype: try container.decode(String.self, forKey: .dtype),
            shape: try container.decode([Int].self, forKey: .shape),
            offsets: try container.decode([Int].self, forKey: .dataOffsets))
    }
}
