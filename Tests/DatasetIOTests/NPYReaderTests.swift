import Foundation
import Testing
import VectorStorage

@testable import DatasetIO

@Suite(".npy reading")
struct NPYReaderTests {
    /// A `.npy` file: magic, version, little-endian header length, the header padded to 64 bytes, data.
    static func npy(
        header: String, version: (UInt8, UInt8) = (1, 0), data: [UInt8] = [], pad: Bool = true
    ) -> [UInt8] {
        var text = Array(header.utf8)
        let lengthSize = version.0 == 1 ? 2 : 4
        if pad {
            let unpadded = 8 + lengthSize + text.count + 1
            text += [UInt8](repeating: 0x20, count: (64 - unpadded % 64) % 64) + [0x0A]
        }
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version.0, version.1]
        for shift in 0..<lengthSize { bytes.append(UInt8(truncatingIfNeeded: text.count >> (8 * shift))) }
        return bytes + text + data
    }

    static func f4(_ values: [Float]) -> [UInt8] {
        values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) } }
    }

    static func f8(_ values: [Double]) -> [UInt8] {
        values.flatMap { value in (0..<8).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) } }
    }

    /// The error of reading `bytes`, in memory; the same file read from disk in 5-byte chunks must fail (or
    /// not) with the same message.
    static func error(_ bytes: [UInt8]) -> String? {
        var inMemory: String?
        do {
            _ = try NPYReader.read(bytes: bytes, path: "v.npy")
        } catch {
            inMemory = error.description
        }
        let fromFile = try? fileError(bytes, chunkSize: 5)
        #expect(fromFile == inMemory, "read from a file in chunks")
        return inMemory
    }

    /// Writes `bytes` to a temporary `v.npy` and reads it with `chunkSize`: the error (its path shown as
    /// `v.npy`), or `nil`.
    static func fileError(_ bytes: [UInt8], chunkSize: Int) throws -> String? {
        let (path, folder) = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try NPYReader.read(path: path, chunkSize: chunkSize)
            return nil
        } catch {
            return error.description.replacingOccurrences(of: path, with: "v.npy")
        }
    }

    static func temporaryFile(_ bytes: [UInt8]) throws -> (path: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("npy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("v.npy")
        try Data(bytes).write(to: url)
        return (url.path, folder)
    }

    @Test func filesAreReadInChunksToTheSameValues() throws {
        let wide = (0..<300).map { Double($0) * 0.37 - 40 }
        let narrow = wide.map { Float($0) }
        for (descr, data) in [("<f4", Self.f4(narrow)), ("<f8", Self.f8(wide))] {
            let bytes = Self.npy(
                header: "{'descr': '\(descr)', 'fortran_order': False, 'shape': (100, 3), }", data: data)
            let (path, folder) = try Self.temporaryFile(bytes)
            defer { try? FileManager.default.removeItem(at: folder) }
            for chunk in [1, 8, 13, 64, 1 << 20] {
                #expect(
                    try NPYReader.read(path: path, chunkSize: chunk) == DatasetVectors(dimension: 3, values: narrow))
            }
            #expect(try NPYReader.read(path: path) == NPYReader.read(bytes: bytes, path: path))
            // Into a memory-mapped scratch file: the same values, and the store says where it lives.
            let mapped = try NPYReader.read(
                path: path, chunkSize: 13, location: .mappedFile(directory: folder.path))
            #expect(mapped.store.isMapped)
            #expect(mapped == DatasetVectors(dimension: 3, values: narrow))
        }
        // A NaN in a late chunk names its row and column.
        var late = narrow
        late[250] = .nan
        let bytes = Self.npy(
            header: "{'descr': '<f4', 'fortran_order': False, 'shape': (100, 3), }", data: Self.f4(late))
        #expect(try Self.fileError(bytes, chunkSize: 16) == "v.npy: row 84: column 2 is nan")
    }

    @Test func readsFloat32InEveryVersion() throws {
        let values: [Float] = [1, -2, 0.5, 3e-40, 1e30, -0.25]
        for version in [(UInt8(1), UInt8(0)), (2, 0), (3, 0)] {
            let bytes = Self.npy(
                header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", version: version,
                data: Self.f4(values))
            #expect(try NPYReader.read(bytes: bytes, path: "v.npy") == DatasetVectors(dimension: 3, values: values))
        }
    }

    @Test func readsFloat64RoundedToFloat32() throws {
        let values: [Double] = [0.1, -1e-50, 3.4028234663852886e38, 1 / 3]
        let bytes = Self.npy(
            header: "{'descr': '<f8', 'fortran_order': False, 'shape': (4, 1), }", data: Self.f8(values))
        let vectors = try NPYReader.read(bytes: bytes, path: "v.npy")
        #expect(vectors.values == values.map { Float($0) })
        #expect(vectors.rows == 4)
    }

    @Test(arguments: [
        "{'shape': (1, 2), 'fortran_order': False, 'descr': '<f4'}",
        "{\"descr\":\"<f4\",\"fortran_order\":False,\"shape\":(1,2,),}",
        "  {  'descr' : '<f4' ,\n 'fortran_order' : False , 'shape' : ( 1 , 2 ) }  ",
    ])
    func headerParserIsTolerant(header: String) throws {
        let bytes = Self.npy(header: header, data: Self.f4([1, 2]))
        #expect(try NPYReader.read(bytes: bytes, path: "v.npy") == DatasetVectors(dimension: 2, values: [1, 2]))
    }

    @Test func unpaddedHeaderIsAccepted() throws {
        let bytes = Self.npy(
            header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1)}", data: Self.f4([7]), pad: false)
        #expect(try NPYReader.read(bytes: bytes, path: "v.npy").values == [7])
    }

    static let good = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }"

    @Test(
        arguments: [
            ([], "v.npy: not a .npy file (bad magic)"),
            (Array("{\"text\": \"a\"}\n".utf8), "v.npy: not a .npy file (bad magic)"),
            ([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1], "v.npy: not a .npy file (bad magic)"),
            ([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, 0x40], "v.npy: malformed header: the file ends inside it"),
            (
                [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, 0x40, 0, 0x7B],
                "v.npy: malformed header: the file ends inside it"
            ),
            (npy(header: good, version: (4, 0)), "v.npy: unsupported .npy version 4.0, expected 1.0, 2.0 or 3.0"),
            (npy(header: good, version: (1, 1)), "v.npy: unsupported .npy version 1.1, expected 1.0, 2.0 or 3.0"),
            (npy(header: "descr: <f4"), "v.npy: malformed header: expected '{'"),
            (npy(header: "{'descr': '<f4', 'shape': (2, 2)}"), "v.npy: malformed header: missing key 'fortran_order'"),
            (npy(header: "{'descr': '<f4', 'fortran_order': False}"), "v.npy: malformed header: missing key 'shape'"),
            (npy(header: "{'fortran_order': False, 'shape': (2, 2)}"), "v.npy: malformed header: missing key 'descr'"),
            (
                npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), 'x': 1}"),
                "v.npy: malformed header: unexpected key 'x'"
            ),
            (
                npy(header: "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2, 2)}"),
                "v.npy: malformed header: key 'descr' appears twice"
            ),
            (
                npy(header: "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,)}"),
                "v.npy: malformed header: 'descr' must be a string (structured dtypes are not supported)"
            ),
            (
                npy(header: "{'descr': '<f4', 'fortran_order': 0, 'shape': (2, 2)}"),
                "v.npy: malformed header: 'fortran_order' must be True or False"
            ),
            (
                npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': [2, 2]}"),
                "v.npy: malformed header: 'shape' must be a tuple of integers"
            ),
            (
                npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -2)}"),
                "v.npy: malformed header: 'shape' must be a tuple of integers"
            ),
            (
                npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2)} x"),
                "v.npy: malformed header: unexpected text after the dict"
            ),
            (
                npy(header: "{'descr': '<f4', 'fortran_order': False 'shape': (2, 2)}"),
                "v.npy: malformed header: expected ',' or '}'"
            ),
            (
                npy(header: "{'descr' '<f4', 'fortran_order': False, 'shape': (2, 2)}"),
                "v.npy: malformed header: expected ':' after 'descr'"
            ),
            (
                npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999, 2)}"),
                "v.npy: malformed header: a 'shape' dimension is too large"
            ),
            (
                npy(header: "{'descr': '>f4', 'fortran_order': False, 'shape': (2, 2)}", data: f4([1, 2, 3, 4])),
                "v.npy: unsupported dtype '>f4', expected '<f4' or '<f8'"
            ),
            (
                npy(header: "{'descr': '<i8', 'fortran_order': False, 'shape': (2, 2)}"),
                "v.npy: unsupported dtype '<i8', expected '<f4' or '<f8'"
            ),
            (
                npy(header: "{'descr': '|f4', 'fortran_order': False, 'shape': (2, 2)}"),
                "v.npy: unsupported dtype '|f4', expected '<f4' or '<f8'"
            ),
            (
                npy(header: "{'descr': '<f2', 'fortran_order': False, 'shape': (2, 2)}"),
                "v.npy: unsupported dtype '<f2', expected '<f4' or '<f8'"
            ),
            (
                npy(header: "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2)}", data: f4([1, 2, 3, 4])),
                "v.npy: fortran-order arrays are not supported, save with fortran_order=False"
            ),
            (
                npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (4,)}", data: f4([1, 2, 3, 4])),
                "v.npy: expected a 2-d array (rows, dimension), found shape (4,)"
            ),
            (
                npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': ()}", data: f4([1])),
                "v.npy: expected a 2-d array (rows, dimension), found shape ()"
            ),
            (
                npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 2)}", data: f4([1, 2, 3, 4])),
                "v.npy: expected a 2-d array (rows, dimension), found shape (1, 2, 2)"
            ),
            (
                npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 4)}"),
                "v.npy: expected at least one row and one column, found shape (0, 4)"
            ),
            (
                npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 0)}"),
                "v.npy: expected at least one row and one column, found shape (3, 0)"
            ),
            (
                npy(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4)}"),
                "v.npy: shape (4611686018427387904, 4) is too large"
            ),
            (
                npy(header: good, data: f4([1, 2, 3])),
                "v.npy: data is shorter than shape (2, 2) of <f4 needs: 12 bytes instead of 16"
            ),
            (
                npy(header: good, data: f4([1, 2, 3, 4]) + [0]),
                "v.npy: data is longer than shape (2, 2) of <f4 needs: 17 bytes instead of 16"
            ),
            (npy(header: good, data: f4([1, 2, 3, .nan])), "v.npy: row 2: column 2 is nan"),
            (npy(header: good, data: f4([1, -.infinity, 3, 4])), "v.npy: row 1: column 2 is infinite"),
            (
                npy(
                    header: "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2)}", data: f8([1, 2, .infinity, 4])),
                "v.npy: row 2: column 1 is infinite"
            ),
            (
                npy(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2)}", data: f8([.nan, 2, 3, 4])),
                "v.npy: row 1: column 1 is nan"
            ),
            (
                npy(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2)}", data: f8([1, 2, 3, -1e39])),
                "v.npy: row 2: column 2 is out of float32 range"
            ),
        ] as [([UInt8], String)])
    func rejects(bytes: [UInt8], expected: String) {
        #expect(Self.error(bytes) == expected)
    }

    @Test func readsFromAPathAndNamesItInErrors() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("v.npy")
        try Data(Self.npy(header: Self.good, data: Self.f4([1, 2, 3, 4]))).write(to: file)
        #expect(try NPYReader.read(path: file.path) == DatasetVectors(dimension: 2, values: [1, 2, 3, 4]))
        let missing = folder.appendingPathComponent("nope.npy").path
        #expect(throws: DatasetIOError(path: missing, reason: "no such file")) { try NPYReader.read(path: missing) }
    }
}
