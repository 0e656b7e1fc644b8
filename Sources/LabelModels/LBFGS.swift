/// Limited-memory BFGS (Nocedal & Wright 2006, Algorithm 7.5) with a strong-Wolfe line search
/// (their Algorithms 3.5 and 3.6, cubic interpolation), for smooth convex objectives in double precision.
///
/// Deterministic: no randomness, and every sum runs in a fixed order, so the same objective gives the same
/// iterates.
struct LBFGS {
    /// Stop when the max-norm of the gradient is at or below this.
    var gradientTolerance: Double
    /// Most iterations (accepted steps).
    var maxIterations: Int
    /// Correction pairs kept (scipy's and scikit-learn's default is 10).
    var memory = 10
    /// Most objective evaluations per line search.
    var maxLineSearchEvaluations = 40
    /// Sufficient-decrease (Armijo) constant.
    var c1 = 1e-4
    /// Curvature constant of the strong Wolfe condition.
    var c2 = 0.9

    struct Result {
        var point: [Double]
        var value: Double
        var gradient: [Double]
        var iterations: Int
        var converged: Bool
        var evaluations: Int
        /// Max-norm of `gradient`.
        var gradientNorm: Double { maxNorm(gradient) }
    }

    /// A trial point of a line search: step length, value, directional derivative, point and gradient.
    private struct Trial {
        var alpha: Double
        var value: Double
        var slope: Double
        var point: [Double]
        var gradient: [Double]
    }

    /// Minimises `evaluate` (which returns f(x) and writes ∇f(x) into its second argument) from `start`.
    ///
    /// Stops when ‖∇f‖∞ ≤ ``gradientTolerance`` (converged), after ``maxIterations`` steps, or when a line
    /// search finds no acceptable step even along the steepest descent (not converged; this happens when the
    /// tolerance is below what the rounding of f and ∇f allows).
    ///
    /// - Complexity: per iteration O(memory·p) for p parameters, plus the objective evaluations (usually one,
    ///   rarely more than three).
    func minimize(from start: [Double], _ evaluate: ([Double], inout [Double]) -> Double) -> Result {
        var x = start
        var g = [Double](repeating: 0, count: x.count)
        var f = evaluate(x, &g)
        var evaluations = 1
        var iterations = 0
        var history: [(s: [Double], y: [Double], rho: Double)] = []
        history.reserveCapacity(memory)
        var converged = maxNorm(g) <= gradientTolerance
        // A non-finite start (overflowing features) cannot be improved on reliably.
        guard f.isFinite else {
            return Result(point: x, value: f, gradient: g, iterations: 0, converged: false, evaluations: 1)
        }

        while !converged && iterations < maxIterations {
            var direction = history.isEmpty ? g.map { -$0 } : twoLoopDirection(g, history)
            var slope = dot(g, direction)
            if !(slope < 0) {  // not a descent direction (or NaN): restart from the steepest descent
                history.removeAll(keepingCapacity: true)
                direction = g.map { -$0 }
                slope = dot(g, direction)
            }
            // Scale the first step of a restart to unit length; a quasi-Newton step tries α = 1.
            var initial = history.isEmpty ? min(1, 1 / norm2(g)) : 1
            var found = lineSearch(x, f, direction, slope, initial, evaluate, &evaluations)
            if found == nil && !history.isEmpty {
                history.removeAll(keepingCapacity: true)
                direction = g.map { -$0 }
                slope = dot(g, direction)
                initial = min(1, 1 / norm2(g))
                found = lineSearch(x, f, direction, slope, initial, evaluate, &evaluations)
            }
            guard let trial = found else { break }

            var s = [Double](repeating: 0, count: x.count)
            var y = [Double](repeating: 0, count: x.count)
            for i in x.indices {
                s[i] = trial.point[i] - x[i]
                y[i] = trial.gradient[i] - g[i]
            }
            let sy = dot(s, y)
            // Keep the pair only with clear positive curvature (always true for strictly convex f, up to rounding).
            if sy > 1e-12 * dot(y, y) && sy > 0 {
                if history.count == memory { history.removeFirst() }
                history.append((s, y, 1 / sy))
            }
            x = trial.point
            f = trial.value
            g = trial.gradient
            iterations += 1
            converged = maxNorm(g) <= gradientTolerance
        }
        return Result(
            point: x, value: f, gradient: g, iterations: iterations, converged: converged, evaluations: evaluations)
    }

    /// −H·g by the two-loop recursion, with H₀ = (sᵀy / yᵀy)·I from the newest pair.
    private func twoLoopDirection(_ g: [Double], _ history: [(s: [Double], y: [Double], rho: Double)]) -> [Double] {
        var q = g
        var alphas = [Double](repeating: 0, count: history.count)
        for j in stride(from: history.count - 1, through: 0, by: -1) {
            let pair = history[j]
            let a = pair.rho * dot(pair.s, q)
            alphas[j] = a
            for i in q.indices { q[i] -= a * pair.y[i] }
        }
        if let newest = history.last {
            let gamma = 1 / (newest.rho * dot(newest.y, newest.y))
            for i in q.indices { q[i] *= gamma }
        }
        for j in history.indices {
            let pair = history[j]
            let beta = pair.rho * dot(pair.y, q)
            let a = alphas[j] - beta
            for i in q.indices { q[i] += a * pair.s[i] }
        }
        for i in q.indices { q[i] = -q[i] }
        return q
    }

    /// Strong-Wolfe line search along `direction` from `x` (value `f`, directional derivative `slope` < 0).
    ///
    /// A step is accepted when |φ'(α)| ≤ c2·|φ'(0)| and either φ(α) ≤ φ(0) + c1·α·φ'(0) (Armijo) or, when the
    /// decrease is lost in rounding, φ(α) ≤ φ(0) + 1e-12·|φ(0)| (Hager & Zhang's approximate Wolfe condition,
    /// which relies on the accurately computed derivative instead). Returns nil when no step is found.
    private func lineSearch(
        _ x: [Double], _ f: Double, _ direction: [Double], _ slope: Double, _ initial: Double,
        _ evaluate: ([Double], inout [Double]) -> Double, _ evaluations: inout Int
    ) -> Trial? {
        let roundingSlack = 1e-12 * abs(f)
        var budget = maxLineSearchEvaluations

        func trial(_ alpha: Double) -> Trial {
            var point = x
            for i in point.indices { point[i] += alpha * direction[i] }
            var gradient = [Double](repeating: 0, count: x.count)
            let value = evaluate(point, &gradient)
            evaluations += 1
            budget -= 1
            let derivative = dot(gradient, direction)
            return Trial(
                alpha: alpha, value: value.isFinite && derivative.isFinite ? value : .infinity, slope: derivative,
                point: point, gradient: gradient)
        }
        func armijo(_ t: Trial) -> Bool { t.value <= f + c1 * t.alpha * slope }
        func acceptable(_ t: Trial) -> Bool {
            t.value.isFinite && abs(t.slope) <= -c2 * slope && (armijo(t) || t.value <= f + roundingSlack)
        }

        /// Algorithm 3.6: shrinks [low, high] (low satisfies Armijo and has the lower value) until a step is
        /// acceptable. On running out of evaluations it returns `low` if it decreased f.
        func zoom(low: Trial, high: Trial) -> Trial? {
            var low = low
            var high = high
            while budget > 0 {
                let lower = min(low.alpha, high.alpha)
                let width = abs(high.alpha - low.alpha)
                if width <= 1e-16 * max(1, high.alpha) { break }
                // Cubic interpolation when both ends are finite, safeguarded to the interval's middle 80 %.
                var alpha = high.value.isFinite ? (cubicMinimizer(low, high) ?? .nan) : .nan
                if !(alpha >= lower + 0.1 * width && alpha <= lower + 0.9 * width) {
                    alpha = 0.5 * (low.alpha + high.alpha)
                }
                let current = trial(alpha)
                if acceptable(current) { return current }
                if !armijo(current) || current.value >= low.value {
                    high = current
                } else {
                    if current.slope * (high.alpha - low.alpha) >= 0 { high = low }
                    low = current
                }
            }
            return low.alpha > 0 && low.value < f ? low : nil
        }

        var previous = Trial(alpha: 0, value: f, slope: slope, point: x, gradient: [])
        var alpha = initial
        var first = true
        while budget > 0 {
            let current = trial(alpha)
            if acceptable(current) { return current }
            if !armijo(current) || (!first && current.value >= previous.value) {
                return zoom(low: previous, high: current)
            }
            if current.slope >= 0 { return zoom(low: current, high: previous) }
            // Still descending steeply: extrapolate (cubic step, kept within [2α, 10α]).
            let next = cubicMinimizer(previous, current) ?? 4 * alpha
            previous = current
            alpha = min(max(next, 2 * alpha), 10 * alpha)
            first = false
        }
        return previous.alpha > 0 && previous.value < f ? previous : nil
    }

    /// The minimiser of the cubic through (α₀, φ₀, φ'₀) and (α₁, φ₁, φ'₁) (Nocedal & Wright eq. 3.59), or nil.
    private func cubicMinimizer(_ a: Trial, _ b: Trial) -> Double? {
        guard a.value.isFinite, b.value.isFinite, a.alpha != b.alpha else { return nil }
        let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.alpha - b.alpha)
        let radicand = d1 * d1 - a.slope * b.slope
        guard radicand >= 0 else { return nil }
        let d2 = (b.alpha > a.alpha ? 1.0 : -1.0) * radicand.squareRoot()
        let denominator = b.slope - a.slope + 2 * d2
        guard denominator != 0 else { return nil }
        let result = b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / denominator
        return result.isFinite ? result : nil
    }
}

func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
}

func norm2(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

func maxNorm(_ a: [Double]) -> Double {
    var largest = 0.0
    for v in a {
        if v.isNaN { return .nan }
        largest = max(largest, abs(v))
    }
    return largest
}
