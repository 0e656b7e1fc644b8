import AssayTestSupport
import Foundation
import Testing

/// `assay profile` and `assay merge` end to end: four shards merged give the single run's report; with a
/// sample smaller than the dataset the counts still cover every row and the estimated shares and means
/// hold the single run's value within their intervals.
@Suite("assay profile and merge")
struct ShardCLITests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-shards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try (JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]) ?? [:]
    }

    /// Profiles `dataset` in `shards` shards into `folder`, returning the state paths.
    static func profile(
        _ dataset: String, shards: Int, into folder: URL, sampleRows: Int? = nil, prefix: String = "s"
    ) throws -> [String] {
        try (0..<shards).map { shard in
            let state = folder.appendingPathComponent("\(prefix)\(shard).state").path
            let outcome = try AssayProcess.run(
                ["profile", dataset, "--shard", "\(shard)/\(shards)", "--out", state, "--no-cache", "--quiet"]
                    + (sampleRows.map { ["--sample-rows", String($0)] } ?? []))
            #expect(outcome.status == 0, "\(outcome.standardError)")
            return state
        }
    }

    /// The synthetic dataset's entry of the JSON report at `url`.
    static func syntheticEntry(_ url: URL) throws -> [String: Any] {
        let datasets = (try json(url)["datasets"] as? [[String: Any]]) ?? []
        return try #require(datasets.first { $0["role"] as? String == "synthetic" })
    }

    /// Runs the single audit and the 4-shard merge of `synthetic` beside `real`; the merged report must be the
    /// single one plus `merged_from_shards`.
    static func expectMergeEqualsSingleRun(real: String, synthetic: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let single = folder.appendingPathComponent("single.json")
        let merged = folder.appendingPathComponent("merged.json")
        let audit = try AssayProcess.run([
            "audit", "--real", real, "gen=\(synthetic)", "--json", single.path, "--no-cache", "--quiet",
        ])
        #expect(audit.status == 0, "\(audit.standardError)")
        let states = try profile("gen=\(synthetic)", shards: 4, into: folder)
        let merge = try AssayProcess.run(
            ["merge"] + states + ["--real", real, "--json", merged.path, "--no-cache", "--quiet"])
        #expect(merge.status == 0, "\(merge.standardError)")
        var mergedReport = try json(merged)
        var datasets = (mergedReport["datasets"] as? [[String: Any]]) ?? []
        try #require(datasets.count == 2)
        let summary = try #require(datasets[1].removeValue(forKey: "merged_from_shards") as? [String: Any])
        let stateCount = summary["states"] as? Int
        let rows = summary["rows"] as? Int
        let sampleRows = summary["sample_rows"] as? Int
        #expect(stateCount == 4)
        #expect(rows != nil && rows == sampleRows)
        mergedReport["datasets"] = datasets
        let differences = JSONComparison.differences(mergedReport, try json(single), tolerance: 0)
        #expect(differences.isEmpty, "\(differences.prefix(10))")
    }

    @Test func fourShardsOfTheFixtureGiveTheSingleRunsReport() throws {
        try Self.expectMergeEqualsSingleRun(real: "Fixtures/real.jsonl", synthetic: "Fixtures/gen_diverse.jsonl")
    }

    @Test(.enabled(if: RepositoryPaths.hasSharedDatasets, "needs ../shared/datasets"))
    func fourShardsOfAGNewsGiveTheSingleRunsReport() throws {
        let folder = RepositoryPaths.sharedDatasets.appendingPathComponent("agnews_llm_synthetic")
        try Self.expectMergeEqualsSingleRun(
            real: folder.appendingPathComponent("real.jsonl").path,
            synthetic: folder.appendingPathComponent("synthetic_deepseek-r1-distill-qwen-1.5b_baseline.jsonl").path)
    }

    @Test(.enabled(if: RepositoryPaths.hasSharedDatasets, "needs ../shared/datasets"))
    func aSmallerSampleKeepsTheCountsExactAndTheEstimatesHonest() throws {
        let shared = RepositoryPaths.sharedDatasets.appendingPathComponent("agnews_llm_synthetic")
        let real = shared.appendingPathComponent("real.jsonl").path
        let synthetic = shared.appendingPathComponent("synthetic_deepseek-r1-distill-qwen-1.5b_baseline.jsonl").path
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let single = folder.appendingPathComponent("single.json")
        let merged = folder.appendingPathComponent("merged.json")
        let markdown = folder.appendingPathComponent("merged.md")
        let audit = try AssayProcess.run([
            "audit", "--real", real, "gen=\(synthetic)", "--json", single.path, "--no-cache", "--quiet",
        ])
        #expect(audit.status == 0, "\(audit.standardError)")
        let states = try Self.profile("gen=\(synthetic)", shards: 4, into: folder, sampleRows: 200)
        let merge = try AssayProcess.run(
            ["merge"] + states + [
                "--real", real, "--json", merged.path, "--markdown", markdown.path, "--no-cache", "--quiet",
            ])
        #expect(merge.status == 0, "\(merge.standardError)")
        #expect(merge.standardError.contains("computed on a seeded sample of 200 rows"))

        let whole = try Self.syntheticEntry(single)
        let sampled = try Self.syntheticEntry(merged)
        let summary = try #require(sampled["merged_from_shards"] as? [String: Any])
        #expect(summary["rows"] as? Int == 500 && summary["sample_rows"] as? Int == 200)
        for key in ["rows", "labels", "unlabelled_rows", "token_length_histogram"] {
            #expect(
                JSONComparison.differences(sampled[key] ?? NSNull(), whole[key] ?? NSNull(), tolerance: 0).isEmpty,
                "\(key)")
        }
        let wholeMetrics = (whole["metrics"] as? [String: Any]) ?? [:]
        let sampledMetrics = (sampled["metrics"] as? [String: Any]) ?? [:]
        let exact = (summary["exact_metrics"] as? [String]) ?? []
        #expect(exact.contains("distinct_4") && exact.contains("length_ks") && exact.contains("median_tokens"))
        for id in exact {
            #expect((sampledMetrics[id] as? Double) == (wholeMetrics[id] as? Double), "\(id) covers every row")
        }
        let wholeLabels = (whole["per_label"] as? [String: [String: Any]]) ?? [:]
        let sampledLabels = (sampled["per_label"] as? [String: [String: Any]]) ?? [:]
        for (label, values) in wholeLabels {
            for id in ["distinct_2", "exact_duplicate_rate", "mean_tokens"] {
                #expect((sampledLabels[label]?[id] as? Double) == (values[id] as? Double), "\(label) \(id)")
            }
        }
        let estimated = (summary["estimated_metrics"] as? [String]) ?? []
        #expect(estimated.contains("label_fidelity") && estimated.contains("naturalness"))
        let intervals = (sampled["intervals"] as? [String: [String: Any]]) ?? [:]
        for id in estimated {
            let interval = try #require(intervals[id], "\(id) has an interval")
            let value = try #require(wholeMetrics[id] as? Double)
            let lower = try #require(interval["lower"] as? Double)
            let upper = try #require(interval["upper"] as? Double)
            #expect(
                lower <= value && value <= upper, "\(id): the value over every row, \(value), in [\(lower), \(upper)]")
        }
        let report = try String(contentsOf: markdown, encoding: .utf8)
        #expect(report.contains("merged from 4 shard states"))
        #expect(report.contains("| `chamfer` | ↑ | ") && report.contains(" †"))
    }

    @Test func sketchedDistinctCountsHoldTheExactValueWithinTheirInterval() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let single = folder.appendingPathComponent("single.json")
        let merged = folder.appendingPathComponent("merged.json")
        let audit = try AssayProcess.run([
            "audit", "--real", "Fixtures/real.jsonl", "Fixtures/gen_diverse.jsonl", "--json", single.path, "--no-cache",
            "--quiet", "--metrics", "distinct_1,distinct_2,distinct_3,distinct_4,mean_tokens",
        ])
        #expect(audit.status == 0, "\(audit.standardError)")
        let states = try (0..<2).map { shard in
            let state = folder.appendingPathComponent("k\(shard).state").path
            let outcome = try AssayProcess.run([
                "profile", "Fixtures/gen_diverse.jsonl", "--shard", "\(shard)/2", "--out", state, "--no-cache",
                "--quiet", "--exact-ngram-limit", "40",
            ])
            #expect(outcome.status == 0, "\(outcome.standardError)")
            return state
        }
        let merge = try AssayProcess.run(
            ["merge"] + states + [
                "--real", "Fixtures/real.jsonl", "--json", merged.path, "--no-cache", "--quiet", "--metrics",
                "distinct_1,distinct_2,distinct_3,distinct_4,mean_tokens",
            ])
        #expect(merge.status == 0, "\(merge.standardError)")
        let whole = (try Self.syntheticEntry(single)["metrics"] as? [String: Any]) ?? [:]
        let sampled = try Self.syntheticEntry(merged)
        let summary = try #require(sampled["merged_from_shards"] as? [String: Any])
        #expect(summary["sketched_metrics"] as? [String] == ["distinct_1", "distinct_2", "distinct_3", "distinct_4"])
        #expect(summary["exact_metrics"] as? [String] == ["mean_tokens"])
        let intervals = (sampled["intervals"] as? [String: [String: Any]]) ?? [:]
        for id in ["distinct_1", "distinct_2", "distinct_3", "distinct_4"] {
            let value = try #require(whole[id] as? Double)
            let interval = try #require(intervals[id])
            #expect(interval["method"] as? String == "hyperloglog")
            let lower = try #require(interval["lower"] as? Double)
            let upper = try #require(interval["upper"] as? Double)
            #expect(lower <= value && value <= upper, "\(id): \(value) in [\(lower), \(upper)]")
        }
    }

    @Test func mergeRefusesStatesThatDoNotFit() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let states = try Self.profile("Fixtures/gen_diverse.jsonl", shards: 3, into: folder)
        let missing = try AssayProcess.run(["merge", states[0], states[2], "--real", "Fixtures/real.jsonl", "--quiet"])
        #expect(missing.status == 2)
        #expect(missing.standardError == "error: shards of 'gen_diverse': missing shard 1/3\n")
        let seed = try AssayProcess.run(["merge"] + states + ["--seed", "5", "--quiet", "--no-cache"])
        #expect(seed.status == 2)
        #expect(seed.standardError.contains("profiled with --seed 20231012; merge with the same seed"))
        let notAState = try AssayProcess.run(["merge", "Fixtures/real.jsonl", "--quiet"])
        #expect(notAState.status == 2)
        #expect(notAState.standardError == "error: Fixtures/real.jsonl: not a readable assay shard state: not JSON\n")
        let overInput = try AssayProcess.run([
            "profile", "Fixtures/gen_diverse.jsonl", "--out", "./Fixtures/../Fixtures/gen_diverse.jsonl", "--quiet",
        ])
        #expect(overInput.status == 2)
        #expect(overInput.standardError.contains("is the dataset being profiled"))
        let badShard = try AssayProcess.run(["profile", "Fixtures/gen_diverse.jsonl", "--shard", "4/4", "--out", "x"])
        #expect(badShard.status != 0)
        #expect(badShard.standardError.contains("--shard expects I/N with 0 <= I < N"))
    }
}
