/// A JSON value as the reader needs it: scalars in full, arrays element by element, objects only by kind.
///
/// Numbers keep their exact JSON spelling (`isInteger` is true when it has no fraction and no exponent),
/// so `1` and `1.0` and `true` stay distinct — unlike `JSONSerialization` on Linux.
enum JSONValue: Equatable, Sendable {
    case string(String)
    case number(spelling: String, isInteger: Bool)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// An object; its members are validated but not kept.
    case object

    /// The lowercase name of the value's kind for error messages, with an article ("a string").
    var kindDescription: String {
        switch self {
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
