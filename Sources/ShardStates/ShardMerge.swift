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

/// Puts datasets back together from shard states, one state at a time: each state is folded into its
/// dataset's merged counts and running sample and can then be let go, so a merge holds one state and the
/// merged sample (not every state) however many shards there are.
public struct ShardMerge {
    /// One dataset's states folded so far.
    private struct Folded {
        var statistics: DatasetStatistics
        var sample: SampledRows
        var parts: [(path: String, part: ShardPart, rows: Int)]
        var paths: Set<String>
        var hashes: Set<String?>
        var firstPath: String
        var firstSHA256: String?
    }

    /// The most rows of one merged dataset: the length distances (Wasserstein, KS) and the median read every
    /// row's token count, 16 bytes a row.
    public static let largestDataset = 200_000_000

    private var settings: (path: String, settings: ShardSettings)?
    private var names: [String] = []
    private var folded: [String: Folded] = [:]

    /// An empty merge.
    public init() {}

    /// Folds `state`, read from `path`, into its dataset.
    ///
    /// - Throws: ``ShardStateError/mismatch(path:reason:)`` when its settings differ from the first state's.
    /// - Complexity: O(m + k log k) for the state's m hashes and a sample of k rows.
    public mutating func add(_ state: ShardState, path: String) throws(ShardStateError) {
        if let first = settings, state.settings != first.settings {
            throw .mismatch(
                path: path,
                reason:
                    "profiled with other settings than \(first.path) (\(Self.difference(state.settings, first.settings))); "
                    + "profile every shard with the same options")
        }
        if settings == nil { settings = (path, state.settings) }
        let part = (path: path, part: state.part, rows: state.statistics.whole.rows)
        guard var entry = folded[state.dataset] else {
            names.append(state.dataset)
            folded[state.dataset] = Folded(
                statistics: state.statistics, sample: state.sample, parts: [part], paths: [state.path],
                hashes: [state.sha256], firstPath: state.path, firstSHA256: state.sha256)
            return
        }
        folded[state.dataset] = nil  // fold in place, without a second copy
        entry.statistics = DatasetStatistics.merged([entry.statistics, state.statistics])
        entry.sample = SampledRows.merged(
            [entry.sample, state.sample], seed: state.settings.seed, capacity: state.settings.sampleRows)
        entry.parts.append(part)
        entry.paths.insert(state.path)
        entry.hashes.insert(state.sha256)
        folded[state.dataset] = entry
    }

    /// The datasets, in order of first appearance, once every shard of each is in.
    ///
    /// Each dataset's shards must cover its rows once: all `I/N` of one `N` for `--shard` states of one
    /// file, or ranges that tile `0 ..< rows` for `--first-row` states.
    ///
    /// - Throws: ``ShardStateError/coverage(dataset:reason:)``, or ``ShardStateError/invalidShard(_:)`` when
    ///   no state was added.
    public func finish() throws(ShardStateError) -> [MergedDataset] {
        guard let settings else { throw .invalidShard("give at least one shard state") }
        return try names.map { name throws(ShardStateError) in
            guard let entry = folded[name] else { throw .invalidShard("no state of '\(name)'") }
            try Self.checkCoverage(entry.parts, dataset: name)
            guard entry.statistics.whole.rows <= Self.largestDataset else {
                throw .coverage(
                    dataset: name,
                    reason:
                        "\(entry.statistics.whole.rows) rows; a merge takes at most \(Self.largestDataset) rows per "
                        + "dataset (the length distances read every row's length)")
            }
            return Self.dataset(entry, name: name, settings: settings.settings)
        }
    }

    /// The datasets of `states` (each with the path it was read from): ``add(_:path:)`` each, then ``finish()``.
    ///
    /// - Throws: see ``add(_:path:)`` and ``finish()``.
    /// - Complexity: O(m + k log k) per state.
    public static func merge(_ states: [(path: String, state: ShardState)]) throws(ShardStateError) -> [MergedDataset] {
        var merge = ShardMerge()
        for (path, state) in states { try merge.add(state, path: path) }
        return try merge.finish()
    }

    private static func dataset(_ entry: Folded, name: String, settings: ShardSettings) -> MergedDataset {
        let sample = entry.sample
        let path = entry.paths.count == 1 ? entry.firstPath : "\(entry.parts.count) shard states"
        var lineNumbers = sample.lineNumbers
        if case .range = entry.parts[0].part { lineNumbers = sample.rowNumbers.map { $0 + 1 } }
        var dataset = Dataset(
            name: name, role: .synthetic, path: path, texts: sample.texts, labels: sample.labels,
            annotations: sample.annotations, lineNumbers: lineNumbers)
        dataset.splits = sample.splits
        dataset.comparedLabels = sample.comparedLabels
        dataset.sha256 = entry.paths.count == 1 && entry.hashes.count == 1 ? entry.firstSHA256 : nil
        var embedded: StoredVectors?
        if let vectors = sample.vectors {
            if settings.embedder == nil {
                dataset.vectors = DatasetVectors(dimension: vectors.dimension, values: vectors.values)
            } else {
                embedded = vectors
            }
        }
        return MergedDataset(
            sample: dataset, statistics: entry.statistics, embeddedVectors: embedded, settings: settings,
            shards: entry.parts.count)
    }

    private static func checkCoverage(_ parts: [(path: String, part: ShardPart, rows: Int)], dataset: String)
        throws(ShardStateError)
    {
        var nth: [(index: Int, count: Int, fileRows: Int, path: String)] = []
        var ranges: [(first: Int, rows: Int, path: String)] = []
        for (path, part, rows) in parts {
            let expected: Int
            switch part {
            case .everyNth(let index, let count, let fileRows):
                nth.append((index, count, fileRows, path))
                expected = index < fileRows ? (fileRows - index + count - 1) / count : 0
            case .range(let first, let partRows):
                ranges.append((first, partRows, path))
                expected = partRows
            }
            guard rows == expected else {
                throw .mismatch(path: path, reason: "holds \(rows) rows, its shard has \(expected)")
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
