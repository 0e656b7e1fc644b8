import DatasetIO

/// One dataset put back together from its shard states: the exact statistics of all its rows and the
/// merged sample, as a dataset the audit can read.
public struct MergedDataset: Sendable {
    /// The dataset's rows in the sample (all rows when the dataset fits in it), in row order, with
    /// their vectors when the data brought them.
    public var sample: Dataset
    /// The statistics of every row.
    public var statistics: DatasetStatistics
    /// The sample's vectors, as embedded when profiled (`nil` when the data brought vectors).
    public var embeddedVectors: StoredVectors?
    /// The settings every state shares.
    public var settings: ShardSettings
    /// How many states it came from.
    public var shards: Int

    /// Rows of the whole dataset.
    public var rows: Int { statistics.whole.rows }
    /// Whether the sample holds every row.
    public var isComplete: Bool { sample.count == rows }
}

/// Puts datasets back together from shard states.
public enum ShardMerge {
    /// The datasets of `states` (each with the path it was read from), in order of first appearance.
    ///
    /// Every state must share the settings of the first; each dataset's shards must cover its rows once:
    /// all `I/N` of one `N` for `--shard` states of one file, or ranges that tile `0 ..< rows` for
    /// `--first-row` states.
    ///
    /// - Throws: ``ShardStateError/mismatch(path:reason:)`` or ``ShardStateError/coverage(dataset:reason:)``.
    /// - Complexity: O(m log m) for m hashes and sampled rows in all.
    public static func merge(_ states: [(path: String, state: ShardState)]) throws(ShardStateError) -> [MergedDataset] {
        guard let first = states.first else { throw .invalidShard("give at least one shard state") }
        for (path, state) in states where state.settings != first.state.settings {
            throw .mismatch(
                path: path,
                reason:
                    "profiled with other settings than \(first.path) (\(difference(state.settings, first.state.settings))); "
                    + "profile every shard with the same options")
        }
        var names: [String] = []
        var groups: [String: [(path: String, state: ShardState)]] = [:]
        for entry in states {
            if groups[entry.state.dataset] == nil { names.append(entry.state.dataset) }
            groups[entry.state.dataset, default: []].append(entry)
        }
        return try names.map { name throws(ShardStateError) in
            let group = groups[name] ?? []
            try checkCoverage(group, dataset: name)
            return merged(group, name: name)
        }
    }

    private static func merged(_ group: [(path: String, state: ShardState)], name: String) -> MergedDataset {
        let settings = group[0].state.settings
        let sample = SampledRows.merged(group.map(\.state.sample), seed: settings.seed, capacity: settings.sampleRows)
        let paths = Set(group.map(\.state.path))
        let hashes = Set(group.map(\.state.sha256))
        let path = paths.count == 1 ? group[0].state.path : "\(group.count) shard states"
        var lineNumbers = sample.lineNumbers
        if case .range = group[0].state.part { lineNumbers = sample.rowNumbers.map { $0 + 1 } }
        var dataset = Dataset(
            name: name, role: .synthetic, path: path, texts: sample.texts, labels: sample.labels,
            annotations: sample.annotations, lineNumbers: lineNumbers)
        dataset.splits = sample.splits
        dataset.comparedLabels = sample.comparedLabels
        dataset.sha256 = paths.count == 1 && hashes.count == 1 ? group[0].state.sha256 : nil
        var embedded: StoredVectors?
        if let vectors = sample.vectors {
            if settings.embedder == nil {
                dataset.vectors = DatasetVectors(dimension: vectors.dimension, values: vectors.values)
            } else {
                embedded = vectors
            }
        }
        return MergedDataset(
            sample: dataset, statistics: DatasetStatistics.merged(group.map(\.state.statistics)),
            embeddedVectors: embedded, settings: settings, shards: group.count)
    }

    private static func checkCoverage(_ group: [(path: String, state: ShardState)], dataset: String)
        throws(ShardStateError)
    {
        var nth: [(index: Int, count: Int, fileRows: Int, path: String)] = []
        var ranges: [(first: Int, rows: Int, path: String)] = []
        for (path, state) in group {
            switch state.part {
            case .everyNth(let index, let count, let fileRows): nth.append((index, count, fileRows, path))
            case .range(let first, let rows): ranges.append((first, rows, path))
            }
            let expected: Int
            switch state.part {
            case .everyNth(let index, let count, let fileRows):
                expected = index < fileRows ? (fileRows - index + count - 1) / count : 0
            case .range(_, let rows): expected = rows
            }
            guard state.statistics.whole.rows == expected else {
                throw .mismatch(
                    path: path, reason: "holds \(state.statistics.whole.rows) rows, its shard has \(expected)")
            }
        }
        if !nth.isEmpty && !ranges.isEmpty {
            throw .coverage(dataset: dataset, reason: "mixes --shard states with --first-row states")
        }
        if let first = nth.first {
            for shard in nth where shard.count != first.count || shard.fileRows != first.fileRows {
                throw .coverage(
                    dataset: dataset,
                    reason: "\(shard.path) is shard \(shard.index)/\(shard.count) of \(shard.fileRows) rows, "
                        + "\(first.path) is \(first.index)/\(first.count) of \(first.fileRows) rows")
            }
            let seen = Dictionary(grouping: nth, by: \.index)
            if let twice = seen.values.first(where: { $0.count > 1 }) {
                throw .coverage(
                    dataset: dataset,
                    reason: "shard \(twice[0].index)/\(first.count) is given twice (\(twice[0].path), \(twice[1].path))"
                )
            }
            let missing = (0..<first.count).filter { seen[$0] == nil }
            if !missing.isEmpty {
                throw .coverage(
                    dataset: dataset,
                    reason: "missing shard\(missing.count == 1 ? "" : "s") "
                        + missing.prefix(5).map { "\($0)/\(first.count)" }.joined(separator: ", ")
                        + (missing.count > 5 ? " and \(missing.count - 5) more" : ""))
            }
        }
        var next = 0
        for range in ranges.sorted(by: { ($0.first, $0.rows) < ($1.first, $1.rows) }) {
            if range.first < next {
                throw .coverage(
                    dataset: dataset,
                    reason: "\(range.path) starts at row \(range.first), which an earlier state already holds")
            }
            if range.first > next {
                throw .coverage(dataset: dataset, reason: "no state holds rows \(next) ..< \(range.first)")
            }
            next = range.first + range.rows
        }
    }

    private static func difference(_ a: ShardSettings, _ b: ShardSettings) -> String {
        var differences: [String] = []
        if a.tokenizer != b.tokenizer { differences.append("tokenizer \(a.tokenizer) vs \(b.tokenizer)") }
        if a.seed != b.seed { differences.append("seed \(a.seed) vs \(b.seed)") }
        if a.sampleRows != b.sampleRows { differences.append("sample rows \(a.sampleRows) vs \(b.sampleRows)") }
        if a.embedder != b.embedder {
            differences.append(
                "embedder \(a.embedder ?? "the data's vectors") vs \(b.embedder ?? "the data's vectors")")
        }
        return differences.isEmpty ? "fields" : differences.joined(separator: ", ")
    }
}
