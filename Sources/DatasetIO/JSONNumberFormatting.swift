/// Turns a JSON number's spelling into the label string Assay stores.
///
/// Rules (documented for users in `DatasetReader`):
/// - integers (no fraction, no exponent) keep their spelling digit for digit (`-0` becomes `0`), so big
///   integers never lose precision;
/// - other numbers whose value is a whole number of magnitude below 2^53 are written as integers
///   (`1.0` and `1e2` become `1` and `100`);
/// - all other numbers use Swift's shortest round-trip `Double` spelling (`0.50` becomes `0.5`,
///   `2.5E-3` becomes `0.0025`, `1e-7` becomes `1e-07`); a spelling that overflows `Double` is kept as written.
enum JSONNumberFormatting {
    /// The canonical label spelling of a JSON number.
    static func canonical(spelling: String, isInteger: Bool) -> String {
        if isInteger { return spelling == "-0" ? "0" : spelling }
        guard let value = Double(spelling), value.isFinite else { return spelling }
        if value == value.rounded() && abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.description
    }
}
