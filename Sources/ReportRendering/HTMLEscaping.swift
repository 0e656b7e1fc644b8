/// Escaping for text placed in HTML and inline SVG, in element content and in quoted attributes.
enum HTMLEscaping {
    /// `text` with `& < > " '` as character references and control characters (other than tab and
    /// line feed) dropped, so it is inert in element content and in single- or double-quoted attributes.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.properties.generalCategory == .control || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    continue
                }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// ``escape(_:)`` of at most `limit` characters, with an ellipsis when cut.
    static func escape(_ text: String, limit: Int) -> String {
        text.count > limit ? escape(String(text.prefix(limit))) + "…" : escape(text)
    }
}
