/// A seeded sample of rows that keeps each group's share: what the classifiers train on when a dataset has
/// more rows than they need.
public enum StratifiedSample {
    /// At most `size` of the rows `0..<groups.count`, each group (`groups[row]`, any integers) getting its
    /// proportional share, rounded by largest remainder (ties to the smaller group id), and at least one row
    /// when `size` is at least the number of groups. Within a group the rows are the first of a seeded
    /// Fisher–Yates shuffle (``SplitMix64/shuffledIndices(_:)`` with `seed`, the groups in increasing id
    /// order drawing from one generator). Every row when there are no more than `size`.
    ///
    /// - Returns: row numbers, increasing.
    /// - Complexity: O(rows + groups · log groups).
    public static func rows(groups: [Int], size: Int, seed: UInt64) -> [Int] {
        guard groups.count > size else { return Array(groups.indices) }
        guard size > 0 else { return [] }
        var members: [Int: [Int]] = [:]
        for (row, group) in groups.enumerated() { members[group, default: []].append(row) }
        let ids = members.keys.sorted()
        let lists = ids.map { members[$0] ?? [] }
        let total = Double(groups.count)
        // Proportional quotas, floored; the remaining rows go to the largest remainders.
        var quotas = lists.map { Int(Double(size) * Double($0.count) / total) }
        var left = size - quotas.reduce(0, +)
        let byRemainder = ids.indices.sorted { a, b in
            let ra = Double(size) * Double(lists[a].count) / total - Double(quotas[a])
            let rb = Double(size) * Double(lists[b].count) / total - Double(quotas[b])
            return ra > rb || (ra == rb && a < b)
        }
        for index in byRemainder where left > 0 && quotas[index] < lists[index].count {
            quotas[index] += 1
            left -= 1
        }
        // Every group at least one row when there is room: taken from the group with the largest quota.
        if size >= ids.count {
            for index in ids.indices where quotas[index] == 0 {
                guard
                    let donor = quotas.indices.max(by: {
                        quotas[$0] < quotas[$1] || (quotas[$0] == quotas[$1] && $0 > $1)
                    }),
                    quotas[donor] > 1
                else { break }
                quotas[donor] -= 1
                quotas[index] = 1
            }
        }
        var generator = SplitMix64(seed: seed)
        var sample: [Int] = []
        sample.reserveCapacity(size)
        for (index, rows) in lists.enumerated() {
            let order = generator.shuffledIndices(rows.count)
            sample.append(contentsOf: order.prefix(quotas[index]).map { rows[$0] })
        }
        return sample.sorted()
    }
}
