import Foundation

/// Reads and writes shard states: one JSON document (keys sorted, so the same shard gives the same bytes),
/// with hashes and vectors as little-endian bytes in base64.
public enum ShardStateFile {
    /// The state's bytes.
    ///
    /// - Complexity: O(state size).
    public static func encode(_ state: ShardState) throws(ShardStateError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(state)) + [0x0A]
        } catch {
            throw .invalidShard("cannot encode the state: \(error)")
        }
    }

    /// The state in `bytes`, read from `path` (named in errors); checked for version and consistency.
    ///
    /// - Throws: ``ShardStateError/unreadable(path:reason:)`` for anything but a consistent state of
    ///   ``ShardState/currentVersion``.
    /// - Complexity: O(state size).
    public static func decode(_ bytes: [UInt8], path: String) throws(ShardStateError) -> ShardState {
        struct Header: Decodable {
            let format: String?
            let version: Int?
        }
        let data = Data(bytes)
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw .unreadable(path: path, reason: "not JSON")
        }
        guard header.format == ShardState.formatName else {
            throw .unreadable(path: path, reason: "no \"format\": \"\(ShardState.formatName)\"")
        }
        guard header.version == ShardState.currentVersion else {
            throw .unreadable(
                path: path,
                reason: "version \(header.version.map(String.init) ?? "missing"), this assay reads version "
                    + "\(ShardState.currentVersion); profile the shard again with this assay")
        }
        let state: ShardState
        do {
            state = try JSONDecoder().decode(ShardState.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .unreadable(path: path, reason: "missing field \(fieldPath(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .unreadable(path: path, reason: "field \(fieldPath(context.codingPath)) has the wrong type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .unreadable(path: path, reason: "field \(fieldPath(context.codingPath)) is null")
        } catch let DecodingError.dataCorrupted(context) {
            throw .unreadable(path: path, reason: "field \(fieldPath(context.codingPath)): \(context.debugDescription)")
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        guard state.statistics.isConsistent, state.sample.isConsistent, state.settings.sampleRows > 0,
            state.sample.count <= min(state.settings.sampleRows, state.statistics.whole.rows)
        else {
            throw .unreadable(path: path, reason: "its statistics and sample do not fit together")
        }
        guard state.part.holds(state.sample.rowNumbers, rows: state.statistics.whole.rows) else {
            throw .unreadable(path: path, reason: "its shard (\(state.part)) does not hold its sampled rows")
        }
        return state
    }

    private static func fieldPath(_ keys: [any CodingKey]) -> String {
        keys.isEmpty
            ? "(top level)"
            : keys.enumerated().map { position, key in
                key.intValue.map { "[\($0)]" } ?? (position == 0 ? "" : ".") + key.stringValue
            }.joined()
    }
}
