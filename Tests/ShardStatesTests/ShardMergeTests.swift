import AuditModel
import DatasetIO
import QualityMetrics
import SentenceEmbeddings
import Testing

@testable import ShardStates

/// Profiles and merges: the merged sample does not depend on how the rows were sharded, states survive
/// their file, and shards that do not tile the dataset are refused with a message that names them.
@Suite("shard profile and merge")
struct ShardMergeTests {
    static func dataset(rows: Int) -> Dataset {
        let words = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"]
        let texts = (0..<rows).map { row in
            (0..<(3 + row % 5)).map { words[(row * 7 + $0 * 3) % words.count] }.joined(separator: " ")
        }
        var dataset = Dataset(
            name: "gen", role: .synthetic, path: "gen.jsonl", texts: texts,
            labels: (0..<rows).map { $0 % 3 == 0 ? nil : ["a", "b"][$0 % 2] })
        dataset.sha256 = String(repeating: "0", count: 64)
        return dataset
    }

    static func profiler(sampleRows: Int) -> ShardProfiler {
        ShardProfiler(
            tokenizer: .default, fields: FieldMapping(), seed: 7, sampleRows: sampleRows, embedder: HashingEmbedder())
    }

    static func states(_ dataset: Dataset, shards: Int, sampleRows: Int) throws -> [(path: String, state: ShardState)] {
        try (0..<shards).map { shard in
            (
                "s\(shard)",
                try profiler(sampleRows: sampleRows).profile(
                    dataset, part: .everyNth(index: shard, count: shards, fileRows: 0))
            )
        }
    }

    /// The same dataset cut into `pieces` files of consecutive rows, profiled with `--first-row`.
    static func rangeStates(_ dataset: Dataset, pieces: Int, sampleRows: Int) throws -> [(
        path: String, state: ShardState
    )] {
        let size = (dataset.count + pieces - 1) / pieces
        return try stride(from: 0, to: dataset.count, by: size).map { first in
            let rows = Array(first..<min(first + size, dataset.count))
            let piece = Dataset(
                name: "gen", role: .synthetic, path: "part-\(first).jsonl", texts: rows.map { dataset.texts[$0] },
                labels: rows.map { dataset.labels[$0] })
            return (
                "p\(first)", try profiler(sampleRows: sampleRows).profile(piece, part: .range(first: first, rows: 0))
            )
        }
    }

    @Test func aCompleteSampleIsTheDataset() throws {
        let dataset = Self.dataset(rows: 50)
        let merged = try ShardMerge.merge(Self.states(dataset, shards: 4, sampleRows: 100))
        #expect(merged.count == 1)
        #expect(merged[0].isComplete)
        #expect(merged[0].sample.texts == dataset.texts)
        #expect(merged[0].sample.labels == dataset.labels)
        #expect(merged[0].sample.lineNumbers == dataset.lineNumbers)
        #expect(merged[0].sample.sha256 == dataset.sha256)
        #expect(
            merged[0].statistics == DatasetStatistics(texts: dataset.texts, labels: dataset.labels, tokenizer: .default)
        )
    }

    @Test func theSampleHoldsTheSmallestKeysWhateverTheSharding() throws {
        let dataset = Self.dataset(rows: 300)
        let expected = (0..<300).sorted {
            (StableHash.sampleKey(seed: 7, row: $0), $0) < (StableHash.sampleKey(seed: 7, row: $1), $1)
        }.prefix(40).sorted()
        for shards in [1, 3, 7] {
            let merged = try ShardMerge.merge(Self.states(dataset, shards: shards, sampleRows: 40))[0]
            #expect(merged.sample.count == 40)
            #expect(merged.sample.texts == expected.map { dataset.texts[$0] }, "\(shards) shards")
            #expect(merged.statistics.whole.rows == 300)
            #expect(merged.embeddedVectors?.rows == 40)
        }
        let ranged = try ShardMerge.merge(Self.rangeStates(dataset, pieces: 4, sampleRows: 40))[0]
        #expect(ranged.sample.texts == expected.map { dataset.texts[$0] })
        // Rows of pre-split files are numbered from 1 across the dataset, not by the lines of each part.
        #expect(ranged.sample.lineNumbers == expected.map { $0 + 1 })
        #expect(ranged.sample.sha256 == nil)
    }

    @Test func theRecordedVectorsAreTheEmbeddersOwn() throws {
        let dataset = Self.dataset(rows: 30)
        let merged = try ShardMerge.merge(Self.states(dataset, shards: 2, sampleRows: 10))[0]
        let direct = try HashingEmbedder().embed(merged.sample.texts)
        #expect(merged.embeddedVectors?.values == direct.storage)
    }

    @Test func aStateSurvivesItsFile() throws {
        let state = try Self.states(Self.dataset(rows: 40), shards: 2, sampleRows: 15)[1].state
        let bytes = try ShardStateFile.encode(state)
        #expect(try ShardStateFile.encode(state) == bytes, "the same state gives the same bytes")
        #expect(try ShardStateFile.decode(bytes, path: "s.state") == state)
    }

    @Test(arguments: [
        ("not json", "s.state: not a readable assay shard state: not JSON"),
        ("{\"format\": \"other\"}", "s.state: not a readable assay shard state: no \"format\": \"assay-shard-state\""),
        (
            "{\"format\": \"assay-shard-state\", \"version\": 9}",
            "s.state: not a readable assay shard state: version 9, this assay reads version 1; profile the shard again with this assay"
        ),
        (
            "{\"format\": \"assay-shard-state\", \"version\": 1}",
            "s.state: not a readable assay shard state: missing field dataset"
        ),
    ])
    func unreadableStatesAreNamed(text: String, message: String) {
        #expect(throws: ShardStateError.self) { try ShardStateFile.decode(Array(text.utf8), path: "s.state") }
        do {
            _ = try ShardStateFile.decode(Array(text.utf8), path: "s.state")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func aTamperedStateIsRefused() throws {
        var state = try Self.states(Self.dataset(rows: 40), shards: 2, sampleRows: 15)[0].state
        state.statistics.whole.rows += 1
        let bytes = try ShardStateFile.encode(state)
        #expect(
            throws: ShardStateError.unreadable(path: "s.state", reason: "its statistics and sample do not fit together")
        ) {
            try ShardStateFile.decode(bytes, path: "s.state")
        }
    }

    @Test func shardsThatDoNotTileTheDatasetAreRefused() throws {
        let dataset = Self.dataset(rows: 20)
        let states = try Self.states(dataset, shards: 3, sampleRows: 10)
        #expect(throws: ShardStateError.coverage(dataset: "gen", reason: "missing shard 1/3")) {
            try ShardMerge.merge([states[0], states[2]])
        }
        #expect(throws: ShardStateError.coverage(dataset: "gen", reason: "shard 2/3 is given twice (s2, s2)")) {
            try ShardMerge.merge(states + [states[2]])
        }
        let ranges = try Self.rangeStates(dataset, pieces: 4, sampleRows: 10)
        #expect(throws: ShardStateError.coverage(dataset: "gen", reason: "no state holds rows 5 ..< 10")) {
            try ShardMerge.merge([ranges[0], ranges[2], ranges[3]])
        }
        #expect(
            throws: ShardStateError.coverage(dataset: "gen", reason: "mixes --shard states with --first-row states")
        ) {
            try ShardMerge.merge([states[0], ranges[1]])
        }
        var otherSeed = states[1]
        otherSeed.state.settings.seed = 8
        #expect(throws: ShardStateError.self) { try ShardMerge.merge([states[0], otherSeed, states[2]]) }
    }
}

/// States changed by hand cannot overflow a count, allocate without bound or claim rows their shard does not
/// hold: they are refused as unreadable.
@Suite("damaged shard states")
struct DamagedShardStateTests {
    static func state() throws -> ShardState {
        try ShardMergeTests.states(ShardMergeTests.dataset(rows: 40), shards: 2, sampleRows: 15)[0].state
    }

    static func refused(_ state: ShardState) throws -> Bool {
        do {
            _ = try ShardStateFile.decode(ShardStateFile.encode(state), path: "s.state")
            return false
        } catch ShardStateError.unreadable {
            return true
        }
    }

    @Test func overflowingCountsAreRefused() throws {
        var state = try Self.state()
        state.statistics.whole.lengths = [Int.max / 2]
        state.statistics.whole.lengthRows = [4]
        #expect(try Self.refused(state))
    }

    @Test func aHugeShardCountIsRefused() throws {
        var state = try Self.state()
        state.part = .everyNth(index: 0, count: Int.max, fileRows: 40)
        #expect(try Self.refused(state))
    }

    @Test func sampledRowsOutsideTheShardAreRefused() throws {
        var state = try Self.state()  // shard 0/2 holds even rows only
        state.sample.rowNumbers[0] = 1
        #expect(try Self.refused(state))
    }

    @Test func anUndamagedStateIsRead() throws {
        #expect(try !Self.refused(Self.state()))
    }
}
