/// What a `set` puts into a cell.
public enum CellInput: Sendable, Hashable {
    /// An entered value; on a template total it stands in place of the formula.
    case value(Value)
    /// A formula in the formula language, without a leading `=` (`t3.new.natural + 1`).
    case formula(String)
    /// Removes whatever was entered: an input becomes empty, a template total computes its sum again.
    case clear
}
