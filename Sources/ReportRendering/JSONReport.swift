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
        let data = try encoder.encode(result)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Parses a JSON document written by ``render(_:)``.
    public static func parse(_ data: Data) throws -> AuditResult {
        try JSONDecoder().decode(AuditResult.self, from: data)
    }
}
