import Foundation

/// The distribution of the one-sample two-sided Kolmogorov–Smirnov statistic Dₙ for a finite sample size
/// n, ported from SciPy's `scipy.stats.kstwo` (`scipy/stats/_ksstats.py`, Simard & L'Ecuyer 2011) and
/// the one-sided Smirnov function it calls (`scipy.special.smirnov`, xsf `cephes/kolmogorov.h`).
///
/// SciPy picks, by n and x, one of: the Ruben–Gambino closed forms (x ≤ 1/n or x ≥ 1 − 1/n), twice the
/// one-sided Smirnov tail (x ≥ 0.5, or n·x² large), the Durbin matrix (Marsaglia–Tsang–Wang 2003), the
/// Pomeranz recursion (1974), or the Pelz–Good asymptotic series (1976). This type makes the same choices
/// with the same thresholds. SciPy evaluates the Smirnov sum in double-double arithmetic; here it is a
/// sum of positive terms in log space (ln C(n, v) by a compensated running sum); on the grid of
/// `References/golden_distances.py` (n up to 150 000, every branch) it agrees with SciPy to 1e-12 relative.
enum KolmogorovDistribution {
    /// P(Dₙ > x) (`scipy.stats.kstwo.sf(x, n)`), for n ≥ 1, clipped to [0, 1].
    ///
    /// - Complexity: O(n) for the Smirnov branch, O(m³ log n) with m = 2⌈nx⌉ − 1 for the Durbin matrix,
    ///   O(n · nx) for Pomeranz, O(√n · x) terms for Pelz–Good.
    static func survival(_ x: Double, n: Int) -> Double {
        precondition(n >= 1, "n must be positive")
        if x >= 1 { return 0 }
        if x <= 0 { return 1 }
        let nd = Double(n)
        let t = nd * x
        if t <= 1 {
            if t <= 0.5 { return 1 }
            let prob: Double
            if n <= 140 {
                var product = 1.0
                for i in 1...n { product *= Double(i) * (1.0 / nd) * (2 * t - 1) }
                prob = product
            } else {
                prob = exp(logFactorialOverPower(n) + nd * log(2 * t - 1))
            }
            return clip(1 - prob)
        }
        if t >= nd - 1 { return clip(2 * pow(1 - x, nd)) }
        if x >= 0.5 { return clip(2 * smirnov(n, x)) }
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 0.754693 { return clip(1 - durbinMatrix(n, x)) }
            if nxSquared <= 4 { return clip(1 - pomeranz(n, x)) }
            return clip(2 * smirnov(n, x))
        }
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return clip(2 * smirnov(n, x)) }
        let cdf: Double
        if n <= 100_000, nd * pow(x, 1.5) <= 1.4 {
            cdf = durbinMatrix(n, x)
        } else {
            cdf = pelzGood(n, x)
        }
        return clip(1 - clip(cdf))
    }

    static func clip(_ p: Double) -> Double { min(max(p, 0), 1) }

    /// ln(n! / nⁿ) by Stirling's series (SciPy's `_log_nfactorial_div_n_pow_n`).
    static func logFactorialOverPower(_ n: Int) -> Double {
        let coefficients = [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
            8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
            -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ]
        let nd = Double(n)
        let rn = 1.0 / nd
        let y = rn / nd
        let series = coefficients.reduce(0.0) { $0 * y + $1 }
        return log(nd) / 2 - nd + log(2 * Double.pi) / 2 + rn * series
    }

    private static let scaleUp = 0x1p128
    private static let scaleDown = 0x1p-128

    /// P(Dₙ ≤ d) by the Durbin matrix: the (k, k) entry of Hⁿ times n!/nⁿ, k = ⌈nd⌉ (Marsaglia, Tsang
    /// & Wang 2003), with the same 2¹²⁸ rescaling as SciPy's `_kolmogn_DMTW`.
    static func durbinMatrix(_ n: Int, _ d: Double) -> Double {
        if d >= 1 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        var v = [Double](repeating: 0, count: m)
        var w = [Double](repeating: 0, count: m)
        var fac = 1.0
        for j in 1...m {
            v[j - 1] = 1 - pow(h, Double(j))
            w[j - 1] = fac
            fac /= Double(j)
            v[j - 1] *= fac
        }
        let tt = pow(max(2 * h - 1, 0), Double(m)) - 2 * pow(h, Double(m))
        v[m - 1] = (1 + tt) * fac
        var matrix = [Double](repeating: 0, count: m * m)
        for i in 1..<max(m, 1) {
            for row in (i - 1)..<m { matrix[row * m + i] = w[row - (i - 1)] }
        }
        for row in 0..<m { matrix[row * m] = v[row] }
        for column in 0..<m { matrix[(m - 1) * m + column] = v[m - 1 - column] }

        var power = [Double](repeating: 0, count: m * m)
        for i in 0..<m { power[i * m + i] = 1 }
        var remaining = n
        var exponent = 0
        var matrixExponent = 0
        while remaining > 0 {
            if remaining % 2 == 1 {
                power = multiply(power, matrix, m)
                exponent += matrixExponent
            }
            matrix = multiply(matrix, matrix, m)
            matrixExponent *= 2
            if abs(matrix[(k - 1) * m + (k - 1)]) > scaleUp {
                for index in matrix.indices { matrix[index] /= scaleUp }
                matrixExponent += 128
            }
            remaining /= 2
        }
        var p = power[(k - 1) * m + (k - 1)]
        for i in 1...n {
            p = Double(i) * p / Double(n)
            if abs(p) < scaleDown {
                p *= scaleUp
                exponent -= 128
            }
        }
        if exponent != 0 { p = scalbn(p, exponent) }
        return clip(p)
    }

    /// The product of two row-major m×m matrices.
    private static func multiply(_ a: [Double], _ b: [Double], _ m: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            for l in 0..<m {
                let ail = a[i * m + l]
                if ail == 0 { continue }
                for j in 0..<m { c[i * m + j] += ail * b[l * m + j] }
            }
        }
        return c
    }

    /// Endpoints of row `i` in the Pomeranz recursion (SciPy's `_pomeranz_compute_j1j2`).
    private static func pomeranzBounds(_ i: Int, _ n: Int, _ ll: Int, _ ceilf: Int, _ roundf: Int) -> (Int, Int) {
        var j1: Int
        var j2: Int
        if i == 0 {
            j1 = -ll - ceilf - 1
            j2 = ll + ceilf - 1
        } else {
            let half = (i + 1) / 2
            if (i + 1) % 2 == 0 {
                if half == n + 1 {
                    j1 = n - ll - ceilf - 1
                    j2 = n + ll + ceilf - 1
                } else {
                    j1 = half - 1 - ll - roundf - 1
                    j2 = half + ll - 1 + ceilf - 1
                }
            } else {
                j1 = half - 1 - ll - 1
                j2 = half + ll + roundf - 1
            }
        }
        return (max(j1 + 2, 0), min(j2, n))
    }

    /// P(Dₙ ≤ x) by the Pomeranz (1974) recursion (SciPy's `_kolmogn_Pomeranz`).
    static func pomeranz(_ n: Int, _ x: Double) -> Double {
        let nd = Double(n)
        let t = nd * x
        let ll = Int(t.rounded(.down))
        let f = t - Double(ll)
        let g = min(f, 1 - f)
        let ceilf = f > 0 ? 1 : 0
        let roundf = f > 0.5 ? 1 : 0
        let powers = 2 * (ll + 1)
        var gPower = [Double](repeating: 1, count: powers)
        var twoGPower = [Double](repeating: 1, count: powers)
        var oneMinusTwoGPower = [Double](repeating: 1, count: powers)
        let gOverN = g / nd
        let twoGOverN = 2 * g / nd
        let oneMinusTwoGOverN = (1 - 2 * g) / nd
        for m in 1..<powers {
            gPower[m] = gPower[m - 1] * gOverN / Double(m)
            twoGPower[m] = twoGPower[m - 1] * twoGOverN / Double(m)
            oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * oneMinusTwoGOverN / Double(m)
        }
        var v0 = [Double](repeating: 0, count: powers)
        var v1 = [Double](repeating: 0, count: powers)
        v1[0] = 1
        var v0Start = 0
        var v1Start = 0
        var exponent = 0
        var (j1, j2) = pomeranzBounds(0, n, ll, ceilf, roundf)
        for i in 1..<(2 * n + 2) {
            let k1 = j1
            swap(&v0, &v1)
            swap(&v0Start, &v1Start)
            for index in v1.indices { v1[index] = 0 }
            (j1, j2) = pomeranzBounds(i, n, ll, ceilf, roundf)
            let weights = (i == 1 || i == 2 * n + 1) ? gPower : (i % 2 == 1 ? twoGPower : oneMinusTwoGPower)
            let length = j2 - k1 + 1
            if length > 0 {
                // np.convolve(V0[k1 - V0s ..< k1 - V0s + length], weights[..<length]), entries
                // conv[j1 - k1 ..< j2 - k1 + 1].
                let sourceStart = k1 - v0Start
                let sourceEnd = min(sourceStart + length, powers)
                let weightCount = min(length, powers)
                let convStart = j1 - k1
                let convLength = j2 - j1 + 1
                if convLength > 0 {
                    for position in 0..<convLength {
                        let c = convStart + position
                        var sum = 0.0
                        for s in max(0, c - weightCount + 1)...c where sourceStart + s < sourceEnd {
                            sum += v0[sourceStart + s] * weights[c - s]
                        }
                        v1[position] = sum
                    }
                }
                if let largest = v1.max(), largest > 0, largest < scaleDown {
                    for index in v1.indices { v1[index] *= scaleUp }
                    exponent -= 128
                }
                v1Start = v0Start + j1 - k1
            }
        }
        var answer = v1[n - v1Start]
        for m in 1...n {
            if abs(answer) > scaleUp {
                answer *= scaleDown
                exponent += 128
            }
            answer *= Double(m)
        }
        if exponent != 0 { answer = scalbn(answer, exponent) }
        return clip(answer)
    }

    /// P(Dₙ ≤ x) by the Pelz–Good (1976) asymptotic series (SciPy's `_kolmogn_PelzGood`).
    static func pelzGood(_ n: Int, _ x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let pi = Double.pi
        let piSquared = pi * pi
        let piFour = piSquared * piSquared
        let piSix = piFour * piSquared
        let sqrt2Pi = (2 * pi).squareRoot()
        let nd = Double(n)
        let z = nd.squareRoot() * x
        let z2 = z * z
        let z3 = z2 * z
        let z4 = z2 * z2
        let z6 = z4 * z2
        let qlog = -piSquared / 8 / z2
        if qlog < -708 { return 0 }
        var q = exp(qlog)
        let k1a = -z2
        let k1b = piSquared / 4
        let k2a = 6 * z6 + 2 * z4
        let k2b = (2 * z4 - 5 * z2) * piSquared / 4
        let k2c = piFour * (1 - 2 * z2) / 16
        let k3d = piSix * (5 - 30 * z2) / 64
        let k3c = piFour * (-60 * z2 + 212 * z4) / 16
        let k3b = piSquared * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * pow(z, 8)
        var terms = [0.0, 0.0, 0.0, 0.0]
        let maxK = Int((16 * z / pi).rounded(.up))
        var k = maxK
        while k >= 1 {
            let m = Double(2 * k - 1)
            let m2 = m * m
            let m4 = m2 * m2
            let m6 = m4 * m2
            let qPower = pow(q, Double(8 * k))
            let coefficients = [
                1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6,
            ]
            for index in 0..<4 { terms[index] = terms[index] * qPower + coefficients[index] }
            k -= 1
        }
        let divisors = [z, 6 * z4, 72 * pow(z, 7), 6480 * pow(z, 10)]
        for index in 0..<4 { terms[index] = terms[index] * q * sqrt2Pi / divisors[index] }
        q = exp(-piSquared / 2 / z2)
        let sqrt3z = 3.0.squareRoot() * z
        var k2extra = 0.0
        var k3extra = 0.0
        if maxK >= 1 {
            for k in stride(from: maxK, through: 1, by: -1) {
                let kd = Double(k)
                let kSquared = kd * kd
                let qPower = pow(q, kSquared)
                k2extra += kSquared * qPower
                let kPi = pi * kd
                k3extra += (sqrt3z + kPi) * (sqrt3z - kPi) * kSquared * qPower
            }
        }
        terms[2] += k2extra * (piSquared * sqrt2Pi / (-36 * z3))
        terms[3] += k3extra * (piSquared * sqrt2Pi / (216 * z6))
        for index in 0..<4 { terms[index] /= pow(nd, Double(index) / 2) }
        return terms.reduce(0, +)
    }

    /// The one-sided Smirnov tail P(Dₙ⁺ > x) (`scipy.special.smirnov(n, x)`), by the Birnbaum–Tingey sum
    ///
    ///     x Σ_{v=0}^{⌈n(1−x)⌉−1} C(n, v) (1 − x − v/n)^{n−v} (x + v/n)^{v−1}
    ///
    /// of positive terms, each formed in log space; with xsf's special cases (n = 1, x ≤ 1/n,
    /// x ≥ 1 − 1/n, underflow, and its approximation e^{−(6nx+1)²/(18n)} for n > 10⁶).
    static func smirnov(_ n: Int, _ x: Double) -> Double {
        guard n > 0, x >= 0, x <= 1 else { return .nan }
        if n == 1 { return 1 - x }
        if x == 0 { return 1 }
        if x == 1 { return 0 }
        let nd = Double(n)
        // n·x as an unevaluated sum hi + lo (exact), its floor and fractional part.
        let nxHi = nd * x
        let nxLo = fma(nd, x, -nxHi)
        var nxFloor = nxHi.rounded(.down)
        var alpha = (nxHi - nxFloor) + nxLo
        if alpha < 0 {
            nxFloor -= 1
            alpha += 1
        }
        if alpha >= 1 {
            nxFloor += 1
            alpha -= 1
        }
        let nxfl = Int(nxFloor)
        if nxfl == 0 || (nxfl == 1 && alpha == 0) {
            return clip(1 - x * pow(1 + x, nd - 1))
        }
        if -2 * nd * x * x < -7.451332191019412076235e2 { return 0 }
        if nxfl >= n - 1 { return clip(pow(1 - x, nd)) }
        if n > 1_000_000 {
            let logp = -pow(6 * nd * x + 1, 2) / 18 / nd
            return logp < -log(2.0) ? exp(logp) : 1 - (-expm1(logp))
        }
        let lastTerm = n - nxfl - 1
        guard lastTerm >= 0 else { return 0 }
        var sum = 0.0
        // ln C(n, v) accumulated with a compensated (Kahan–Babuška) sum, so the error does not grow with v.
        var logBinomial = 0.0
        var compensation = 0.0
        for v in 0...lastTerm {
            if v > 0 {
                let step = log(Double(n - v + 1) / Double(v))
                let total = logBinomial + step
                compensation +=
                    abs(logBinomial) >= abs(step)
                    ? (logBinomial - total) + step : (step - total) + logBinomial
                logBinomial = total
            }
            // 1 − x − v/n = ((n − v) − n·x) / n and x + v/n = (v + n·x) / n, with n·x = hi + lo.
            let below = ((Double(n - v) - nxHi) - nxLo) / nd
            let above = ((Double(v) + nxHi) + nxLo) / nd
            guard below > 0 else { break }
            let logTerm = (logBinomial + compensation) + Double(n - v) * log(below) + Double(v - 1) * log(above)
            if logTerm > -745 { sum += exp(logTerm) }
        }
        return clip(x * sum)
    }
}
