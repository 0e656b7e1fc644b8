import Foundation
import Testing

@testable import TextEncoders

/// The safetensors reader on small files written here.
@Suite("SafeTensors")
struct SafeTensorsTests {
    /// A safetensors file: the header JSON (padded with spaces to a multiple of 8, as the reference writer does)
    /// and the data bytes.
    static func file(header: String, data: [UInt8]) -> Data {
        var json = Array(header.utf8)
        while json.count % 8 != 0 { json.append(0x20) }
        var bytes = withUnsafeBytes(of: UInt64(json.count).littleEndian) { Array($0) }
        bytes += json
        bytes += data
        return Data(bytes)
    }

    static func littleEndianBytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian) { Array($0) } }
    }

    static func littleEndianBytes(_ values: [UInt16]) -> [UInt8] {
        values.flatMap { withUnsafeBytes(of: $0.littleEndian) { Array($0) } }
    }

    @Test("F32, F16 and BF16 tensors convert to Float; metadata and I64 entries are kept")
    func floatingPointTensors() throws {
        let f32: [Float] = [1, -2.5, 3.25, 0, 1e-8, -1e8]
        // Float16 bit patterns of 1, -2, 0.5, 65504 (largest), 2^-24 (smallest subnormal), -0.
        let f16: [UInt16] = [0x3C00, 0xC000, 0x3800, 0x7BFF, 0x0001, 0x8000]
        // BFloat16 bit patterns of 1, -3, 0.15625.
        let bf16: [UInt16] = [0x3F80, 0xC040, 0x3E20]
        let data =
            Self.littleEndianBytes(f32) + Self.littleEndianBytes(f16) + Self.littleEndianBytes(bf16)
            + Array(repeating: 7, count: 16)
        let header = """
            {"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},\
            "h":{"dtype":"F16","shape":[6],"data_offsets":[24,36]},"b":{"dtype":"BF16","shape":[3],"data_offsets":[36,42]},\
            "i":{"dtype":"I64","shape":[1,2],"data_offsets":[42,58]}}
            """
        let tensors = try SafeTensors(bytes: Self.file(header: header, data: data), path: "t.safetensors")
        #expect(tensors.metadata == ["format": "pt"])
        #expect(tensors.tensors["a"]?.shape == [2, 3])
        #expect(try tensors.floats("a", shape: [2, 3]) == f32)
        #expect(try tensors.floats("h") == [1, -2, 0.5, 65504, Float(1) / 16_777_216, -0.0])
        #expect(try tensors.floats("b") == [1, -3, 0.156_25])
        #expect(tensors.tensors["i"]?.elementCount == 2)
        #expect(
            throws: TextEncoderError.unsupported(
                path: "t.safetensors", reason: "tensor i: dtype I64 is not floating point")
        ) {
            try tensors.floats("i")
        }
        #expect(
            throws: TextEncoderError.malformedFile(
                path: "t.safetensors", reason: "tensor a: shape [2, 3], expected [3, 2]")
        ) {
            try tensors.floats("a", shape: [3, 2])
        }
        #expect(throws: TextEncoderError.malformedFile(path: "t.safetensors", reason: "tensor z is missing")) {
            try tensors.floats("z")
        }
    }

    @Test("a file on disk is read; a missing one is a typed error naming it")
    func onDisk() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-safetensors-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("m.safetensors").path
        try Self.file(
            header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#,
            data: Self.littleEndianBytes([0.5, 2])
        ).write(to: URL(fileURLWithPath: path))
        #expect(try SafeTensors(contentsOf: path).floats("w") == [0.5, 2])
        let missing = directory.appendingPathComponent("absent.safetensors").path
        #expect(throws: TextEncoderError.missingFile(path: missing)) { try SafeTensors(contentsOf: missing) }
    }

    static let malformed: [(name: String, bytes: Data, reason: String)] = [
        ("short", Data([1, 2, 3]), "file has 3 bytes, too short for the 8-byte header length"),
        (
            "huge header length", Data([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x7B, 0x7D]),
            "header length 9223372036854775807 exceeds the 2 bytes after it"
        ),
        ("not json", file(header: "nope", data: []), "header is not a safetensors json object"),
        ("array header", file(header: "[1,2]", data: []), "header is not a safetensors json object"),
        (
            "unknown dtype", file(header: #"{"w":{"dtype":"Q7","shape":[1],"data_offsets":[0,1]}}"#, data: [0]),
            "tensor w: unknown dtype Q7"
        ),
        (
            "negative shape",
            file(header: #"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]),
            "tensor w: negative dimension in shape [-1]"
        ),
        (
            "offsets out of range",
            file(header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [0, 0, 0, 0]),
            "tensor w: data_offsets [0, 8] outside the 4 data bytes"
        ),
        (
            "reversed offsets",
            file(header: #"{"w":{"dtype":"F32","shape":[0],"data_offsets":[4,0]}}"#, data: [0, 0, 0, 0]),
            "tensor w: data_offsets [4, 0] outside the 4 data bytes"
        ),
        (
            "size mismatch",
            file(header: #"{"w":{"dtype":"F16","shape":[3],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]),
            "tensor w: 4 bytes for F16 shape [3], expected 6"
        ),
        (
            "one offset", file(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, data: [0, 0, 0, 0]),
            "tensor w: data_offsets must hold two numbers"
        ),
        (
            "missing key", file(header: #"{"w":{"dtype":"F32","shape":[1]}}"#, data: [0, 0, 0, 0]),
            "header is not a safetensors json object"
        ),
        (
            "float shape",
            file(header: #"{"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]),
            "header is not a safetensors json object"
        ),
        (
            "overflowing shape",
            file(
                header: #"{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}"#,
                data: [0, 0, 0, 0]),
            "tensor w: shape [4294967296, 4294967296] overflows"
        ),
    ]

    @Test("malformed files are typed errors naming the file", arguments: malformed)
    func malformedFile(_ example: (name: String, bytes: Data, reason: String)) {
        do {
            _ = try SafeTensors(bytes: example.bytes, path: "bad.safetensors")
            Issue.record("\(example.name): no error")
        } catch {
            guard case .malformedFile(let path, let reason) = error else {
                Issue.record("\(example.name): \(error)")
                return
            }
            #expect(path == "bad.safetensors")
            #expect(reason.hasPrefix(example.reason), "\(example.name): \(reason)")
            #expect(error.description.hasPrefix("bad.safetensors: "))
        }
    }
}
