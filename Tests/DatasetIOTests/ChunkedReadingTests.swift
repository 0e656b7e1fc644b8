import Foundation
import Testing

@testable import DatasetIO

/// JSON Lines files are read in pieces; every piece size must give what reading the whole file gives:
/// the same rows, line numbers, vectors and SHA-256, or the same error.
@Suite("JSON Lines read in pieces")
struct ChunkedReadingTests {
    /// Inputs that stress piece boundaries: a byte-order mark, CRLF, blank lines, multi-byte characters,
    /// a line far longer than a piece, no final newline, vectors, and errors late in the file.
    static let inputs: [(name: String, bytes: [UInt8], fields: FieldMapping)] = {
        var cases: [(String, [UInt8], FieldMapping)] = []
        let plain = (1...40).map { #"{"text": "row \#($0) é 日本 🙂", "label": "\#($0 % 3)"}"# }
        cases.append(("plain", Array((plain.joined(separator: "\n") + "\n").utf8), FieldMapping()))
        cases.append(("no final newline", Array(plain.joined(separator: "\n").utf8), FieldMapping()))
        cases.append(
            ("bom and crlf", [0xEF, 0xBB, 0xBF] + Array(plain.joined(separator: "\r\n").utf8), FieldMapping()))
        cases.append(
            ("blank lines", Array(("\n  \n" + plain.joined(separator: "\n\n\t\n") + "\n\n").utf8), FieldMapping()))
        let long = #"{"text": ""# + String(repeating: "ü", count: 300) + #""}"#
        cases.append(("long line", Array((plain[0] + "\n" + long + "\n" + plain[1]).utf8), FieldMapping()))
        let vectors = (0..<25).map { #"{"text": "v\#($0)", "v": [\#($0), -1.5, 0.25]}"# }.joined(separator: "\n")
        cases.append(("vectors", Array(vectors.utf8), FieldMapping(vectors: "v")))
        cases.append(
            ("json error late", Array((plain.joined(separator: "\n") + "\n{\"text\": oops}\n").utf8), FieldMapping()))
        var badUTF8 = Array((plain.joined(separator: "\n") + "\n").utf8)
        badUTF8 += Array(#"{"text": "ab"#.utf8) + [0xFF] + Array(#""}"#.utf8)
        cases.append(("invalid utf-8 late", badUTF8, FieldMapping()))
        cases.append(("whitespace only", Array(" \n\t\r\n  ".utf8), FieldMapping()))
        cases.append(
            (
                "vector length changes", Array((vectors + "\n{\"text\": \"x\", \"v\": [1]}").utf8),
                FieldMapping(vectors: "v")
            ))
        return cases
    }()

    private func outcome(_ body: () throws(DatasetIOError) -> Dataset) -> Result<Dataset, DatasetIOError> {
        do throws(DatasetIOError) {
            return .success(try body())
        } catch {
            return .failure(error)
        }
    }

    @Test("every piece size reads as the whole file", arguments: [1, 2, 3, 5, 17, 64, 1 << 20])
    func pieces(chunkSize: Int) throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (index, input) in Self.inputs.enumerated() {
            let path = folder.appendingPathComponent("input\(index).jsonl").path
            try Data(input.bytes).write(to: URL(fileURLWithPath: path))
            let reader = DatasetReader(fields: input.fields)
            let whole = outcome { () throws(DatasetIOError) in
                try reader.read(bytes: input.bytes, name: "t", path: path, format: .jsonLines, role: .real)
            }
            let piecewise = outcome { () throws(DatasetIOError) in
                try reader.readJSONLines(DatasetSource(name: "t", path: path), role: .real, chunkSize: chunkSize)
            }
            switch (whole, piecewise) {
            case (.success(let a), .success(let b)):
                #expect(a == b, "\(input.name), pieces of \(chunkSize)")
                #expect(a.sha256 == b.sha256 && a.sha256 != nil, "\(input.name)")
            case (.failure(let a), .failure(let b)):
                #expect(a.description == b.description, "\(input.name), pieces of \(chunkSize)")
            default:
                Issue.record("\(input.name), pieces of \(chunkSize): \(whole) against \(piecewise)")
            }
        }
    }

    @Test("the public reader reads JSON Lines files in pieces and names the failing line")
    func publicReader() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("late.jsonl").path
        let rows = (1...3).map { #"{"text": "r\#($0)"}"# }.joined(separator: "\n")
        try Data((rows + "\n{\"text\": 5}\n").utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: DatasetIOError(path: path, line: 4, field: "text", reason: "expected a string, found a number"))
        {
            _ = try DatasetReader().read(DatasetSource(name: "t", path: path), role: .real)
        }
    }
}
