extension Double {
    /// The value rounded half away from zero to `places` decimals, with −0 made 0, so reports print the
    /// same digits on every machine.
    ///
    /// - Complexity: O(places).
    package func rounded(toPlaces places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let result = (self * scale).rounded() / scale
        return result == 0 ? 0 : result
    }
}
