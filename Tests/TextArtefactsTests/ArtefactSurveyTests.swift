import Foundation
import Testing

@testable import TextArtefacts

/// Rates of each rule on the real and synthetic rows of the shared datasets.
@Suite struct ArtefactSurveyTests {
    /// The share of `rows` on which each kind trips, with the dataset's label names.
    static func rates(_ rows: [SharedDatasets.Row], labels: [String]) -> [ArtefactKind: Double] {
        let detector = ArtefactDetector(labelNames: labels)
        var counts: [ArtefactKind: Int] = [:]
        for row in rows {
            for kind in detector.detect(row.text) { counts[kind, default: 0] += 1 }
        }
        let n = Double(max(rows.count, 1))
        return Dictionary(uniqueKeysWithValues: ArtefactKind.allCases.map { ($0, Double(counts[$0] ?? 0) / n) })
    }

    static func labelNames(_ rows: [SharedDatasets.Row]) -> [String] {
        Array(Set(rows.compactMap(\.label))).sorted()
    }

    /// The three rules that must stay quiet on human text.
    static let strictKinds: [ArtefactKind] = [.boilerplate, .refusal, .promptLeakage]

    static let realFiles = [
        "sarcasm_isarcasmeval_gpt35/real.jsonl", "tweet_sentiment_gpt35/real.jsonl", "imdb_s3_gpt35/real.jsonl",
        "irony_semeval2018_llm_synthetic/real.jsonl", "agnews_llm_synthetic/real.jsonl",
    ]

    @Test(
        .enabled(if: SharedDatasets.isPresent, "needs ../shared/datasets beside the repository"),
        arguments: realFiles)
    func strictRulesRarelyTripOnRealRows(_ file: String) throws {
        let rows = try SharedDatasets.rows(file).filter { !$0.synthetic }
        #expect(rows.count > 100)
        let rates = Self.rates(rows, labels: Self.labelNames(rows))
        for kind in Self.strictKinds {
            #expect((rates[kind] ?? 1) < 0.01, "\(file): \(kind.rawValue) trips on \(rates[kind] ?? 1) of real rows")
        }
    }

    /// Prints, per file, the share of real and of synthetic rows each rule trips on. Slow: set
    /// `ASSAY_ARTEFACT_SURVEY=1`.
    @Test(
        .enabled(if: SharedDatasets.isPresent, "needs ../shared/datasets beside the repository"),
        .enabled(if: ProcessInfo.processInfo.environment["ASSAY_ARTEFACT_SURVEY"] == "1", "set ASSAY_ARTEFACT_SURVEY=1")
    )
    func survey() throws {
        let header = "| file | rows | " + ArtefactKind.allCases.map(\.rawValue).joined(separator: " | ") + " |"
        var lines = [header, "|" + String(repeating: "---|", count: ArtefactKind.allCases.count + 2)]
        var totals: [Bool: (rows: Int, hits: [ArtefactKind: Double])] = [:]
        let showExamples = ProcessInfo.processInfo.environment["ASSAY_ARTEFACT_EXAMPLES"]
        for file in try SharedDatasets.files() {
            let all = try SharedDatasets.rows(file)
            let labels = Self.labelNames(all.filter { !$0.synthetic })
            for synthetic in [false, true] {
                let rows = all.filter { $0.synthetic == synthetic }
                guard !rows.isEmpty else { continue }
                let rates = Self.rates(rows, labels: labels.isEmpty ? Self.labelNames(rows) : labels)
                let cells = ArtefactKind.allCases.map { String(format: "%.2f%%", 100 * (rates[$0] ?? 0)) }
                lines.append(
                    "| \(file)\(synthetic ? " (synthetic)" : " (real)") | \(rows.count) | "
                        + cells.joined(separator: " | ") + " |")
                var total = totals[synthetic] ?? (0, [:])
                total.rows += rows.count
                for kind in ArtefactKind.allCases {
                    total.hits[kind, default: 0] += (rates[kind] ?? 0) * Double(rows.count)
                }
                totals[synthetic] = total
                if let kindName = showExamples, let kind = ArtefactKind(rawValue: kindName) {
                    let detector = ArtefactDetector(labelNames: labels)
                    for row in rows where detector.detect(row.text).contains(kind) {
                        print("EXAMPLE \(file) \(synthetic ? "syn" : "real"): \(row.text.prefix(240).debugDescription)")
                    }
                }
            }
        }
        for synthetic in [false, true] {
            guard let total = totals[synthetic], total.rows > 0 else { continue }
            let cells = ArtefactKind.allCases.map {
                String(format: "%.2f%%", 100 * (total.hits[$0] ?? 0) / Double(total.rows))
            }
            lines.append(
                "| **all \(synthetic ? "synthetic" : "real")** | \(total.rows) | " + cells.joined(separator: " | ")
                    + " |")
        }
        print(lines.joined(separator: "\n"))
    }
}
