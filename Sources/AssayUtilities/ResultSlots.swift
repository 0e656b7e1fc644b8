import Dispatch
import Synchronization

/// Fixed slots that concurrent workers fill, one slot each, read once all have finished.
package final class ResultSlots<Value: Sendable>: Sendable {
    private let storage: Mutex<[Value?]>

    package init(count: Int) {
        storage = Mutex(Array(repeating: nil, count: count))
    }

    /// Stores `value` in slot `index`.
    package func store(_ value: Value, at index: Int) {
        storage.withLock { $0[index] = value }
    }

    /// Every slot's value; each slot must have been filled.
    package var values: [Value] {
        storage.withLock { slots in slots.map { slot in slot.unsafelyUnwrappedOrPrecondition() } }
    }
}

extension Optional {
    fileprivate func unsafelyUnwrappedOrPrecondition() -> Wrapped {
        guard let value = self else { preconditionFailure("a result slot was never filled") }
        return value
    }
}

extension Array where Element: Sendable {
    /// `transform` of every element, computed on every core, in the array's order.
    ///
    /// - Complexity: the sum of the transforms' costs, spread over the cores.
    package func parallelMap<Value: Sendable>(_ transform: @Sendable (Element) -> Value) -> [Value] {
        let slots = ResultSlots<Value>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in slots.store(transform(self[index]), at: index) }
        return slots.values
    }
}
