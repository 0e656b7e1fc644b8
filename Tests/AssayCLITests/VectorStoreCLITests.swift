import AssayTestSupport
import Foundation
import Testing

/// Where and how the audit keeps its vectors: a mapped scratch file (the default) gives the same bytes as
/// the heap and leaves nothing behind; float16 is recorded and moves the embedding metrics only a little.
@Suite("assay audit vector storage")
struct VectorStoreCLITests {
    static let inputs = ["--real", "Fixtures/real.jsonl", "Fixtures/gen_diverse.jsonl", "Fixtures/gen_templated.jsonl"]

    static func audit(_ options: [String], folder: URL, name: String) throws -> (URL, AssayProcess.Outcome) {
        let output = folder.appendingPathComponent(name)
        let outcome = try AssayProcess.run(
            ["audit", "--quiet", "--no-cache"] + inputs + options + ["--json", output.path])
        return (output, outcome)
    }

    @Test("mapped scratch files give the heap's bytes and are gone when the run ends")
    func mappedEqualsMemory() throws {
        let folder = try EmbeddingCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scratch = folder.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let (mapped, first) = try Self.audit(["--scratch-dir", scratch.path], folder: folder, name: "mapped.json")
        let (memory, second) = try Self.audit(["--vector-store", "memory"], folder: folder, name: "memory.json")
        #expect(first.status == 0 && second.status == 0, "\(first.standardError)\(second.standardError)")
        #expect(try Data(contentsOf: mapped) == Data(contentsOf: memory))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    @Test("float16 vectors are recorded and keep the embedding metrics close")
    func float16() throws {
        let folder = try EmbeddingCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (full, first) = try Self.audit([], folder: folder, name: "f32.json")
        let (half, second) = try Self.audit(["--vector-precision", "f16"], folder: folder, name: "f16.json")
        #expect(first.status == 0 && second.status == 0, "\(first.standardError)\(second.standardError)")
        let a = try EmbeddingCLITests.json(full)
        let b = try EmbeddingCLITests.json(half)
        #expect((a["embedding"] as? [String: Any])?["vector_precision"] as? String == "float32")
        #expect((b["embedding"] as? [String: Any])?["vector_precision"] as? String == "float16")
        let datasetsA = (a["datasets"] as? [[String: Any]]) ?? []
        let datasetsB = (b["datasets"] as? [[String: Any]]) ?? []
        #expect(datasetsA.count == 3 && datasetsB.count == 3)
        for (x, y) in zip(datasetsA, datasetsB) {
            let metricsA = (x["metrics"] as? [String: Any]) ?? [:]
            let metricsB = (y["metrics"] as? [String: Any]) ?? [:]
            // Unit components move by at most 2⁻¹², so mean cosine distances by about 10⁻³ at most and the
            // Vendi score (an exponential of an entropy of the similarity spectrum) by a fraction of a percent.
            for metric in ["remote_clique", "chamfer"] {
                let p = (metricsA[metric] as? NSNumber)?.doubleValue ?? .nan
                let q = (metricsB[metric] as? NSNumber)?.doubleValue ?? .nan
                #expect(abs(p - q) <= 1e-3, "\(metric): \(p) float32, \(q) float16")
            }
            let p = (metricsA["vendi"] as? NSNumber)?.doubleValue ?? .nan
            let q = (metricsB["vendi"] as? NSNumber)?.doubleValue ?? .nan
            #expect(abs(p - q) <= 1e-3 * p, "vendi: \(p) float32, \(q) float16")
        }
    }

    @Test(
        "storage options are checked before any work",
        arguments: [
            (["--vector-precision", "f8"], 64, "--vector-precision must be 'float32' or 'float16', got 'f8'"),
            (["--vector-store", "disk"], 64, "--vector-store must be 'mapped' or 'memory', got 'disk'"),
            (["--vector-store", "memory", "--scratch-dir", "/tmp"], 64, "--scratch-dir needs --vector-store mapped"),
            (
                ["--scratch-dir", "/nonexistent-assay-scratch"], 2,
                "error: --scratch-dir /nonexistent-assay-scratch: no such folder (the vectors' scratch file goes there)"
            ),
        ])
    func badOptions(options: [String], status: Int32, message: String) throws {
        let outcome = try AssayProcess.run(["audit", "--quiet", "Fixtures/real.jsonl"] + options)
        #expect(outcome.status == status)
        #expect(outcome.standardError.contains(message), "\(outcome.standardError)")
    }
}
