import Synchronization

/// Fixed slots that concurrent workers fill, one slot each, read once all have finished.
final class ResultSlots<Value: Sendable>: Sendable {
    private let storage: Mutex<[Value?]>

    init(count: Int) {
        storage = Mutex(Array(repeating: nil, count: count))
    }

    /// Stores `value` in slot `index`.
    func store(_ value: Value, at index: Int) {
        storage.withLock { $0[index] = value }
    }

    /// Every slot's value; each slot must have been filled.
    var values: [Value] {
        storage.withLock { slots in slots.map { slot in slot.unsafelyUnwrappedOrPrecondition() } }
    }
}

extension Optional {
    fileprivate func unsafelyUnwrappedOrPrecondition() -> Wrapped {
        guard let value = self else { preconditionFailure("a result slot was never filled") }
        return value
    }
}
