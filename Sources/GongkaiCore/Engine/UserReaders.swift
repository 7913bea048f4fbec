/// The formula cells reading one user name, in the order they were added: none or one inline (most names of a
/// chain are read by one formula, which then costs no array), more in an array.
enum UserReaders: Equatable {
    case none
    case one(Int)
    case many([Int])

    var count: Int {
        switch self {
        case .none: 0
        case .one: 1
        case .many(let all): all.count
        }
    }

    var isEmpty: Bool { count == 0 }

    /// The `k`-th reader (`k < count`).
    subscript(k: Int) -> Int {
        switch self {
        case .none: preconditionFailure("no reader")
        case .one(let reader): reader
        case .many(let all): all[k]
        }
    }

    /// The readers as an array, in order.
    var array: [Int] {
        switch self {
        case .none: []
        case .one(let reader): [reader]
        case .many(let all): all
        }
    }

    mutating func append(_ reader: Int) {
        switch self {
        case .none: self = .one(reader)
        case .one(let first): self = .many([first, reader])
        case .many(var all):
            self = .none  // the array unique while it grows
            all.append(reader)
            self = .many(all)
        }
    }

    /// Removes the last occurrence of `reader`; false when it reads nothing here.
    mutating func removeLast(_ reader: Int) -> Bool {
        switch self {
        case .none: return false
        case .one(let only):
            guard only == reader else { return false }
            self = .none
        case .many(var all):
            guard let i = all.lastIndex(of: reader) else { return false }
            self = .none
            all.remove(at: i)
            self = all.count == 1 ? .one(all[0]) : .many(all)
        }
        return true
    }
}
