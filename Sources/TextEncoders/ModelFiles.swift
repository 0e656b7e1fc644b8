import Foundation

/// Reading the small JSON and text files of a model directory with errors that name the file.
enum ModelFiles {
    /// The bytes of `path`.
    ///
    /// - Complexity: O(file size).
    static func data(_ path: String) throws(TextEncoderError) -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription.lowercased())
        }
    }

    /// The JSON object in `path`.
    ///
    /// - Complexity: O(file size).
    static func object(_ path: String) throws(TextEncoderError) -> JSONObject {
        let bytes = try data(path)
        guard let value = try? JSONSerialization.jsonObject(with: bytes), let object = value as? [String: Any] else {
            throw .malformedFile(path: path, reason: "not a json object")
        }
        return JSONObject(path: path, values: object)
    }

    /// The JSON array in `path`.
    ///
    /// - Complexity: O(file size).
    static func array(_ path: String) throws(TextEncoderError) -> [JSONObject] {
        let bytes = try data(path)
        guard let value = try? JSONSerialization.jsonObject(with: bytes), let array = value as? [Any] else {
            throw .malformedFile(path: path, reason: "not a json array")
        }
        var result: [JSONObject] = []
        for (index, element) in array.enumerated() {
            guard let object = element as? [String: Any] else {
                throw .malformedFile(path: path, reason: "element \(index): not a json object")
            }
            result.append(JSONObject(path: path, values: object))
        }
        return result
    }

    /// Joins a directory and a relative path with one slash.
    static func join(_ directory: String, _ name: String) -> String {
        if name.isEmpty { return directory }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

/// A decoded JSON object with typed accessors whose errors name the file and the key.
struct JSONObject {
    let path: String
    let values: [String: Any]

    /// A positive integer under `key`; `defaultValue` when absent (and given).
    func positiveInteger(_ key: String, default defaultValue: Int? = nil) throws(TextEncoderError) -> Int {
        guard let raw = values[key], !(raw is NSNull) else {
            if let defaultValue { return defaultValue }
            throw .malformedFile(path: path, reason: "\(key): missing")
        }
        guard let number = raw as? NSNumber, !Self.isBoolean(number), let value = Int(exactly: number.doubleValue),
            value > 0
        else {
            throw .malformedFile(path: path, reason: "\(key): expected a positive integer")
        }
        return value
    }

    /// A finite positive number under `key`; `defaultValue` when absent.
    func positiveNumber(_ key: String, default defaultValue: Double) throws(TextEncoderError) -> Double {
        guard let raw = values[key], !(raw is NSNull) else { return defaultValue }
        guard let number = raw as? NSNumber, !Self.isBoolean(number), number.doubleValue.isFinite,
            number.doubleValue > 0
        else {
            throw .malformedFile(path: path, reason: "\(key): expected a positive number")
        }
        return number.doubleValue
    }

    /// A boolean under `key`; `nil` when absent or null.
    func boolean(_ key: String) throws(TextEncoderError) -> Bool? {
        guard let raw = values[key], !(raw is NSNull) else { return nil }
        guard let number = raw as? NSNumber, Self.isBoolean(number) else {
            throw .malformedFile(path: path, reason: "\(key): expected true or false")
        }
        return number.boolValue
    }

    /// A string under `key`, or the `content` of a token object (`{"content": "[CLS]", …}`); `nil` when absent.
    func string(_ key: String) throws(TextEncoderError) -> String? {
        guard let raw = values[key], !(raw is NSNull) else { return nil }
        if let string = raw as? String { return string }
        if let object = raw as? [String: Any], let content = object["content"] as? String { return content }
        throw .malformedFile(path: path, reason: "\(key): expected a string")
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        // Foundation bridges JSON true/false to NSNumber with the Objective-C type code "c".
        String(cString: number.objCType) == "c" && (number == 0 || number == 1)
    }
}
