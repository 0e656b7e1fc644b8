import Testing

@testable import TextArtefacts

/// The naturalness issue's acceptance check: boilerplate, refusals and leaked formats injected into real
/// rows are flagged, while the same real rows, untouched, almost never are.
@Suite("Injected artefacts in real rows")
struct InjectedArtefactTests {
    /// Wrappers an unfiltered generator puts around a row, each with the rule that must flag it.
    static let injections: [(name: String, kind: ArtefactKind, wrap: @Sendable (String) -> String)] = [
        ("preamble", .boilerplate, { "Sure! Here is a tweet for you: \($0)" }),
        ("here's", .boilerplate, { "Here's a sarcastic tweet:\n\($0)" }),
        ("closer", .boilerplate, { "\($0) I hope this helps!" }),
        ("self-reference", .refusal, { "As an AI language model, I think \($0)" }),
        ("numbering", .promptLeakage, { "1. \($0)" }),
        ("field header", .promptLeakage, { "Tweet 3: \($0)" }),
        ("label field", .promptLeakage, { "\($0) (Label: sarcastic)" }),
        ("quotes", .wrappedInQuotes, { "\"\($0.replacingOccurrences(of: "\"", with: ""))\"" }),
    ]

    @Test(
        .enabled(if: SharedDatasets.isPresent, "needs ../shared/datasets beside the repository"),
        arguments: injections.indices)
    func injectedArtefactsAreFlaggedAndRealRowsAreNot(_ index: Int) throws {
        let injection = Self.injections[index]
        let rows = try SharedDatasets.rows("sarcasm_isarcasmeval_gpt35/real.jsonl").filter { !$0.synthetic }
            .map(\.text).filter { !$0.isEmpty }
        #expect(rows.count > 1000)
        let detector = ArtefactDetector(labelNames: ["sarcastic", "not-sarcastic"])
        let before = rows.filter { detector.detect($0).contains(injection.kind) }.count
        let after = rows.filter { detector.detect(injection.wrap($0)).contains(injection.kind) }.count
        let n = Double(rows.count)
        print(
            "injected \(injection.name) (\(injection.kind.rawValue)): \(before) of \(rows.count) real rows before, \(after) after"
        )
        // Measured on 2,426 rows: at most 4 flagged before (0.16 %, quotes), every one of them after.
        #expect(Double(before) / n < 0.005, "\(injection.name): \(before) of \(rows.count) real rows flagged")
        #expect(Double(after) / n > 0.98, "\(injection.name): only \(after) of \(rows.count) injected rows flagged")
    }
}
