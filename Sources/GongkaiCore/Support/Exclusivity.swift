// Arrays stored in a class (a report's values, the workbook's reports) are checked for exclusive access at run time
// unless the compiler proves, over the whole module, that no access to the property can overlap another. An access
// that changes an element in place or appends spans a possible reallocation (a call the optimiser cannot see
// through), so one such access anywhere keeps every access to the property checked. Instead, the array is moved
// out into a local (no copy: the property is left empty), changed there, and stored back: each access is then a
// plain load or store, the property's checks go away module-wide, and the language's checks stay on.

/// The array held in `storage`, moved out of it (leaving it empty): unique, so it changes in place.
@inline(__always)
func take<Element>(_ storage: inout [Element]) -> [Element] {
    var taken: [Element] = []
    swap(&taken, &storage)
    return taken
}

/// ``take(_:)`` for a report's cell values (an array inside); what it leaves is built without a call, as the
/// access to the property spans the body.
@inline(__always)
func take(_ storage: inout CellValues) -> CellValues {
    var taken = CellValues()
    swap(&taken, &storage)
    return taken
}

/// The dictionary held in `storage`, moved out of it (leaving it empty): unique, so it changes in place.
@inline(__always)
func take<Key, Value>(_ storage: inout [Key: Value]) -> [Key: Value] {
    var taken = [Key: Value]()  // not the literal: that is a call, inside the access
    swap(&taken, &storage)
    return taken
}
