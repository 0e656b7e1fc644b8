import Crypto
import Foundation
import TextEncoders

/// The first 16 hex digits of the SHA-256 of a model's weights file: what embedder identities carry so that the
/// embedding cache and the reports tell two models apart.
enum WeightsFingerprint {
    /// The fingerprint of the file at `path` (read mapped when possible).
    ///
    /// - Throws: ``TextEncoders/TextEncoderError/unreadableFile(path:reason:)`` when the file cannot be read.
    /// - Complexity: O(file size).
    static func of(_ path: String) throws(TextEncoderError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw .unreadableFile(path: path, reason: "cannot read the weights to fingerprint them")
        }
        return String(SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined().prefix(16))
    }
}
