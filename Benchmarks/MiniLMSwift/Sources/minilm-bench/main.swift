// Throughput of MiniLMEncoder: sentences per second on the `text` field of JSON Lines files.
//
//     swift run -c release --package-path Benchmarks/MiniLMSwift minilm-bench \
//         --model .models/all-MiniLM-L6-v2 --threads 2 --rows 2000 --repeats 3 FILE.jsonl …
//
// Prints one JSON object per file: rows, tokens, best seconds and sentences per second (tokenization included).
import Foundation
import LinearAlgebra
import TextEncoders

var arguments = Array(CommandLine.arguments.dropFirst())
var options: [String: String] = [:]
var files: [String] = []
while let argument = arguments.first {
    arguments.removeFirst()
    if argument.hasPrefix("--"), let value = arguments.first {
        options[String(argument.dropFirst(2))] = value
        arguments.removeFirst()
    } else {
        files.append(argument)
    }
}
let model = options["model"] ?? ".models/all-MiniLM-L6-v2"
let threads = Int(options["threads"] ?? "2") ?? 2
let rowLimit = Int(options["rows"] ?? "2000") ?? 2000
let repeats = Int(options["repeats"] ?? "3") ?? 3
let batchSize = Int(options["batch-size"] ?? "32") ?? 32

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("minilm-bench: error: \(message)\n".utf8))
    exit(2)
}

BLAS.setThreadCount(max(threads, 1))
let loadStart = Date()
let encoder: MiniLMEncoder
do {
    encoder = try MiniLMEncoder(directory: model)
} catch {
    fail("\(error)")
}
let loadSeconds = Date().timeIntervalSince(loadStart)

for file in files {
    guard let content = try? String(contentsOfFile: file, encoding: .utf8) else { fail("\(file): cannot read") }
    var texts: [String] = []
    for line in content.split(separator: "\n") where texts.count < rowLimit {
        if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let text = object["text"] as? String
        {
            texts.append(text)
        }
    }
    let tokens = texts.reduce(0) { $0 + encoder.tokenizer.encode($1).count }
    _ = encoder.encode(Array(texts.prefix(64)), batchSize: batchSize)  // warm up
    var best = Double.infinity
    var tokenizeBest = Double.infinity
    for _ in 0..<max(repeats, 1) {
        let t0 = Date()
        _ = texts.map(encoder.tokenizer.encode)
        tokenizeBest = min(tokenizeBest, Date().timeIntervalSince(t0))
        let start = Date()
        let vectors = encoder.encode(texts, batchSize: batchSize)
        best = min(best, Date().timeIntervalSince(start))
        precondition(vectors.rows == texts.count)
    }
    let line: [String: Any] = [
        "file": file, "rows": texts.count, "tokens": tokens, "threads": threads, "batch_size": batchSize,
        "seconds": best, "tokenize_seconds": tokenizeBest, "sentences_per_second": Double(texts.count) / best,
        "load_seconds": loadSeconds,
    ]
    if let json = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]) {
        print(String(decoding: json, as: UTF8.self))
    }
}
