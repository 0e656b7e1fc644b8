import AssayTestSupport
import Foundation
import Testing

/// The embedding options end to end: user vectors from a field or a .npy file, checked against numpy,
/// and their errors.
@Suite("assay audit with embeddings")
struct EmbeddingCLITests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-emb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try (JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]) ?? [:]
    }

    @Test func vectorFieldMatchesNumpy() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.json")
        let outcome = try AssayProcess.run([
            "audit", "--quiet", "--no-cache", "--vector-field", "vec", "--real", "Fixtures/vectors/real.jsonl",
            "Fixtures/vectors/gen_spread.jsonl", "Fixtures/vectors/gen_collapsed.jsonl", "--json", output.path,
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let produced = (try Self.json(output)["datasets"] as? [[String: Any]]) ?? []
        let golden = try Self.json(
            RepositoryPaths.root.appendingPathComponent("Fixtures/golden/embedding_numpy.json"))
        let reference = (((golden["cases"] as? [[String: Any]])?.first)?["datasets"] as? [[String: Any]]) ?? []
        #expect(produced.count == 3 && reference.count == 3)
        for (dataset, expected) in zip(produced, reference) {
            let metrics = (dataset["metrics"] as? [String: Any]) ?? [:]
            for (key, value) in (expected["metrics"] as? [String: Any]) ?? [:] {
                if let number = (value as? NSNumber)?.doubleValue {
                    let found = (metrics[key] as? NSNumber)?.doubleValue ?? .nan
                    #expect(abs(found - number) <= 1e-6 * max(1, abs(number)), "\(key): \(found) vs numpy \(number)")
                } else {
                    #expect(metrics[key] is NSNull, "\(key) should be null")
                }
            }
        }
    }

    @Test func npyVectorsGiveTheSameResultAsTheField() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fromField = folder.appendingPathComponent("field.json")
        let fromFile = folder.appendingPathComponent("file.json")
        let common = ["audit", "--quiet", "--no-cache", "--metrics", "remote_clique,chamfer,vendi,near_duplicate_rate"]
        let field = try AssayProcess.run(
            common + ["--vector-field", "vec", "d=Fixtures/vectors-io/vectors.jsonl", "--json", fromField.path])
        #expect(field.status == 0, "\(field.standardError)")
        let file = try AssayProcess.run(
            common + [
                "d=Fixtures/vectors-io/vectors.jsonl", "--vectors", "d=Fixtures/vectors-io/vectors_f8.npy",
                "--json", fromFile.path,
            ])
        #expect(file.status == 0, "\(file.standardError)")
        let a = (try Self.json(fromField)["datasets"] as? [[String: Any]])?.first?["metrics"] as? [String: Double]
        let b = (try Self.json(fromFile)["datasets"] as? [[String: Any]])?.first?["metrics"] as? [String: Double]
        #expect(a != nil && a == b)
    }

    @Test(
        arguments: [
            (
                [
                    "Fixtures/vectors-io/vectors.jsonl", "--vectors", "vectors=Fixtures/vectors-io/vectors_f4.npy",
                    "Fixtures/gen_short.csv",
                ],
                "error: Fixtures/gen_short.csv: no vectors, but Fixtures/vectors-io/vectors.jsonl has them; give vectors for every dataset or for none\n"
            ),
            (
                ["Fixtures/gen_short.csv", "--vectors", "gen_short=Fixtures/vectors-io/vectors_f4.npy"],
                "error: Fixtures/vectors-io/vectors_f4.npy: 6 rows of vectors, but Fixtures/gen_short.csv has 40 rows\n"
            ),
            (
                ["Fixtures/gen_short.csv", "--vectors", "nobody=Fixtures/vectors-io/vectors_f4.npy"],
                "error: --vectors nobody=Fixtures/vectors-io/vectors_f4.npy: no dataset is named 'nobody'\n"
            ),
            (
                ["Fixtures/gen_short.csv", "--vectors", "gen_short=Fixtures/missing.npy"],
                "error: Fixtures/missing.npy: no such file\n"
            ),
        ] as [([String], String)])
    func badVectorArgumentsExitWith2(arguments: [String], message: String) throws {
        let outcome = try AssayProcess.run(["audit", "--quiet", "--no-cache"] + arguments)
        #expect(outcome.status == 2)
        #expect(outcome.standardError == message)
    }

    @Test func thresholdOutsideTheRangeIsAUsageError() throws {
        let outcome = try AssayProcess.run(["audit", "Fixtures/gen_short.csv", "--near-duplicate-threshold", "1.5"])
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("--near-duplicate-threshold must be in (0, 1], got 1.5"))
    }
}
