// The JSON contract (schema_version 1). Metric values are numbers or null; every null has its reason
// under `unavailable` (or `per_label_unavailable`) in the same dataset entry.

extension AuditResult: Codable {
    private enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case tool, configuration, datasets, embedding, timings, verdict
        case neighbourSearch = "neighbour_search"
    }

    /// Decodes a result written by ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            tool: try container.decode(ToolInfo.self, forKey: .tool),
            configuration: try container.decode(AuditSettings.self, forKey: .configuration),
            datasets: try container.decode([DatasetResult].self, forKey: .datasets),
            embedding: try container.decodeIfPresent(EmbeddingSummary.self, forKey: .embedding),
            neighbourSearch: try container.decodeIfPresent(NeighbourSearchSummary.self, forKey: .neighbourSearch),
            timings: try container.decodeIfPresent([StageTiming].self, forKey: .timings),
            schemaVersion: try container.decode(Int.self, forKey: .schemaVersion),
            verdict: try container.decodeIfPresent(AuditVerdict.self, forKey: .verdict))
    }

    /// Encodes the result in the documented JSON layout.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(tool, forKey: .tool)
        try container.encode(configuration, forKey: .configuration)
        try container.encode(datasets, forKey: .datasets)
        try container.encodeIfPresent(embedding, forKey: .embedding)
        try container.encodeIfPresent(neighbourSearch, forKey: .neighbourSearch)
        try container.encodeIfPresent(timings, forKey: .timings)
        try container.encodeIfPresent(verdict, forKey: .verdict)
    }
}

extension AuditSettings: Codable {
    private enum CodingKeys: String, CodingKey {
        case tokenizer, metrics
        case textField = "text_field"
        case labelField = "label_field"
        case annotatorsField = "annotators_field"
        case vectorField = "vector_field"
        case comparedLabels = "compare_labels"
        case splitField = "split_field"
        case nearDuplicateThreshold = "near_duplicate_threshold"
        case listLimit = "list_limit"
        case projectionLimit = "projection_limit"
        case seed
        case bootstrapResamples = "bootstrap_resamples"
    }

    /// Decodes settings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            tokenizer: try container.decode(String.self, forKey: .tokenizer),
            metrics: try container.decode([MetricID].self, forKey: .metrics),
            textField: try container.decode(String.self, forKey: .textField),
            labelField: try container.decode(String.self, forKey: .labelField),
            annotatorsField: try container.decode(String.self, forKey: .annotatorsField),
            vectorField: try container.decodeIfPresent(String.self, forKey: .vectorField),
            comparedLabels: try container.decodeIfPresent([String].self, forKey: .comparedLabels) ?? [],
            splitField: try container.decodeIfPresent(String.self, forKey: .splitField) ?? "split",
            nearDuplicateThreshold: try container.decode(Double.self, forKey: .nearDuplicateThreshold),
            listLimit: try container.decode(Int.self, forKey: .listLimit),
            projectionLimit: try container.decode(Int.self, forKey: .projectionLimit),
            seed: try container.decodeIfPresent(UInt64.self, forKey: .seed) ?? 20_231_012,
            bootstrapResamples: try container.decodeIfPresent(Int.self, forKey: .bootstrapResamples) ?? 1000)
    }

    /// Encodes settings.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tokenizer, forKey: .tokenizer)
        try container.encode(metrics, forKey: .metrics)
        try container.encode(textField, forKey: .textField)
        try container.encode(labelField, forKey: .labelField)
        try container.encode(annotatorsField, forKey: .annotatorsField)
        try container.encode(vectorField, forKey: .vectorField)
        if !comparedLabels.isEmpty { try container.encode(comparedLabels, forKey: .comparedLabels) }
        try container.encode(splitField, forKey: .splitField)
        try container.encode(nearDuplicateThreshold, forKey: .nearDuplicateThreshold)
        try container.encode(listLimit, forKey: .listLimit)
        try container.encode(projectionLimit, forKey: .projectionLimit)
        try container.encode(seed, forKey: .seed)
        try container.encode(bootstrapResamples, forKey: .bootstrapResamples)
    }
}

extension DatasetResult: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, role, path, sha256, rows, labels, metrics, unavailable, embedding, intervals, subjectivity
        case labelModel = "label_model"
        case naturalness, fidelity
        case tokenLengthHistogram = "token_length_histogram"
        case unlabelledRows = "unlabelled_rows"
        case perLabel = "per_label"
        case perLabelUnavailable = "per_label_unavailable"
        case mergedFromShards = "merged_from_shards"
    }

    /// Decodes a dataset entry.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let values = try container.decode([String: Double?].self, forKey: .metrics)
        let reasons = try container.decodeIfPresent([String: String].self, forKey: .unavailable) ?? [:]
        let labelValues = try container.decodeIfPresent([String: [String: Double?]].self, forKey: .perLabel) ?? [:]
        let labelReasons =
            try container.decodeIfPresent([String: [String: String]].self, forKey: .perLabelUnavailable) ?? [:]
        self.init(
            name: try container.decode(String.self, forKey: .name),
            role: try container.decode(Role.self, forKey: .role),
            path: try container.decode(String.self, forKey: .path),
            rows: try container.decode(Int.self, forKey: .rows),
            labelCounts: try container.decodeIfPresent([String: Int].self, forKey: .labels) ?? [:],
            unlabelledRows: try container.decodeIfPresent(Int.self, forKey: .unlabelledRows) ?? 0,
            metrics: Self.metricTable(values, reasons),
            perLabel: Dictionary(
                uniqueKeysWithValues: labelValues.map {
                    ($0.key, Self.metricTable($0.value, labelReasons[$0.key] ?? [:]))
                }
            ),
            embedding: try container.decodeIfPresent(EmbeddingDetails.self, forKey: .embedding))
        tokenLengthHistogram = try container.decodeIfPresent([Int].self, forKey: .tokenLengthHistogram)
        sha256 = try container.decodeIfPresent(String.self, forKey: .sha256)
        let intervalTable = try container.decodeIfPresent([String: ConfidenceInterval].self, forKey: .intervals) ?? [:]
        intervals = Dictionary(uniqueKeysWithValues: intervalTable.map { key, value in (MetricID(key), value) })
        subjectivity = try container.decodeIfPresent(SubjectivityDetails.self, forKey: .subjectivity)
        labelModel = try container.decodeIfPresent(LabelModelDetails.self, forKey: .labelModel)
        naturalness = try container.decodeIfPresent(NaturalnessDetails.self, forKey: .naturalness)
        fidelity = try container.decodeIfPresent(FidelityDetails.self, forKey: .fidelity)
        mergedFromShards = try container.decodeIfPresent(ShardMergeSummary.self, forKey: .mergedFromShards)
    }

    /// Encodes a dataset entry: metric values as numbers or null, the reasons for nulls beside them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
        try container.encode(path, forKey: .path)
        try container.encodeIfPresent(sha256, forKey: .sha256)
        try container.encode(rows, forKey: .rows)
        try container.encode(labelCounts, forKey: .labels)
        try container.encode(unlabelledRows, forKey: .unlabelledRows)
        try container.encodeIfPresent(mergedFromShards, forKey: .mergedFromShards)
        let wording = encoder.userInfo[.skipReasonWording] as? any SkipReasonWording ?? PlainWording()
        try container.encode(Self.numbers(metrics), forKey: .metrics)
        try container.encode(Self.reasons(metrics, wording), forKey: .unavailable)
        try container.encode(perLabel.mapValues(Self.numbers), forKey: .perLabel)
        let labelReasons = perLabel.mapValues { Self.reasons($0, wording) }.filter { !$0.value.isEmpty }
        try container.encode(labelReasons, forKey: .perLabelUnavailable)
        try container.encodeIfPresent(embedding, forKey: .embedding)
        try container.encodeIfPresent(tokenLengthHistogram, forKey: .tokenLengthHistogram)
        if !intervals.isEmpty {
            try container.encode(
                Dictionary(uniqueKeysWithValues: intervals.map { ($0.key.rawValue, $0.value) }), forKey: .intervals)
        }
        try container.encodeIfPresent(subjectivity, forKey: .subjectivity)
        try container.encodeIfPresent(labelModel, forKey: .labelModel)
        try container.encodeIfPresent(naturalness, forKey: .naturalness)
        try container.encodeIfPresent(fidelity, forKey: .fidelity)
    }

    private static func numbers(_ table: [MetricID: MetricValue]) -> [String: NullableNumber] {
        Dictionary(uniqueKeysWithValues: table.map { ($0.key.rawValue, NullableNumber(value: $0.value.number)) })
    }

    private static func reasons(_ table: [MetricID: MetricValue], _ wording: any SkipReasonWording)
        -> [String: String]
    {
        Dictionary(
            uniqueKeysWithValues: table.compactMap { entry in
                entry.value.skipReason.map { (entry.key.rawValue, wording.words(for: $0)) }
            })
    }

    private static func metricTable(_ values: [String: Double?], _ reasons: [String: String]) -> [MetricID: MetricValue]
    {
        var table: [MetricID: MetricValue] = [:]
        for (key, value) in values {
            table[MetricID(key)] = value.map(MetricValue.number) ?? .skipped(.recorded(reasons[key] ?? "unavailable"))
        }
        return table
    }
}

/// A number that encodes `nil` as JSON `null` rather than leaving the key out.
private struct NullableNumber: Encodable {
    let value: Double?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}
