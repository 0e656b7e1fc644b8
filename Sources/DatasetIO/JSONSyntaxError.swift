/// A JSON grammar violation at a byte offset within the parsed text.
struct JSONSyntaxError: Error, Equatable, Sendable {
    /// 0-based byte offset from the start of the parsed slice.
    var offset: Int
    /// Lowercase reason without a final period.
    var reason: String
}
