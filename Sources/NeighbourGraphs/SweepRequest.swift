/// What one side of a sweep keeps for each of its rows while the sweep passes over the other side.
///
/// Every part is optional: the best `k` rows of the other side overall, the best rows among those of the
/// row's own group (per label, per half, labelled rows only), and how many neighbourhood balls of the
/// other side contain the row. All of them come from the same dot products, computed once.
public struct SweepRequest: Sendable {
    /// The `k` best rows of the other side, by dot product (0: none).
    public var k: Int
    /// Best rows among those of the same group, one list per entry.
    public var grouped: [GroupedNeighbours]
    /// The squared radius of each row's neighbourhood ball (exact, double precision), when the other side
    /// counts the balls of this side that contain its rows (cross sweeps only; see ``SweepSide/ballCounts``).
    public var ballRadii2: [Double]?

    /// A request; by default nothing.
    public init(k: Int = 0, grouped: [GroupedNeighbours] = [], ballRadii2: [Double]? = nil) {
        precondition(k >= 0, "k must not be negative")
        self.k = k
        self.grouped = grouped
        self.ballRadii2 = ballRadii2
    }

    /// Whether the request keeps nothing.
    var isEmpty: Bool { k == 0 && grouped.isEmpty }
}

/// The `k` best rows of the other side among those in the row's own group.
///
/// A row whose group is negative gets no neighbours; a row of the other side whose group is negative is
/// nobody's neighbour. In a sweep of a set against itself both arrays describe the same rows.
public struct GroupedNeighbours: Sendable {
    /// Neighbours kept per row, at least 1.
    public var k: Int
    /// Per row of this side, its group.
    public var rowGroups: [Int32]
    /// Per row of the other side, its group.
    public var columnGroups: [Int32]

    /// A grouped request.
    public init(k: Int, rowGroups: [Int32], columnGroups: [Int32]) {
        precondition(k >= 1, "k must be at least 1")
        self.k = k
        self.rowGroups = rowGroups
        self.columnGroups = columnGroups
    }

    /// Groups that are the same on both sides (a set swept against itself).
    public init(k: Int, groups: [Int32]) {
        self.init(k: k, rowGroups: groups, columnGroups: groups)
    }
}

/// What a sweep found for the rows of one side.
public struct SweepSide: Sendable, Equatable {
    /// The `k` best rows of the other side, when asked for.
    public var neighbours: NeighbourList?
    /// One list per ``SweepRequest/grouped`` entry, in the same order.
    public var grouped: [NeighbourList]
    /// Per row: how many balls of the other side contain it (a row x is inside the ball of y when
    /// ‖x − y‖² < r²(y), decided in exact double arithmetic); `nil` unless the other side gave radii.
    public var ballCounts: [Int32]?
    /// Per row: whether its own ball contains some row of the other side; `nil` unless this side gave radii.
    public var ballOccupied: [Bool]?

    /// An empty result.
    public init(
        neighbours: NeighbourList? = nil, grouped: [NeighbourList] = [], ballCounts: [Int32]? = nil,
        ballOccupied: [Bool]? = nil
    ) {
        self.neighbours = neighbours
        self.grouped = grouped
        self.ballCounts = ballCounts
        self.ballOccupied = ballOccupied
    }
}
