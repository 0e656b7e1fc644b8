import AuditModel

/// A GitHub-flavoured Markdown summary of an audit, short enough for a pull-request comment or a CI
/// job summary (`$GITHUB_STEP_SUMMARY`): the leaderboard, the key metrics beside the real data's, and
/// the worst findings in collapsed sections.
///
/// Every string that comes from the data (texts, labels, dataset names, paths) is escaped so it can
/// neither break a table nor become HTML or a link. The same result gives the same bytes.
public enum MarkdownReport {
    /// The most clusters and copies listed per dataset.
    public static let exampleLimit = 5
    /// The longest text shown, in characters.
    public static let textLimit = 120

    /// The report, ending with a newline. With a `gate`, the gate's verdict comes first under the
    /// title and its checks follow in a table; without one, the first line is a neutral summary.
    public static func render(
        _ result: AuditResult, gate: GateReport? = nil, wording: any SkipReasonWording = PlainWording()
    ) -> String {
        let result = result.wordingReasons(with: wording)
        var lines: [String] = ["# Assay audit", ""]
        if let verdict = result.verdict { lines += VerdictText.markdown(verdict) }
        if let gate { lines += [gate.markdownVerdictLine(), ""] }
        lines.append(summary(result))
        lines.append("")
        if let gate { lines += gate.markdownTable() }
        let synthetic = result.datasets.filter { $0.role == .synthetic }
        if synthetic.count >= 2 { lines += leaderboard(result) }
        lines += metricTable(result)
        lines += neighbourSearch(result)
        lines += subjectivityBesideUtility(result)
        lines += subjectivityBins(result)
        lines += notes(result)
        lines += findings(result)
        lines += perLabel(result)
        lines.append("---")
        var footer = "Assay \(escape(result.tool.version)) · tokenizer `\(result.configuration.tokenizer)`"
        if let embedding = result.embedding {
            footer +=
                " · embedder \(escape(embedding.embedder)) (d = \(embedding.dimension)"
                + (embedding.precision == "float32" ? ")" : ", vectors kept in \(escape(embedding.precision)))")
            footer += " · near-duplicate threshold \(number(result.configuration.nearDuplicateThreshold))"
        }
        if let search = result.neighbourSearch, search.method == .exact { footer += " · neighbours exact" }
        lines.append(footer + " · full details in the JSON report (`--json`) and the HTML report (`--html`).")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func summary(_ result: AuditResult) -> String {
        let synthetic = result.datasets.filter { $0.role == .synthetic }
        let noun = synthetic.count == 1 ? "synthetic dataset" : "synthetic datasets"
        guard let real = result.real else {
            return "\(synthetic.count) \(noun) audited, without a real dataset to compare with."
        }
        return "\(synthetic.count) \(noun) audited against the real dataset **\(escape(real.name))** "
            + "(\(real.rows) rows). ⚠️ \(flagMeaning)."
    }

    private static func leaderboard(_ result: AuditResult) -> [String] {
        let board = Leaderboard(result)
        var lines = [
            "## Leaderboard", "",
            "Ranked on the \(board.rankedMetrics) metrics whose every value has a 95 % interval; two datasets are "
                + "ordered on a metric only when their intervals separate, otherwise they tie.", "",
            "| rank | dataset | mean rank | clearly best at |", "|---:|---|---:|---:|",
        ]
        for (position, standing) in board.standings.enumerated() {
            let rank = standing.rankedMetrics == 0 ? "–" : number(standing.meanRank, decimals: 2)
            lines.append(
                "| \(position + 1) | \(escape(board.datasets[standing.dataset])) | \(rank) | "
                    + "\(standing.wins) of \(standing.rankedMetrics) |")
        }
        lines += [
            "", "<details><summary>Best and worst per metric</summary>", "",
            "| metric | best | worst |", "|---|---|---|",
        ]
        for row in board.rows {
            let (best, worst) = Leaderboard.words(row, board) { escape($0) }
            lines.append("| `\(row.metric.rawValue)` | \(best) | \(worst) |")
        }
        lines += ["", "</details>", ""]
        return lines
    }

    private static func metricTable(_ result: AuditResult) -> [String] {
        let datasets = result.datasets
        let approximated = NeighbourSearchText.approximateMetrics(result)
        var lines = ["## Metrics", ""]
        lines.append("| metric | better | " + datasets.map { column($0) }.joined(separator: " | ") + " |")
        lines.append("|---|:---:|" + String(repeating: "---:|", count: datasets.count))
        lines.append("| rows | | " + datasets.map { String($0.rows) }.joined(separator: " | ") + " |")
        if datasets.contains(where: { $0.sha256 != nil }) {
            // The first 12 hex digits identify the file version; the HTML and JSON reports have all 64.
            let digests = datasets.map { $0.sha256.map { "`\($0.prefix(12))`" } ?? "" }
            lines.append("| SHA-256 | | " + digests.joined(separator: " | ") + " |")
        }
        for dimension in MetricDescriptor.Dimension.allCases {
            let ids = SummaryTable.shownMetrics(result).filter { result.descriptor($0).dimension == dimension }
            guard !ids.isEmpty else { continue }
            lines.append("| **\(dimension.title.lowercased())** | |" + String(repeating: " |", count: datasets.count))
            for id in ids {
                let cells = datasets.map { dataset -> String in
                    if SummaryTable.comparesWithItself(result, dataset, id) { return "–" }
                    guard let value = dataset.metrics[id]?.number else {
                        return dataset.metrics[id] == nil ? "" : "n/a"
                    }
                    let interval = dataset.intervals[id].map { " [\(number($0.lower)), \(number($0.upper))]" } ?? ""
                    let sampled = ShardMergeText.isSampled(dataset, id) ? " " + ShardMergeText.sampleMark : ""
                    let text = number(value) + interval + sampled
                    return sampled.isEmpty && isWorse(result, dataset, id) ? "⚠️ \(text)" : text
                }
                let approximate = approximated.contains(id) ? " ≈" : ""
                lines.append(
                    "| `\(id.rawValue)`\(approximate) | \(arrow(result.descriptor(id).direction)) | "
                        + cells.joined(separator: " | ") + " |")
            }
        }
        lines.append("")
        return lines
    }

    /// For an approximate search: how it was done, its warnings, and each graph's measured recall (≈ in the
    /// metric table marks the metrics computed from these graphs).
    private static func neighbourSearch(_ result: AuditResult) -> [String] {
        guard let search = result.neighbourSearch, search.method == .approximate else { return [] }
        var lines = [
            "## Neighbour search", "", "≈ Neighbour graphs: \(escape(NeighbourSearchText.method(search))).", "",
        ]
        for warning in search.warnings { lines += ["⚠️ \(escape(warning))", ""] }
        lines.append("| " + NeighbourSearchText.headers.joined(separator: " | ") + " |")
        lines.append("|---|---|---:|---:|---:|---:|---|")
        for (graph, row) in zip(search.graphs, NeighbourSearchText.rows(search)) {
            // Graph names and metric ids are the tool's own words: code spans, not escaped.
            let cells =
                [escape(row[0]), "`\(graph.graph)`"] + row[2..<6]
                + [graph.usedBy.map { "`\($0.rawValue)`" }.joined(separator: ", ")]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        return lines
    }

    /// Whether the synthetic value of metric `id` in `dataset` is worse than the real one beyond its uncertainty:
    /// its 95 % interval lies wholly on the worse side of the real value (of the real value's interval, when
    /// the real value has one). A value without an interval is never flagged. For the metrics that compare
    /// with the real data (which has no value of its own), whether the interval's lower end is above 0.
    static func isWorse(_ result: AuditResult, _ dataset: DatasetResult, _ id: MetricID) -> Bool {
        guard dataset.role == .synthetic, let value = dataset.metrics[id]?.number else { return false }
        let descriptor = result.descriptor(id)
        let interval = dataset.intervals[id]
        if descriptor.dimension == .memorisation { return value > 0 && (interval?.lower ?? value) > 0 }
        guard let interval, let real = result.real?.metrics[id]?.number else { return false }
        let realInterval = result.real?.intervals[id]
        switch descriptor.direction {
        case .higherIsBetter: return max(interval.upper, value) < min(realInterval?.lower ?? real, real)
        case .lowerIsBetter: return min(interval.lower, value) > max(realInterval?.upper ?? real, real)
        case .closerToRealIsBetter: return false
        }
    }

    /// The sentence that says what ⚠️ (Markdown) and “worse” (HTML) mark.
    static let flagMeaning =
        "marks a value whose 95 % interval lies wholly on the worse side of the real value (and of its interval); "
        + "values without an interval are not flagged (for copies of real rows: any copy)"

    /// One note per reason a value is missing, naming the metrics and (unless it is all of them) the datasets.
    private static func notes(_ result: AuditResult) -> [String] {
        let notes = SummaryTable.unavailableGroups(result).map { group in
            let scope = group.everyDataset ? "" : " (\(group.datasets.map { escape($0) }.joined(separator: ", ")))"
            return "- n/a: " + group.metrics.map { "`\($0)`" }.joined(separator: ", ")
                + "\(scope): \(escape(group.reason))"
        }
        return notes.isEmpty && samples(result).isEmpty ? [] : notes + samples(result) + [""]
    }

    /// One note per classifier that learnt from a sample of its rows (above the classifier row limit).
    private static func samples(_ result: AuditResult) -> [String] {
        var notes = result.datasets.compactMap(ShardMergeText.note).map { "- " + escape($0) }
        if let details = result.datasets.lazy.compactMap(\.labelModel).first, let available = details.trainRowsAvailable
        {
            notes.append(
                "- the real-data classifier learnt from a stratified sample of \(details.trainRows) of \(available) rows"
            )
        }
        for dataset in result.datasets {
            if let details = dataset.labelModel, let used = details.syntheticTrainRows,
                let available = details.syntheticTrainRowsAvailable
            {
                notes.append(
                    "- \(escape(dataset.name)): the train-on-synthetic classifier learnt from a stratified sample of "
                        + "\(used) of \(available) rows")
            }
            if let rows = dataset.fidelity?.discriminatorRows, rows.count == 2 {
                notes.append(
                    "- \(escape(dataset.name)): the discriminator used a seeded sample of \(rows[0]) synthetic and "
                        + "\(rows[1]) real rows")
            }
        }
        return notes
    }

    /// The task's subjectivity beside what the data is worth for training, one row per dataset; why the
    /// ratio is missing when it is not measurable.
    private static func subjectivityBesideUtility(_ result: AuditResult) -> [String] {
        let ids = [
            SectionMetrics.subjectivityTask, SectionMetrics.subjectivityTaskNormalised, SectionMetrics.tstrMacroF1,
            SectionMetrics.tstrBalancedAccuracy,
            SectionMetrics.tstrRatio,
        ]
        guard result.datasets.contains(where: { $0.metrics[SectionMetrics.tstrMacroF1]?.number != nil }) else {
            return []
        }
        var lines = [
            "## Subjectivity beside utility", "",
            "The more subjective the task, the less synthetic data tends to help (Li et al. 2023).", "",
            "| dataset | " + ids.map { "`\($0.rawValue)`" }.joined(separator: " | ") + " |",
            "|---|" + String(repeating: "---:|", count: ids.count),
        ]
        for dataset in result.datasets {
            let cells = ids.map { id -> String in
                guard let value = dataset.metrics[id]?.number else { return "n/a" }
                return number(value)
                    + (dataset.intervals[id].map { " [\(number($0.lower)), \(number($0.upper))]" } ?? "")
            }
            lines.append("| \(escape(dataset.name)) | " + cells.joined(separator: " | ") + " |")
        }
        if let reason = SummaryTable.unmeasurableRatio(result) {
            lines += ["", "`tstr_ratio`: \(escape(reason))."]
        }
        return lines + [""]
    }

    /// Accuracy on the real held-out rows by subjectivity bin, with each dataset's gap.
    private static func subjectivityBins(_ result: AuditResult) -> [String] {
        guard let table = SubjectivityBinsText.table(result) else { return [] }
        var lines = [
            "## Accuracy by instance subjectivity", "",
            "Accuracy on the real held-out rows, binned by \(SubjectivityBinsText.source(table.breakdown)); in "
                + "brackets each dataset's gap to the classifier trained on the real data.", "",
            "| subjectivity | rows | trained on real | "
                + table.datasets.map { escape($0.name) }.joined(separator: " | ") + " |",
            "|---|---:|---:|" + String(repeating: "---:|", count: table.datasets.count),
        ]
        for (index, bin) in table.breakdown.bins.enumerated() {
            let cells = table.datasets.map { index < $0.bins.count ? SubjectivityBinsText.withGap($0.bins[index]) : "" }
            lines.append(
                "| \(SubjectivityBinsText.label(bin)) | \(bin.rows) | \(number(bin.trainedOnReal)) | "
                    + cells.joined(separator: " | ") + " |")
        }
        return lines + [""]
    }

    private static func findings(_ result: AuditResult) -> [String] {
        var lines: [String] = []
        for dataset in result.datasets {
            if let details = dataset.labelModel {
                if !details.invalidLabels.isEmpty {
                    let labels = details.invalidLabels.sorted { $0.key < $1.key }.map {
                        "\(escape($0.key)) (\($0.value))"
                    }
                    lines += [
                        "\(summaryText(dataset.name)): labels not in the real data: \(labels.joined(separator: ", "))",
                        "",
                    ]
                }
                if !details.suspectedMislabels.isEmpty {
                    lines += [
                        "<details><summary>\(summaryText(dataset.name)): \(details.suspectedMislabelCount) rows whose label the classifier disputes</summary>",
                        "",
                        "| label quality | row | label | predicted |", "|---:|---|---|---|",
                    ]
                    for row in details.suspectedMislabels.prefix(exampleLimit) {
                        lines.append(
                            "| \(number(row.labelQuality)) | \(row.row): \(escape(row.text, limit: textLimit)) | "
                                + "\(escape(row.label)) | \(escape(row.predicted)) |")
                    }
                    lines += ["", "</details>", ""]
                }
            }
            if let details = dataset.subjectivity, !details.mostAmbiguous.isEmpty {
                let source =
                    details.method == "annotations"
                    ? "votes of the raters" : "labels of the \(details.neighbours ?? 0) nearest real rows"
                lines += [
                    "<details><summary>\(summaryText(dataset.name)): most ambiguous rows (\(source))</summary>", "",
                    "| subjectivity | row | label | votes |", "|---:|---|---|---|",
                ]
                for row in details.mostAmbiguous.prefix(exampleLimit) {
                    let votes = row.voteList(escaping: { escape($0) })
                    lines.append(
                        "| \(number(row.subjectivity)) | \(row.row): \(escape(row.text, limit: textLimit)) | "
                            + "\(escape(row.label ?? "–")) | \(votes) |")
                }
                lines += ["", "</details>", ""]
            }
            lines += naturalnessFindings(dataset)
            lines += fidelityFindings(dataset)
            guard let details = dataset.embedding else { continue }
            if !details.nearDuplicateClusters.isEmpty {
                lines += [
                    "<details><summary>\(summaryText(dataset.name)): \(details.nearDuplicateClusterCount) near-duplicate clusters</summary>",
                    "",
                    "| rows | example |", "|---:|---|",
                ]
                for cluster in details.nearDuplicateClusters.prefix(exampleLimit) {
                    lines.append("| \(cluster.size) | \(escape(cluster.example, limit: textLimit)) |")
                }
                let more = details.nearDuplicateClusterCount - min(exampleLimit, details.nearDuplicateClusters.count)
                if more > 0 { lines += ["", "\(more) more not shown."] }
                lines += ["", "</details>", ""]
            }
            if !details.realCopies.isEmpty {
                lines += [
                    "<details><summary>\(summaryText(dataset.name)): \(details.realCopyCount == 1 ? "1 row copies" : "\(details.realCopyCount) rows copy") a real row</summary>",
                    "",
                    "| similarity | synthetic row | real row |", "|---:|---|---|",
                ]
                for copy in details.realCopies.prefix(exampleLimit) {
                    lines.append(
                        "| \(number(copy.similarity)) | \(copy.row): \(escape(copy.text, limit: textLimit)) | "
                            + "\(copy.realRow): \(escape(copy.realText, limit: textLimit)) |")
                }
                let more = details.realCopyCount - min(exampleLimit, details.realCopies.count)
                if more > 0 { lines += ["", "\(more) more not shown."] }
                lines += ["", "</details>", ""]
            }
        }
        return lines
    }

    /// A synthetic dataset's artefact rules with their row counts and first flagged row, its most shared
    /// opening, and its least natural rows.
    private static func naturalnessFindings(_ dataset: DatasetResult) -> [String] {
        guard dataset.role != .real, let details = dataset.naturalness else { return [] }
        var lines: [String] = []
        if !details.artefacts.isEmpty {
            lines += [
                "<details><summary>\(summaryText(dataset.name)): rows with LLM artefacts</summary>", "",
                "| rule | rows | first flagged row |", "|---|---:|---|",
            ]
            for (kind, findings) in details.artefacts.sorted(by: { $0.key < $1.key }) {
                let example = findings.examples.first.map { "\($0.row): \(escape($0.text, limit: textLimit))" } ?? "–"
                lines.append("| \(escape(kind)) | \(findings.rows) | \(example) |")
            }
            if let opening = details.openingTemplates.first {
                lines += [
                    "",
                    "Most shared opening: \(escape(opening.opening)) … (\(opening.rows) rows, \(number(opening.share))).",
                ]
            }
            lines += ["", "</details>", ""]
        }
        if !details.leastNatural.isEmpty {
            let median =
                details.realMedianPerplexity.map { " (typical real perplexity: \(number($0, decimals: 1)))" } ?? ""
            lines += [
                "<details><summary>\(summaryText(dataset.name)): least natural rows\(median)</summary>", "",
                "| naturalness | perplexity | row | artefacts |", "|---:|---:|---|---|",
            ]
            for row in details.leastNatural.prefix(exampleLimit) {
                lines.append(
                    "| \(number(row.naturalness)) | \(number(row.perplexity, decimals: 1)) | "
                        + "\(row.row): \(escape(row.text, limit: textLimit)) | "
                        + "\(row.flags.isEmpty ? "–" : escape(row.flags.joined(separator: ", "))) |")
            }
            lines += ["", "</details>", ""]
        }
        return lines
    }

    /// A synthetic dataset's most synthetic-looking rows and the words that most set it apart.
    private static func fidelityFindings(_ dataset: DatasetResult) -> [String] {
        guard dataset.role != .real, let details = dataset.fidelity,
            !details.mostSyntheticLooking.isEmpty || details.discriminativeWords != nil
        else { return [] }
        var lines = ["<details><summary>\(summaryText(dataset.name)): what gives it away</summary>", ""]
        if let words = details.discriminativeWords {
            func list(_ entries: [DiscriminativeWord]) -> String {
                entries.prefix(10).map { "\(escape($0.word)) (\($0.syntheticCount) vs \($0.realCount))" }.joined(
                    separator: ", ")
            }
            lines += ["Over-used words: \(list(words.synthetic)).", "", "Under-used words: \(list(words.real)).", ""]
        }
        if !details.mostSyntheticLooking.isEmpty {
            lines += ["| P(synthetic) | row |", "|---:|---|"]
            for row in details.mostSyntheticLooking.prefix(exampleLimit) {
                lines.append("| \(number(row.score)) | \(row.row): \(escape(row.text, limit: textLimit)) |")
            }
            lines.append("")
        }
        return lines + ["</details>", ""]
    }

    private static func perLabel(_ result: AuditResult) -> [String] {
        var lines: [String] = []
        for dataset in result.datasets where !dataset.perLabel.isEmpty {
            let labels = dataset.perLabel.keys.sorted()
            lines += [
                "<details><summary>\(summaryText(dataset.name)): per label</summary>", "",
                "| metric | " + labels.map { escape($0) }.joined(separator: " | ") + " |",
                "|---|" + String(repeating: "---:|", count: labels.count),
            ]
            for id in SummaryTable.shownMetrics(result) where !SummaryTable.comparesWithItself(result, dataset, id) {
                let cells = labels.map { label -> String in
                    guard let value = dataset.perLabel[label]?[id] else { return "" }
                    return value.number.map { number($0) } ?? "n/a"
                }
                guard labels.contains(where: { dataset.perLabel[$0]?[id]?.number != nil }) else { continue }
                lines.append("| `\(id.rawValue)` | " + cells.joined(separator: " | ") + " |")
            }
            lines += ["", "</details>", ""]
        }
        return lines
    }

    private static func column(_ dataset: DatasetResult) -> String {
        dataset.role == .real && dataset.name != "real" ? "\(escape(dataset.name)) (real)" : escape(dataset.name)
    }

    private static func arrow(_ direction: MetricDescriptor.Direction) -> String {
        switch direction {
        case .higherIsBetter: "↑"
        case .lowerIsBetter: "↓"
        case .closerToRealIsBetter: "≈ real"
        }
    }

    private static func number(_ value: Double, decimals: Int = 4) -> String {
        SummaryTable.fixed(value, decimals: decimals)
    }

    /// `text` made inert inside an HTML line such as `<details><summary>…</summary>`, which GitHub
    /// passes through as raw HTML (so Markdown backslash escapes would show): `& < > " '` and the
    /// Markdown metacharacters `` ` * [ ] | ~ \ $ `` as character references, `@` followed by a word
    /// joiner, line breaks and control characters as spaces (a blank line would end the HTML block and
    /// let the rest be read as Markdown).
    static func summaryText(_ text: String) -> String {
        var flat = ""
        for character in text {
            let isBreak =
                character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control }
                || character == "\u{2028}" || character == "\u{2029}"
            flat.append(isBreak ? " " : character)
        }
        var escaped = ""
        for character in HTMLEscaping.escape(flat) {
            switch character {
            case "@": escaped += "@\u{2060}"
            // Inert already in raw HTML; as references too, in case a renderer reads Markdown there.
            case "`", "*", "[", "]", "|", "~", "\\", "$":
                escaped += "&#\(character.unicodeScalars.first?.value ?? 32);"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// `text` made inert in a Markdown table cell or inline position: control characters and line
    /// breaks become spaces, Markdown and HTML metacharacters are escaped (`<`, `>`, `&` as entities,
    /// the rest with a backslash, `@` followed by a word joiner so it mentions nobody), and it is cut
    /// to `limit` characters with an ellipsis.
    static func escape(_ text: String, limit: Int? = nil) -> String {
        var characters = Array(text)
        var cut = false
        if let limit, characters.count > limit {
            characters = Array(characters.prefix(limit))
            cut = true
        }
        var escaped = ""
        for character in characters {
            if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control })
                || character == "\u{2028}" || character == "\u{2029}"
            {
                escaped.append(" ")
                continue
            }
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "@": escaped += "@\u{2060}"  // a word joiner, so `@name` mentions no GitHub user
            case "|", "\\", "`", "*", "_", "[", "]", "(", ")", "#", "~", "!", "$":
                escaped += "\\" + String(character)
            default: escaped.append(character)
            }
        }
        return cut ? escaped + "…" : escaped
    }
}
