import AssayTestSupport
import Foundation
import Testing

@testable import TextTokenization

/// Checks every row of the worked-examples table in `Metrics/tokenization.md`.
@Suite struct TokenizationCardTests {
    /// One row of the card's table.
    struct Example: CustomTestStringConvertible, Sendable {
        let input: String
        let tokens: [String]
        var testDescription: String { input.debugDescription }
    }

    static let cardURL = RepositoryPaths.root.appendingPathComponent("Metrics/tokenization.md")

    /// The rows of the table under "## Worked examples".
    static func examples() throws -> [Example] {
        let card = try String(contentsOf: cardURL, encoding: .utf8)
        guard let section = card.range(of: "## Worked examples") else { return [] }
        var examples: [Example] = []
        for line in card[section.upperBound...].split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= 3 else { continue }
            let inputs = codeSpans(cells[1])
            guard inputs.count == 1 else { continue }
            examples.append(Example(input: unescape(inputs[0]), tokens: codeSpans(cells[2]).map(unescape)))
        }
        return examples
    }

    /// The contents of the `code spans` of a table cell.
    static func codeSpans(_ cell: String) -> [String] {
        let parts = cell.split(separator: "`", omittingEmptySubsequences: false)
        return stride(from: 1, to: parts.count, by: 2).map { String(parts[$0]) }
    }

    /// Replaces `\u{HEX}`, `\t` and `\n` with the characters they stand for.
    static func unescape(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "\\", i + 1 < scalars.count {
                if scalars[i + 1] == "t" {
                    result.append("\t")
                    i += 2
                    continue
                }
                if scalars[i + 1] == "n" {
                    result.append("\n")
                    i += 2
                    continue
                }
                if scalars[i + 1] == "u", i + 2 < scalars.count, scalars[i + 2] == "{",
                    let close = scalars[(i + 3)...].firstIndex(of: "}"),
                    let value = UInt32(String(String.UnicodeScalarView(scalars[(i + 3)..<close])), radix: 16),
                    let scalar = Unicode.Scalar(value)
                {
                    result.append(scalar)
                    i = close + 1
                    continue
                }
            }
            result.append(scalars[i])
            i += 1
        }
        return String(result)
    }

    @Test func cardHasExamples() throws {
        #expect(try Self.examples().count >= 20)
    }

    @Test(arguments: try examples())
    func cardExample(_ example: Example) {
        let tokens = WordTokenizer().tokens(in: example.input)
        #expect(tokens.map { Array($0.unicodeScalars) } == example.tokens.map { Array($0.unicodeScalars) })
    }
}
