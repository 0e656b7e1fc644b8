/// Converts mapped JSON values into a row's text, label and annotations, with the documented type rules.
enum FieldConversion {
    /// The text: must be a JSON string (empty allowed).
    static func text(_ value: JSONValue?, field: String, path: String, line: Int) throws(DatasetIOError) -> String {
        guard let value else { throw DatasetIOError(path: path, line: line, field: field, reason: "missing field") }
        guard case .string(let text) = value else {
            throw DatasetIOError(
                path: path, line: line, field: field, reason: "expected a string, found \(value.kindDescription)")
        }
        return text
    }

    /// The label: a string, a number (canonical spelling), or `null`/absent/`""` for no label (an empty
    /// string means no label, as an empty CSV cell does).
    static func label(_ value: JSONValue?, field: String, path: String, line: Int) throws(DatasetIOError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let label)?: return label.isEmpty ? nil : label
        case .number(let spelling, let isInteger)?:
            return JSONNumberFormatting.canonical(spelling: spelling, isInteger: isInteger)
        case let other?:
            throw DatasetIOError(
                path: path, line: line, field: field,
                reason: "expected a string, number or null, found \(other.kindDescription)")
        }
    }

    /// The annotations: an array of strings, numbers (canonical spelling) or nulls (skipped);
    /// `null`/absent for none.
    static func annotations(_ value: JSONValue?, field: String, path: String, line: Int) throws(DatasetIOError)
        -> [String]?
    {
        switch value {
        case nil, .null?: return nil
        case .array(let elements)?:
            var ratings: [String] = []
            ratings.reserveCapacity(elements.count)
            for (position, element) in elements.enumerated() {
                switch element {
                case .null: continue
                case .string(let rating): ratings.append(rating)
                case .number(let spelling, let isInteger):
                    ratings.append(JSONNumberFormatting.canonical(spelling: spelling, isInteger: isInteger))
                default:
                    throw DatasetIOError(
                        path: path, line: line, field: field,
                        reason: "element \(position) must be a string, number or null, found \(element.kindDescription)"
                    )
                }
            }
            return ratings
        case let other?:
            throw DatasetIOError(
                path: path, line: line, field: field,
                reason: "expected an array or null, found \(other.kindDescription)")
        }
    }
}
