import AuditModel

/// The audit as one self-contained HTML file: inline CSS and SVG, no scripts, no external resources,
/// readable offline and as a CI artifact.
///
/// Sections: provenance; a scorecard per quality dimension (each synthetic dataset's values beside the
/// real data's, with the better direction); the leaderboard (two or more synthetic datasets); dataset
/// statistics; a section per dimension with charts and the worst findings; the metric definitions.
/// Sections come from the metrics' dimensions, so new dimensions appear without changes here. Every
/// string from the data is escaped; lists and charts are capped and say what they leave out. The same
/// result gives the same bytes.
public enum HTMLReport {
    /// The most clusters or copies listed per dataset.
    public static let exampleLimit = 10
    /// The most points drawn per dataset in one projection chart.
    public static let pointLimit = 500
    /// The most points drawn in all projection charts together; with many generators each chart draws
    /// fewer points, so the file stays small.
    public static let pointBudget = 4000
    /// The longest text shown, in characters.
    public static let textLimit = 200

    /// The report; with `gate`, the gate's verdict and checks come first.
    public static func render(
        _ result: AuditResult, gate: GateReport? = nil, wording: any SkipReasonWording = PlainWording()
    ) -> String {
        let result = result.wordingReasons(with: wording)
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Assay audit</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>Assay audit</h1>

            """
        html += result.verdict.map(VerdictText.html) ?? ""
        html += gate?.htmlSection() ?? ""
        html += provenance(result)
        html += scorecards(result)
        html += neighbourSearch(result)
        if result.datasets.filter({ $0.role == .synthetic }).count >= 2 { html += leaderboard(result) }
        html += statistics(result)
        html += dimensionSections(result)
        html += appendix(result)
        html += "</body>\n</html>\n"
        return html
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:70rem;\
        padding:0 1rem;color:#222;line-height:1.45}h1,h2,h3{line-height:1.2}table{border-collapse:collapse;\
        margin:.5rem 0 1rem}th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:right;vertical-align:top}\
        th:first-child,td:first-child,td.text,th.text{text-align:left}td.text{max-width:32rem}td.nowrap,th.nowrap{white-space:nowrap}\
        .worse{background:#fde8e8}.warn{background:#fff4d6}.verdict ul{padding-left:1.2rem}.verdict li{margin:.3rem 0}\
        .better{background:#e6f4ea}.muted{color:#666}.cards{display:flex;flex-wrap:wrap;gap:1rem}\
        .card{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;flex:1 1 100%;min-width:0;\
        overflow-x:auto}section{overflow-x:auto}th{overflow-wrap:anywhere}.tick{font-size:11px;\
        fill:#333}svg{max-width:100%;height:auto}details{margin:.5rem 0}code{font-size:.9em}code.hash{font-size:.75em;word-break:break-all}.panels{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}pre.card{white-space:pre-wrap;background:#f6f8fa;padding:.6rem .8rem;font-size:.8em;line-height:1.45;max-width:60rem}
        """

    private static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }

    private static func number(_ value: Double?) -> String {
        value.map { SummaryTable.fixed($0, decimals: 4) } ?? "n/a"
    }

    private static func provenance(_ result: AuditResult) -> String {
        let configuration = result.configuration
        var html = "<section id=\"provenance\"><h2>Provenance</h2><table>"
        html += row("Tool", "\(escape(result.tool.name)) \(escape(result.tool.version))")
        html += row("Tokenizer", "<code>\(escape(configuration.tokenizer))</code>")
        html += row(
            "Fields",
            "text <code>\(escape(configuration.textField))</code>, label <code>"
                + "\(escape(configuration.labelField))</code>, annotators <code>\(escape(configuration.annotatorsField))</code>"
                + (configuration.vectorField.map { ", vectors <code>\(escape($0))</code>" } ?? ""))
        html += row("Metrics", configuration.metrics.map { "<code>\($0.rawValue)</code>" }.joined(separator: " "))
        if let embedding = result.embedding {
            html += row(
                "Embedder",
                "<code>\(escape(embedding.embedder))</code>, d = \(embedding.dimension)"
                    + (embedding.precision == "float32" ? "" : ", vectors kept in \(escape(embedding.precision))"))
            html += row("Near-duplicate threshold", number(configuration.nearDuplicateThreshold))
        }
        if let search = result.neighbourSearch {
            html += row("Neighbour search", escape(NeighbourSearchText.method(search)))
        }
        for note in result.datasets.compactMap(ShardMergeText.note) { html += row("Shard states", escape(note)) }
        html += row(
            "Seed",
            "\(configuration.seed) (bootstrap intervals: \(configuration.bootstrapResamples) resamples; held-out "
                + "real rows when the data has no split field); the same inputs and seed give the same bytes")
        html +=
            "</table><table><tr><th>dataset</th><th>role</th><th>path</th><th>rows</th>"
            + "<th title=\"of the bytes read; compare with sha256sum FILE\">SHA-256</th></tr>"
        for dataset in result.datasets {
            html +=
                "<tr><td>\(escape(dataset.name))</td><td>\(dataset.role.rawValue)</td>"
                + "<td class=\"text\"><code>\(escape(dataset.path))</code></td><td>\(dataset.rows)</td>"
                + "<td class=\"text\"><code class=\"hash\">\(escape(dataset.sha256 ?? "–"))</code></td></tr>"
        }
        return html + "</table></section>\n"
    }

    private static func row(_ name: String, _ value: String) -> String {
        "<tr><th>\(name)</th><td class=\"text\">\(value)</td></tr>"
    }

    /// The dimensions that have at least one metric with a value, in catalogue order.
    private static func dimensions(_ result: AuditResult) -> [(MetricDescriptor.Dimension, [MetricID])] {
        MetricDescriptor.Dimension.allCases.compactMap { dimension in
            let ids = SummaryTable.shownMetrics(result).filter { result.descriptor($0).dimension == dimension }
            return ids.isEmpty ? nil : (dimension, ids)
        }
    }

    private static func betterText(_ direction: MetricDescriptor.Direction) -> String {
        switch direction {
        case .higherIsBetter: "higher is better"
        case .lowerIsBetter: "lower is better"
        case .closerToRealIsBetter: "closer to real is better"
        }
    }

    /// A cell with the value and, for synthetic datasets, a cue (class and text) against the real value.
    private static func valueCell(_ result: AuditResult, _ dataset: DatasetResult, _ id: MetricID)
        -> String
    {
        if SummaryTable.comparesWithItself(result, dataset, id) { return "<td class=\"muted\">–</td>" }
        guard let value = dataset.metrics[id]?.number else {
            let reason = dataset.metrics[id]?.reasonText ?? "not computed"
            return "<td class=\"muted\" title=\"\(escape(reason))\">n/a</td>"
        }
        let interval =
            dataset.intervals[id].map {
                " <span class=\"muted\" title=\"\(Int(($0.level * 100).rounded())) % "
                    + intervalMethod($0) + "\">[\(number($0.lower)), \(number($0.upper))]</span>"
            } ?? ""
        let marked =
            interval
            + (ShardMergeText.isSampled(dataset, id)
                ? " <span class=\"muted\" title=\"computed on the dataset's seeded sample of "
                    + "\(dataset.mergedFromShards?.sampleRows ?? 0) rows\">\(ShardMergeText.sampleMark)</span>" : "")
        guard dataset.role == .synthetic else { return "<td>\(number(value))\(marked)</td>" }
        // A value of the sample (†) describes fewer rows than the real value: not comparable, never flagged.
        if !ShardMergeText.isSampled(dataset, id), MarkdownReport.isWorse(result, dataset, id) {
            return "<td class=\"worse\">\(number(value))\(marked) <span class=\"muted\">(worse)</span></td>"
        }
        return "<td>\(number(value))\(marked)</td>"
    }

    private static func intervalMethod(_ interval: ConfidenceInterval) -> String {
        switch interval.method {
        case .wilson: "Wilson score interval of a share of rows"
        case .hyperLogLog: "interval of a count by a HyperLogLog sketch (1.96 relative standard errors)"
        case nil: "bootstrap interval, \(interval.resamples) resamples, seed \(interval.seed)"
        }
    }

    private static func scorecards(_ result: AuditResult) -> String {
        var html =
            "<section id=\"scorecards\"><h2>Scorecards</h2><p class=\"muted\">Each synthetic dataset beside "
            + "the real data; “worse” \(MarkdownReport.flagMeaning).</p><div class=\"cards\">"
        let approximated = NeighbourSearchText.approximateMetrics(result)
        for (dimension, ids) in dimensions(result) {
            html += "<div class=\"card\"><h3>\(dimension.title)</h3><table><tr><th>metric</th>"
            html += result.datasets.map {
                "<th>\(escape($0.name))\($0.role == .real && $0.name != "real" ? " (real)" : "")</th>"
            }.joined()
            html += "</tr>"
            for id in ids {
                let approximate =
                    approximated.contains(id)
                    ? " <a href=\"#neighbours\" title=\"from an approximate neighbour graph: see its measured recall\">≈</a>"
                    : ""
                html +=
                    "<tr><td title=\"\(betterText(result.descriptor(id).direction))\"><code>\(id.rawValue)</code>"
                    + "\(approximate) <span class=\"muted\">(\(betterText(result.descriptor(id).direction)))</span></td>"
                html += result.datasets.map { valueCell(result, $0, id) }.joined() + "</tr>"
            }
            html += "</table></div>"
        }
        html += "</div>"
        let shown = Set(SummaryTable.shownMetrics(result))
        for group in SummaryTable.unavailableGroups(result) {
            let hidden = group.metrics.filter { !shown.contains(MetricID($0)) }
            let scope = group.everyDataset ? "" : " (\(group.datasets.map { escape($0) }.joined(separator: ", ")))"
            let names = (hidden.isEmpty ? group.metrics : hidden).map { "<code>\($0)</code>" }.joined(separator: ", ")
            html +=
                "<p class=\"muted\">\(hidden.isEmpty ? "n/a" : "Not shown, no value")\(scope): \(names): \(escape(group.reason))</p>"
        }
        return html + "</section>\n"
    }

    /// For an approximate search: its warnings and each graph's measured recall.
    private static func neighbourSearch(_ result: AuditResult) -> String {
        guard let search = result.neighbourSearch, search.method == .approximate else { return "" }
        var html =
            "<section id=\"neighbours\"><h2>Neighbour search</h2><p>≈ \(escape(NeighbourSearchText.method(search)))."
            + "</p>"
        for warning in search.warnings { html += "<p class=\"worse\">\(escape(warning))</p>" }
        // Dataset, graph and the metrics are text (left); the numbers stay on one line.
        let textColumns: Set<Int> = [0, 1, NeighbourSearchText.headers.count - 1]
        html +=
            "<table><tr>"
            + NeighbourSearchText.headers.enumerated().map { column, header in
                textColumns.contains(column)
                    ? "<th class=\"text nowrap\">\(header)</th>" : "<th class=\"nowrap\">\(header)</th>"
            }.joined() + "</tr>"
        for row in NeighbourSearchText.rows(search) {
            html +=
                "<tr>"
                + row.enumerated().map { column, cell in
                    textColumns.contains(column)
                        ? "<td class=\"text\">\(escape(cell))</td>" : "<td class=\"nowrap\">\(escape(cell))</td>"
                }.joined() + "</tr>"
        }
        return html + "</table></section>\n"
    }

    private static func leaderboard(_ result: AuditResult) -> String {
        let board = Leaderboard(result)
        var html =
            "<section id=\"leaderboard\"><h2>Leaderboard</h2><p class=\"muted\">Ranked on the \(board.rankedMetrics) "
            + "metrics whose every value has a 95 % interval; two datasets are ordered on a metric only when their "
            + "intervals separate, otherwise they tie.</p><table><tr><th>rank</th><th>dataset</th>"
            + "<th>mean rank</th><th>clearly best at</th></tr>"
        for (position, standing) in board.standings.enumerated() {
            let rank = standing.rankedMetrics == 0 ? "–" : SummaryTable.fixed(standing.meanRank, decimals: 2)
            html +=
                "<tr><td>\(position + 1)</td><td>\(escape(board.datasets[standing.dataset]))</td><td>\(rank)</td>"
                + "<td>\(standing.wins) of \(standing.rankedMetrics)</td></tr>"
        }
        html += "</table><table><tr><th>metric</th><th>better</th><th>real</th><th>best</th><th>worst</th></tr>"
        for row in board.rows {
            let (best, worst) = Leaderboard.words(row, board) { escape($0) }
            html +=
                "<tr><td><code>\(row.metric.rawValue)</code></td><td>\(betterText(result.descriptor(row.metric).direction))</td>"
                + "<td>\(row.real.map { number($0) } ?? "–")</td>"
                + "<td\(row.best == nil ? "" : " class=\"better\"")>\(best)</td><td>\(worst)</td></tr>"
        }
        return html + "</table></section>\n"
    }

    private static func statistics(_ result: AuditResult) -> String {
        var html =
            "<section id=\"datasets\"><h2>Datasets</h2><table><tr><th>dataset</th><th>rows</th>"
            + "<th>unlabelled</th><th>labels</th></tr>"
        for dataset in result.datasets {
            let labels = dataset.labelCounts.sorted { $0.key < $1.key }
                .map { "\(escape($0.key)): \($0.value)" }.joined(separator: ", ")
            html +=
                "<tr><td>\(escape(dataset.name))</td><td>\(dataset.rows)</td><td>\(dataset.unlabelledRows)</td>"
                + "<td class=\"text\">\(labels.isEmpty ? "–" : labels)</td></tr>"
        }
        html += "</table>"
        let histograms = result.datasets.filter { $0.tokenLengthHistogram != nil }
        if !histograms.isEmpty {
            let series = histograms.map { dataset in
                (
                    name: dataset.name,
                    values: (dataset.tokenLengthHistogram ?? []).map { count -> Double? in
                        dataset.rows == 0 ? nil : Double(count) / Double(dataset.rows)
                    }
                )
            }
            html +=
                "<h3>Tokens per row (share of rows)</h3>"
                + SVGChart.groupedBars(
                    title: "Token length distribution", categories: TokenLengthHistogram.binLabels, series: series)
        }
        let labels = Array(Set(result.datasets.flatMap { $0.labelCounts.keys })).sorted().prefix(20)
        if !labels.isEmpty {
            let series = result.datasets.map { dataset in
                (
                    name: dataset.name,
                    values: labels.map { label -> Double? in
                        dataset.rows == 0 ? nil : Double(dataset.labelCounts[label] ?? 0) / Double(dataset.rows)
                    }
                )
            }
            html +=
                "<h3>Label distribution (share of rows)</h3>"
                + SVGChart.groupedBars(title: "Label distribution", categories: Array(labels), series: series)
        }
        return html + "</section>\n"
    }

    private static func dimensionSections(_ result: AuditResult) -> String {
        var html = ""
        for (dimension, ids) in dimensions(result) {
            html += "<section id=\"\(dimension.rawValue)\"><h2>\(dimension.title)</h2>"
            let distinct = ids.filter { SectionMetrics.distinct.contains($0) }
            if !distinct.isEmpty {
                html +=
                    "<h3>Distinct n-grams</h3>"
                    + SVGChart.groupedBars(
                        title: "Distinct-n by dataset", categories: distinct.map(\.rawValue),
                        series: result.datasets.map { d in
                            (name: d.name, values: distinct.map { d.metrics[$0]?.number })
                        })
            }
            if dimension == .diversity { html += projection(result) + clusters(result) }
            if dimension == .memorisation { html += copies(result) }
            if dimension == .labels { html += disputedLabels(result) }
            if dimension == .subjectivity { html += ambiguousRows(result) }
            if dimension == .utility { html += subjectivityBesideUtility(result) + utilityBySubjectivity(result) }
            if dimension == .naturalness { html += naturalnessFindings(result) }
            if dimension == .distance { html += fidelityFindings(result) }
            html += perLabel(result, ids)
            html += "</section>\n"
        }
        return html
    }

    /// The 2-D projection: with a real dataset, one small chart per synthetic dataset with the real rows
    /// beneath it, all on the same axes; without one, every dataset in one chart. Points are sampled
    /// evenly within ``pointLimit`` per series and ``pointBudget`` overall.
    private static func projection(_ result: AuditResult) -> String {
        let projected = result.datasets.enumerated().compactMap { position, dataset -> (DatasetResult, Int)? in
            guard let points = dataset.embedding?.projection, !points.isEmpty else { return nil }
            return (dataset, position)
        }
        guard !projected.isEmpty else { return "" }
        let real = projected.first { $0.0.role == .real }
        let synthetic = projected.filter { $0.0.role != .real }
        let panels: [[(DatasetResult, Int)]] =
            if let real, !synthetic.isEmpty { synthetic.map { [real, $0] } } else { [projected] }
        let seriesCount = panels.reduce(0) { $0 + $1.count }
        let limit = max(1, min(pointLimit, pointBudget / seriesCount))
        func series(_ dataset: DatasetResult, style: Int) -> SVGChart.ScatterSeries {
            let points = dataset.embedding?.projection ?? []
            let sample = ProjectionSample.indices(count: points.count, limit: limit)
            return SVGChart.ScatterSeries(
                name: dataset.name, style: style, points: sample.map { (points[$0].x, points[$0].y) })
        }
        let all = projected.flatMap { entry in (entry.0.embedding?.projection ?? []).map { ($0.x, $0.y) } }
        let bounds = SVGChart.bounds(all)
        var html = "<h3>Embeddings on their first two principal axes</h3><div class=\"panels\">"
        for panel in panels {
            let title =
                panel.count == 2 && real != nil ? "\(panel[1].0.name) beside \(panel[0].0.name)" : "all datasets"
            html += SVGChart.scatter(
                title: "2-D projection: \(title)", series: panel.map { series($0.0, style: $0.1) }, bounds: bounds,
                size: panels.count > 1 ? 280 : 360)
        }
        html += "</div>"
        let drawn = projected.reduce(0) { $0 + min($1.0.embedding?.projection.count ?? 0, limit) }
        let total = result.datasets.reduce(0) { $0 + ($1.embedding?.projection.count ?? 0) }
        if drawn < total {
            html +=
                "<p class=\"muted\">\(drawn) of \(total) projected rows drawn (evenly spaced, at most \(limit) per dataset).</p>"
        }
        return html
    }

    /// Per dataset, the labels outside the real set and the rows whose label the real-trained classifier disputes.
    private static func disputedLabels(_ result: AuditResult) -> String {
        var html = ""
        for dataset in result.datasets {
            guard let details = dataset.labelModel else { continue }
            if !details.invalidLabels.isEmpty {
                let labels = details.invalidLabels.sorted { $0.key < $1.key }.map { "\(escape($0.key)) (\($0.value))" }
                html += "<p>\(escape(dataset.name)): labels not in the real data: \(labels.joined(separator: ", "))</p>"
            }
            guard !details.suspectedMislabels.isEmpty else { continue }
            html +=
                "<details><summary>\(escape(dataset.name)): \(details.suspectedMislabelCount) rows whose label the "
                + "classifier trained on the real data disputes</summary>"
            html += findingTable(
                ["label quality", "row", "label", "predicted"],
                details.suspectedMislabels.map { row in
                    [
                        "<td>\(number(row.labelQuality))</td>", textCell("\(row.row): ", row.text),
                        "<td class=\"text\">\(escape(row.label))</td>",
                        "<td class=\"text\">\(escape(row.predicted))</td>",
                    ]
                }, total: details.suspectedMislabelCount)
            html += "</details>"
        }
        if let details = result.datasets.lazy.compactMap(\.labelModel).first {
            let sampled = details.trainRowsAvailable.map { " (a stratified sample of \($0))" } ?? ""
            html +=
                "<p class=\"muted\">Classifier: \(escape(details.classifier)), trained on \(details.trainRows) real "
                + "rows\(sampled), tested on \(details.testRows) held out (\(escape(details.split))).</p>"
            let synthetic = result.datasets.compactMap { dataset -> String? in
                guard let details = dataset.labelModel, let used = details.syntheticTrainRows,
                    let available = details.syntheticTrainRowsAvailable
                else { return nil }
                return "\(escape(dataset.name)): \(used) of \(available) rows"
            }
            if !synthetic.isEmpty {
                html +=
                    "<p class=\"muted\">Train-on-synthetic classifiers learnt from stratified samples: "
                    + synthetic.joined(separator: "; ") + ".</p>"
            }
        }
        return html
    }

    /// The task's subjectivity beside what the data is worth for training (Li et al. 2023 found synthetic
    /// data helps less the more subjective the task), one row per dataset; why the ratio is missing when
    /// it is not measurable.
    private static func subjectivityBesideUtility(_ result: AuditResult) -> String {
        let ids = [
            SectionMetrics.subjectivityTask, SectionMetrics.subjectivityTaskNormalised, SectionMetrics.tstrMacroF1,
            SectionMetrics.trtrMacroF1,
            SectionMetrics.tstrBalancedAccuracy, SectionMetrics.trtrBalancedAccuracy, SectionMetrics.tstrRatio,
        ]
        guard result.datasets.contains(where: { $0.metrics[SectionMetrics.tstrMacroF1]?.number != nil }) else {
            return ""
        }
        var html =
            "<h3>Subjectivity beside utility</h3><table><tr><th>dataset</th>"
            + ids.map { "<th><code>\($0.rawValue)</code></th>" }.joined() + "</tr>"
        for dataset in result.datasets {
            html +=
                "<tr><td>\(escape(dataset.name))</td>"
                + ids.map { valueCell(result, dataset, $0) }.joined() + "</tr>"
        }
        html += "</table>"
        if let reason = SummaryTable.unmeasurableRatio(result) {
            html += "<p class=\"warning\"><code>tstr_ratio</code>: \(escape(reason)).</p>"
        }
        return html + "<p class=\"muted\">The more subjective the task, the less synthetic data tends to help "
            + "(Li et al. 2023): read a low <code>tstr_ratio</code> beside a high <code>subjectivity_task</code>.</p>"
    }

    /// Accuracy on the real held-out rows by subjectivity bin: a chart and a table with each dataset's gap.
    private static func utilityBySubjectivity(_ result: AuditResult) -> String {
        guard let table = SubjectivityBinsText.table(result) else { return "" }
        let bins = table.breakdown.bins
        let series =
            [(name: "trained on real", values: bins.map { Optional($0.trainedOnReal) })]
            + table.datasets.map { entry in
                (
                    name: entry.name,
                    values: bins.indices.map { $0 < entry.bins.count ? entry.bins[$0].trainedOnThis : nil }
                )
            }
        var html =
            "<h3>Accuracy by instance subjectivity</h3><p class=\"muted\">Accuracy on the real held-out rows, "
            + "binned by \(escape(SubjectivityBinsText.source(table.breakdown))).</p>"
            + SVGChart.groupedBars(
                title: "Accuracy by subjectivity bin", categories: bins.map(SubjectivityBinsText.label), series: series)
            + "<table><tr><th>subjectivity</th><th>rows</th><th>trained on real</th>"
            + table.datasets.map { "<th>\(escape($0.name)) (gap)</th>" }.joined() + "</tr>"
        for (index, bin) in bins.enumerated() {
            html +=
                "<tr><td>\(escape(SubjectivityBinsText.label(bin)))</td><td>\(bin.rows)</td>"
                + "<td>\(number(bin.trainedOnReal))</td>"
                + table.datasets.map {
                    "<td>\(index < $0.bins.count ? escape(SubjectivityBinsText.withGap($0.bins[index])) : "")</td>"
                }.joined() + "</tr>"
        }
        return html + "</table>"
    }

    /// Per dataset, how subjectivity was measured and its most ambiguous rows with their votes.
    private static func ambiguousRows(_ result: AuditResult) -> String {
        var html = ""
        for dataset in result.datasets {
            guard let details = dataset.subjectivity else { continue }
            let method =
                details.method == "annotations"
                ? "from the raters of \(details.ratedRows) rows"
                : "estimated from the labels of the \(details.neighbours ?? 0) nearest labelled real rows "
                    + "(\(details.ratedRows) rows; random neighbours would give about "
                    + "\(details.chanceLevel.map { number($0) } ?? "–"); a weak proxy for human disagreement, "
                    + "see Metrics/subjectivity.md)"
            html +=
                "<details\(details.mostAmbiguous.isEmpty ? "" : " open")><summary>\(escape(dataset.name)): "
                + "subjectivity \(method)</summary>"
            guard !details.mostAmbiguous.isEmpty else {
                html += "<p class=\"muted\">Every row's votes agree.</p></details>"
                continue
            }
            html += findingTable(
                ["subjectivity", "row", "label", "votes"],
                details.mostAmbiguous.map { row in
                    [
                        "<td>\(number(row.subjectivity))</td>", textCell("\(row.row): ", row.text),
                        "<td class=\"text\">\(escape(row.label ?? "–"))</td>",
                        "<td class=\"text\">\(row.voteList(escaping: { escape($0) }))</td>",
                    ]
                }, total: details.mostAmbiguous.count)
            html += "</details>"
        }
        return html
    }

    /// Per dataset, the rows that trip each artefact rule (with examples) and the openings rows share.
    private static func naturalnessFindings(_ result: AuditResult) -> String {
        var html = ""
        for dataset in result.datasets {
            guard let details = dataset.naturalness else { continue }
            let kinds = details.artefacts.sorted { $0.key < $1.key }
            if !kinds.isEmpty {
                let flagged =
                    dataset.metrics[SectionMetrics.artefactRate]?.number.map { " (\(number($0)) of rows)" } ?? ""
                html +=
                    "<details\(dataset.role == .real ? "" : " open")><summary>\(escape(dataset.name)): artefacts"
                    + "\(flagged)</summary>"
                html += findingTable(
                    ["rule", "rows", "first flagged rows"],
                    kinds.map { kind, findings in
                        [
                            "<td><code>\(escape(kind))</code></td>", "<td>\(findings.rows)</td>",
                            "<td class=\"text\">"
                                + findings.examples.map {
                                    "\($0.row): \(HTMLEscaping.escape($0.text, limit: textLimit))"
                                }.joined(separator: "<br>") + "</td>",
                        ]
                    }, total: kinds.count)
                html += "</details>"
            }
            for (title, rows, open) in [
                ("least natural rows", details.leastNatural, dataset.role != .real),
                ("most natural rows", details.mostNatural, false),
            ] where !rows.isEmpty {
                html += "<details\(open ? " open" : "")><summary>\(escape(dataset.name)): \(title)</summary>"
                html += findingTable(
                    ["naturalness", "perplexity", "row", "artefacts"],
                    rows.map { row in
                        [
                            "<td>\(number(row.naturalness))</td>", "<td>\(number(row.perplexity))</td>",
                            textCell("\(row.row): ", row.text),
                            "<td class=\"text\">\(row.flags.isEmpty ? "–" : escape(row.flags.joined(separator: ", ")))</td>",
                        ]
                    }, total: rows.count)
                html += "</details>"
            }
            if !details.openingTemplates.isEmpty {
                html += "<details><summary>\(escape(dataset.name)): shared openings</summary>"
                html += findingTable(
                    ["opening", "rows", "share"],
                    details.openingTemplates.map { template in
                        [
                            "<td class=\"text\">\(escape(template.opening)) …</td>", "<td>\(template.rows)</td>",
                            "<td>\(number(template.share))</td>",
                        ]
                    }, total: details.openingTemplates.count)
                html += "</details>"
            }
        }
        if let model = result.datasets.lazy.compactMap({ $0.naturalness?.languageModel }).first {
            let median = result.datasets.lazy.compactMap { $0.naturalness?.realMedianPerplexity }.first
            html +=
                "<p class=\"muted\">Perplexities: \(escape(model)). Naturalness peaks at the real rows' median "
                + "perplexity\(median.map { " (\(number($0)))" } ?? "") and falls towards 0 on either side.</p>"
        }
        return html
    }

    /// Per synthetic dataset, the rows the discriminator finds most and least synthetic and the words that
    /// most set it apart from the real data; the noise floor's meaning.
    private static func fidelityFindings(_ result: AuditResult) -> String {
        var html = ""
        for dataset in result.datasets where dataset.role != .real {
            guard let details = dataset.fidelity else { continue }
            for (title, rows) in [
                ("rows the discriminator finds most synthetic", details.mostSyntheticLooking),
                ("rows that pass for real", details.mostRealLooking),
            ] where !rows.isEmpty {
                html += "<details><summary>\(escape(dataset.name)): \(title)</summary>"
                html += findingTable(
                    ["P(synthetic)", "row"],
                    rows.map { ["<td>\(number($0.score))</td>", textCell("\($0.row): ", $0.text)] }, total: rows.count)
                html += "</details>"
            }
            if let words = details.discriminativeWords, !(words.synthetic.isEmpty && words.real.isEmpty) {
                func list(_ entries: [DiscriminativeWord]) -> String {
                    entries.map {
                        "<span title=\"z \(number($0.zScore))\">\(escape($0.word))</span> "
                            + "<span class=\"muted\">\($0.syntheticCount):\($0.realCount)</span>"
                    }
                    .joined(separator: ", ")
                }
                html +=
                    "<details open><summary>\(escape(dataset.name)): words that set it apart from the real data</summary>"
                    + "<table><tr><th>over-used</th><td class=\"text\">\(list(words.synthetic))</td></tr>"
                    + "<tr><th>under-used</th><td class=\"text\">\(list(words.real))</td></tr></table>"
                    + "<p class=\"muted\">Weighted log-odds with an informative Dirichlet prior (Monroe et al. 2008), "
                    + "strongest first; beside each word its count here and in the real data.</p></details>"
            }
        }
        if let floor = result.real?.fidelity?.noiseFloor {
            html +=
                "<p class=\"muted\">The real dataset's discriminator, MAUVE and precision / recall values are "
                + "\(escape(floor)): what real data gives against real data.</p>"
        }
        return html
    }

    private static func clusters(_ result: AuditResult) -> String {
        var html = ""
        for dataset in result.datasets {
            guard let details = dataset.embedding, !details.nearDuplicateClusters.isEmpty else { continue }
            html +=
                "<details><summary>\(escape(dataset.name)): \(details.nearDuplicateClusterCount) near-duplicate "
                + "clusters</summary>"
            html += findingTable(
                ["rows", "example", "row numbers"],
                details.nearDuplicateClusters.map { cluster in
                    [
                        "<td>\(cluster.size)</td>", textCell("", cluster.example),
                        "<td class=\"text\">\(cluster.rows.map(String.init).joined(separator: ", "))</td>",
                    ]
                }, total: details.nearDuplicateClusterCount)
            html += "</details>"
        }
        return html
    }

    private static func copies(_ result: AuditResult) -> String {
        var html = ""
        for dataset in result.datasets {
            guard let details = dataset.embedding, !details.realCopies.isEmpty else { continue }
            html +=
                "<details open><summary>\(escape(dataset.name)): \(details.realCopyCount == 1 ? "1 row copies" : "\(details.realCopyCount) rows copy") a real row"
                + "</summary>"
            html += findingTable(
                ["similarity", "synthetic row", "real row"],
                details.realCopies.map { copy in
                    [
                        "<td>\(number(copy.similarity))</td>", textCell("\(copy.row): ", copy.text),
                        textCell("\(copy.realRow): ", copy.realText),
                    ]
                }, total: details.realCopyCount)
            html += "</details>"
        }
        return html
    }

    /// A table of findings: the header cells, one row of `<td>` cells per finding (at most
    /// ``exampleLimit``), and a line saying how many of `total` were left out.
    private static func findingTable(_ headers: [String], _ rows: [[String]], total: Int) -> String {
        var html = "<table><tr>" + headers.map { "<th>\($0)</th>" }.joined() + "</tr>"
        for cells in rows.prefix(exampleLimit) { html += "<tr>" + cells.joined() + "</tr>" }
        return html + "</table>" + more(total, shown: min(exampleLimit, rows.count))
    }

    /// A cell with a dataset text, escaped and capped at ``textLimit``, after `prefix` (a row number).
    private static func textCell(_ prefix: String, _ text: String) -> String {
        "<td class=\"text\">\(prefix)\(HTMLEscaping.escape(text, limit: textLimit))</td>"
    }

    private static func more(_ total: Int, shown: Int) -> String {
        total > shown ? "<p class=\"muted\">\(total - shown) more not shown (see the JSON report).</p>" : ""
    }

    private static func perLabel(_ result: AuditResult, _ ids: [MetricID]) -> String {
        var html = ""
        for dataset in result.datasets where !dataset.perLabel.isEmpty {
            let labels = dataset.perLabel.keys.sorted()
            // Only the metrics with a value on some label (utility, for one, is per dataset).
            let rows = ids.filter { id in labels.contains { dataset.perLabel[$0]?[id]?.number != nil } }
            guard !rows.isEmpty else { continue }
            html +=
                "<details><summary>\(escape(dataset.name)) per label</summary><table><tr><th>metric</th>"
                + labels.map { "<th>\(escape($0))</th>" }.joined() + "</tr>"
            for id in rows {
                let cells = labels.map { dataset.perLabel[$0]?[id] }
                html +=
                    "<tr><td><code>\(id.rawValue)</code></td>"
                    + cells.map { "<td>\($0.map { number($0.number) } ?? "")</td>" }.joined() + "</tr>"
            }
            html += "</table></details>"
        }
        return html
    }

    /// A table of the selected metrics, then each of their cards' definitions, verbatim.
    private static func appendix(_ result: AuditResult) -> String {
        let selected = result.configuration.metrics.map(result.descriptor)
        var html =
            "<section id=\"definitions\"><h2>Metric definitions</h2><table><tr><th>id</th><th>title</th>"
            + "<th>what it says</th><th>better</th><th>definition</th></tr>"
        for descriptor in selected {
            html +=
                "<tr><td><code>\(descriptor.id.rawValue)</code></td><td class=\"text\">\(escape(descriptor.title))</td>"
                + "<td class=\"text\">\(escape(descriptor.summary))</td><td>\(betterText(descriptor.direction))</td>"
                + "<td class=\"text\"><a href=\"#\(cardAnchor(descriptor.card))\">\(escape(descriptor.card))</a></td></tr>"
        }
        html += "</table>"
        var cards: [String] = []
        for descriptor in selected where !cards.contains(descriptor.card) { cards.append(descriptor.card) }
        for card in cards {
            let members = selected.filter { $0.card == card }
            let definition = members.first?.definition ?? ""
            html +=
                "<h3 id=\"\(cardAnchor(card))\">"
                + members.map { "<code>\($0.id.rawValue)</code>" }.joined(separator: ", ")
                + " <small>from <code>\(escape(card))</code></small></h3><pre class=\"card\">\(escape(definition))</pre>"
        }
        return html + "</section>\n"
    }

    /// The in-page anchor of a card's definition, e.g. `card-self-bleu`.
    private static func cardAnchor(_ card: String) -> String {
        let file = card.split(separator: "/").last.map(String.init) ?? card
        return "card-" + escape(file.hasSuffix(".md") ? String(file.dropLast(3)) : file)
    }
}

/// Evenly spaced sample indices, as the plan samples the projection.
enum ProjectionSample {
    static func indices(count: Int, limit: Int) -> [Int] {
        guard count > limit, limit > 0 else { return Array(0..<count) }
        return (0..<limit).map { $0 * count / limit }
    }
}
