import AuditModel
import Foundation

/// Renders an ``AuditResult`` as the documented JSON document.
///
/// Keys are sorted and numbers printed in their shortest round-trip form, so the same result always
/// gives the same bytes.
public enum JSONReport {
    /// The JSON text, pretty-printed, ending with a newline; skip reasons in the words of `wording`.
    ///
    /// - Throws: `EncodingError` when a value cannot be encoded (it cannot: every number is finite).
    public static func render(_ result: AuditResult, wording: any SkipReasonWording = PlainWording()) throws -> String {
        let encoder = JSONEncoder()
        encoder.userInfo[.skipReasonWording] = wording
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(result), as: UTF8.self)
        return verdictFirst(text) + "\n"
    }

    /// The document with its top-level `verdict` (the last key in sorted order) moved to the top, so the
    /// answer is the first thing a reader sees; unchanged without one.
    static func verdictFirst(_ text: String) -> String {
        let marker = ",\n  \"verdict\" : "
        guard let start = text.range(of: marker, options: .backwards), text.hasSuffix("\n}"), text.hasPrefix("{\n")
        else { return text }
        let block = text[start.upperBound..<text.index(text.endIndex, offsetBy: -2)]
        let rest = text[text.index(text.startIndex, offsetBy: 2)..<start.lowerBound]
        return "{\n  \"verdict\" : " + block + ",\n" + rest + "\n}"
    }

    /// Parses a JSON document written by ``render(_:)``.
    public static func parse(_ data: Data) throws -> AuditResult {
        try JSONDecoder().decode(AuditResult.self, from: data)
    }
}
